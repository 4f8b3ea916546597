/* SPDX-License-Identifier: GPL-2.0-only */
/* Logging to stderr with "<N>" priority prefixes that journald understands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv-log.h"

static int max_level = CV_LOG_INFO;

void cv_log_set_max_level(int level)
{
	max_level = level;
}

void cv_log_setup(void)
{
	const char *e = getenv("CELLVISOR_LOG_LEVEL");

	if (e && streq(e, "debug"))
		max_level = CV_LOG_DEBUG;
}

/*
 * One write per message: stderr is unbuffered, and each write of a line in
 * pieces is a wake-up of journald's stream reader (of the daemon's pipe).
 */
int cv_log_errno(int level, int r, const char *fmt, ...)
{
	int saved = errno, n, m;
	char line[2048];
	va_list ap;

	if (level > max_level)
		return r;
	n = snprintf(line, sizeof(line), "<%d>", level);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	n = m < 0 ? -1 : n + m;
	if (n >= 0 && r < 0)
		n += snprintf(line + n, n < (int)sizeof(line) ? sizeof(line) - n : 0, ": %s", strerror(-r));
	if (n >= 0 && n < (int)sizeof(line) - 1) {
		line[n++] = '\n';
		fwrite(line, 1, (size_t)n, stderr);
	} else {
		/* too long for the buffer: in pieces */
		fprintf(stderr, "<%d>", level);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		if (r < 0)
			fprintf(stderr, ": %s", strerror(-r));
		fputc('\n', stderr);
	}
	errno = saved;
	return r;
}
