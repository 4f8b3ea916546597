// SPDX-License-Identifier: GPL-2.0-only
/* Journal entries that never make the daemon wait (journal-nowait.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "journal-nowait.h"

#define JOURNAL_SOCKET "/run/systemd/journal/socket"
#define ENTRY_MAX 2048

/* A non-blocking datagram socket connected to journald; -1 until one connects. */
static int journal_fd = -1;

static int journal_connect(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = JOURNAL_SOCKET };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

bool journal_send_nowait(const char *fields, ...)
{
	char entry[ENTRY_MAX];
	va_list ap;
	int n;

	va_start(ap, fields);
	n = vsnprintf(entry, sizeof(entry), fields, ap);
	va_end(ap);
	if (n < 0)
		return false;
	if (n >= (int)sizeof(entry)) {
		n = sizeof(entry) - 1;		/* a long value is cut; the entry still ends a field */
		entry[n - 1] = '\n';
	}
	if (journal_fd < 0)
		journal_fd = journal_connect();
	if (journal_fd < 0)
		return false;
	if (send(journal_fd, entry, (size_t)n, MSG_NOSIGNAL) == n)
		return true;
	if (errno != EAGAIN && errno != EWOULDBLOCK) {
		/* journald restarted (or went): connect again next time */
		close(journal_fd);
		journal_fd = -1;
	}
	return false;
}
