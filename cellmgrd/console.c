/* SPDX-License-Identifier: GPL-2.0-only */
/* The console broker: scroll-back, fan-out to sockets and a pty, lines to the journal. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "cv-log.h"
#include "cv-util.h"
#include "ratelimit.h"

#define SCROLLBACK_SIZE (64 * 1024)
#define LINE_MAX_LEN 1024
/*
 * Lines a cell may send to the journal: a burst, then a steady rate. A cell
 * printing as fast as it can (Jailhouse's uart-demo does) would otherwise
 * keep journald busy and the daemon blocked on its socket. The scroll-back,
 * the clients and the pty still get every byte.
 */
#define JOURNAL_BURST 500
#define JOURNAL_PER_SEC 100
/* Bytes read per wake-up, so a flood cannot keep the event loop to itself. */
#define READ_PER_WAKEUP (64 * 1024)

struct console_client {
	struct console *console;
	struct console_client *next;
	int fd;
	sd_event_source *src;
};

struct console {
	char *name;
	int fd;				/* the driver's console */
	sd_event_source *src;
	char *ring;			/* scroll-back, ring_len bytes ending at ring_end */
	size_t ring_end, ring_len;
	char line[LINE_MAX_LEN];
	size_t line_len;
	struct ratelimit journal_limit;
	struct console_client *clients;
	int pty_master, pty_slave;
	sd_event_source *pty_src;
	char *pty_link;
};

static uint64_t now_usec(struct console *c)
{
	uint64_t t = 0;

	(void)sd_event_now(sd_event_source_get_event(c->src), CLOCK_MONOTONIC, &t);
	return t;
}

static void ring_append(struct console *c, const char *buf, size_t n)
{
	if (n > SCROLLBACK_SIZE) {	/* only the last SCROLLBACK_SIZE bytes stay */
		buf += n - SCROLLBACK_SIZE;
		n = SCROLLBACK_SIZE;
	}
	while (n) {
		size_t chunk = SCROLLBACK_SIZE - c->ring_end < n ? SCROLLBACK_SIZE - c->ring_end : n;

		memcpy(c->ring + c->ring_end, buf, chunk);
		c->ring_end = (c->ring_end + chunk) % SCROLLBACK_SIZE;
		c->ring_len = c->ring_len + chunk > SCROLLBACK_SIZE ? SCROLLBACK_SIZE : c->ring_len + chunk;
		buf += chunk;
		n -= chunk;
	}
}

static void journal_line(struct console *c)
{
	c->line[c->line_len] = 0;
	/* Drop the CR of CRLF line ends; inmates write either. */
	if (c->line_len && c->line[c->line_len - 1] == '\r')
		c->line[--c->line_len] = 0;
	if (c->line_len == 0)
		return;		/* blank lines say nothing in the journal */
	c->line_len = 0;
	if (!ratelimit_take(&c->journal_limit, now_usec(c)))
		return;
	if (c->journal_limit.suppressed) {
		(void)sd_journal_send("MESSAGE=%" PRIu64 " lines of %s's console were not sent to the journal "
				      "(more than %d a second); cellctl console has them all",
				      c->journal_limit.suppressed, c->name, JOURNAL_PER_SEC,
				      "CELL=%s", c->name, "PRIORITY=4", "SYSLOG_IDENTIFIER=cell-%s", c->name, NULL);
		c->journal_limit.suppressed = 0;
	}
	(void)sd_journal_send("MESSAGE=%s", c->line, "CELL=%s", c->name, "PRIORITY=6",
			      "SYSLOG_IDENTIFIER=cell-%s", c->name, NULL);
}

static void journal_feed(struct console *c, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			journal_line(c);
			continue;
		}
		c->line[c->line_len++] = buf[i];
		if (c->line_len == LINE_MAX_LEN - 1)
			journal_line(c);
	}
}

static void client_free(struct console_client *cl)
{
	struct console_client **p;

	for (p = &cl->console->clients; *p; p = &(*p)->next)
		if (*p == cl) {
			*p = cl->next;
			break;
		}
	sd_event_source_disable_unref(cl->src);
	close(cl->fd);
	free(cl);
}

static void fan_out(struct console *c, const char *buf, size_t n)
{
	struct console_client *cl, *next;

	for (cl = c->clients; cl; cl = next) {
		ssize_t w = send(cl->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);

		next = cl->next;
		/* A reader too slow to keep up loses bytes rather than stalling the cell's console. */
		if (w < 0 && errno != EAGAIN)
			client_free(cl);
	}
	if (c->pty_master >= 0)
		(void)!write(c->pty_master, buf, n);
}

static int on_console(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct console *c = userdata;
	char buf[4096];
	size_t done = 0;
	ssize_t n;

	/* What is left after READ_PER_WAKEUP wakes us again, after the bus had its turn. */
	while (done < READ_PER_WAKEUP && (n = read(fd, buf, sizeof(buf))) > 0) {
		ring_append(c, buf, (size_t)n);
		journal_feed(c, buf, (size_t)n);
		fan_out(c, buf, (size_t)n);
		done += (size_t)n;
	}
	if (done >= READ_PER_WAKEUP)
		return 0;
	/*
	 * The module's console returns 0 when nothing is new, so only a hang-up
	 * (or an error) ends the console.
	 */
	if ((n < 0 && errno != EAGAIN) || (revents & (EPOLLHUP | EPOLLRDHUP | EPOLLERR))) {
		log_debug("Console of %s closed", c->name);
		return sd_event_source_set_enabled(s, SD_EVENT_OFF);
	}
	return 0;
}

/* What a client or the pty user types goes to the cell. */
static void to_cell(struct console *c, const char *buf, size_t n)
{
	if (write(c->fd, buf, n) < 0 && errno != EAGAIN)
		log_debug("Console of %s does not take input: %s", c->name, strerror(errno));
}

static int on_client(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct console_client *cl = userdata;
	char buf[1024];
	ssize_t n;

	(void)s;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n > 0)
		to_cell(cl->console, buf, (size_t)n);
	else if (n == 0 || (n < 0 && errno != EAGAIN) || (revents & (EPOLLHUP | EPOLLRDHUP)))
		client_free(cl);
	return 0;
}

static int on_pty(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct console *c = userdata;
	char buf[1024];
	ssize_t n;

	(void)s, (void)revents;
	n = read(fd, buf, sizeof(buf));
	if (n > 0)
		to_cell(c, buf, (size_t)n);
	return 0;
}

/* One pty per console for screen/minicom users, linked at RUNTIME_DIR/console/NAME. */
static int console_open_pty(sd_event *e, struct console *c, const char *runtime_dir)
{
	_cleanup_free_ char *dir = NULL;
	struct termios t;
	const char *slave;

	c->pty_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (c->pty_master < 0 || grantpt(c->pty_master) < 0 || unlockpt(c->pty_master) < 0)
		return -errno;
	slave = ptsname(c->pty_master);
	if (!slave)
		return -errno;
	/* Keep the slave open (raw, no echo) so the master never sees EIO between users. */
	c->pty_slave = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (c->pty_slave < 0)
		return -errno;
	if (tcgetattr(c->pty_slave, &t) == 0) {
		cfmakeraw(&t);
		(void)tcsetattr(c->pty_slave, TCSANOW, &t);
	}
	if (asprintf(&dir, "%s/console", runtime_dir) < 0 || asprintf(&c->pty_link, "%s/%s", dir, c->name) < 0)
		return -ENOMEM;
	(void)mkdir(runtime_dir, 0755);
	(void)mkdir(dir, 0755);
	(void)unlink(c->pty_link);
	if (symlink(slave, c->pty_link) < 0)
		log_warning("Cannot link %s to %s: %s", c->pty_link, slave, strerror(errno));
	return sd_event_add_io(e, &c->pty_src, c->pty_master, EPOLLIN, on_pty, c);
}

int console_new(sd_event *e, const char *name, int fd, const char *runtime_dir, struct console **ret)
{
	struct console *c = calloc(1, sizeof(*c));
	int r;

	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	c->fd = fd;
	c->pty_master = c->pty_slave = -1;
	c->journal_limit = RATELIMIT_INIT(JOURNAL_BURST, JOURNAL_PER_SEC);
	c->name = strdup(name);
	c->ring = malloc(SCROLLBACK_SIZE);
	if (!c->name || !c->ring) {
		console_free(c);
		return -ENOMEM;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	r = sd_event_add_io(e, &c->src, fd, EPOLLIN | EPOLLRDHUP, on_console, c);
	if (r < 0) {
		console_free(c);
		return r;
	}
	/* Console traffic yields to method calls. */
	(void)sd_event_source_set_priority(c->src, SD_EVENT_PRIORITY_NORMAL + 10);
	r = console_open_pty(e, c, runtime_dir);
	if (r < 0)
		log_warning_errno(r, "Cell %s: no pty for its console", name);
	*ret = c;
	return 0;
}

void console_free(struct console *c)
{
	if (!c)
		return;
	while (c->clients)
		client_free(c->clients);
	if (c->line_len)
		journal_line(c);
	sd_event_source_disable_unref(c->src);
	sd_event_source_disable_unref(c->pty_src);
	if (c->pty_link)
		(void)unlink(c->pty_link);
	cv_closep(&c->pty_master);
	cv_closep(&c->pty_slave);
	close(c->fd);
	free(c->pty_link);
	free(c->ring);
	free(c->name);
	free(c);
}

static void send_scrollback(struct console *c, int fd)
{
	size_t start = (c->ring_end + SCROLLBACK_SIZE - c->ring_len) % SCROLLBACK_SIZE;
	size_t first = c->ring_len < SCROLLBACK_SIZE - start ? c->ring_len : SCROLLBACK_SIZE - start;

	(void)!send(fd, c->ring + start, first, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (first < c->ring_len)
		(void)!send(fd, c->ring, c->ring_len - first, MSG_DONTWAIT | MSG_NOSIGNAL);
}

int console_attach(struct console *c)
{
	sd_event *e = sd_event_source_get_event(c->src);
	struct console_client *cl;
	int sv[2], r, bufsize = SCROLLBACK_SIZE * 2;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	/* Room for the whole scroll-back, so a new client gets it in one go. */
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof(bufsize));
	cl = calloc(1, sizeof(*cl));
	if (!cl) {
		close(sv[0]);
		close(sv[1]);
		return -ENOMEM;
	}
	cl->console = c;
	cl->fd = sv[0];
	r = sd_event_add_io(e, &cl->src, cl->fd, EPOLLIN | EPOLLRDHUP, on_client, cl);
	if (r < 0) {
		close(sv[0]);
		close(sv[1]);
		free(cl);
		return r;
	}
	send_scrollback(c, cl->fd);
	cl->next = c->clients;
	c->clients = cl;
	return sv[1];
}

unsigned int console_n_clients(const struct console *c)
{
	unsigned int n = 0;

	for (const struct console_client *cl = c->clients; cl; cl = cl->next)
		n++;
	return n;
}
