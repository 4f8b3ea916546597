/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console broker: one ordered stream per console. What the driver's
 * console fd gives is appended to the scroll-back (the last
 * SCROLLBACK_SIZE bytes, by stream position), sent a line at a time to the
 * journal (rate-limited) and to every reader (client sockets and the pty)
 * from that reader's own position, as fast as it takes them. A reader the
 * scroll-back is about to leave behind loses its place: it gets the rest
 * of the line it was in, then a notice of how many bytes it missed, then
 * the oldest whole line still held and on. So a slow reader slows neither
 * the cell nor the others, and no reader sees a spliced line.
 *
 * What readers type is queued and fed to the cell as fast as it takes it;
 * while the queue is full they are not read from, so their writes wait.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "cv-log.h"
#include "cv-util.h"
#include "journal-nowait.h"
#include "ratelimit.h"

#define SCROLLBACK_SIZE (64 * 1024)
#define LINE_MAX_LEN 1024
#define NOTICE_MAX 128
#define INPUT_MAX (16 * 1024)
/*
 * Lines a cell may send to the journal: a burst, then a steady rate. A cell
 * printing as fast as it can (Jailhouse's uart-demo does) would otherwise
 * keep journald, and with it the root's CPUs, busy. The scroll-back, the
 * clients and the pty still get every byte.
 */
#define JOURNAL_BURST 500
#define JOURNAL_PER_SEC 100
/* Bytes read per wake-up, so a flood cannot keep the event loop to itself. */
#define READ_PER_WAKEUP (64 * 1024)
/*
 * After a read, the console is not looked at for this long. A flooding
 * cell fills its ring meanwhile (and waits if it is full), so its output
 * is taken and fanned out a ring at a time instead of a line or two per
 * doorbell; typed echo is late by at most this much.
 */
#define READ_HOLDOFF_USEC (10 * 1000)

struct reader {
	struct console *console;
	struct reader *next;
	int fd;
	bool is_pty;			/* the pty's master: written, not sent to */
	sd_event_source *src;
	uint64_t pos;			/* its next byte of the stream */
	uint64_t end;			/* a snapshot ends here; UINT64_MAX: it follows */
	bool mid_line;			/* the last stream byte it got was not a '\n' */
	bool lost;			/* it lost its place: the gap starts at gap_from */
	uint64_t gap_from;
	char pending[LINE_MAX_LEN + NOTICE_MAX];	/* goes out before the stream */
	size_t pending_len, pending_sent;
	bool takes_input;		/* what it writes goes to the cell */
	bool blocked;			/* waiting for EPOLLOUT */
	bool paused;			/* not read from: the input queue is full */
};

struct console {
	char *name;
	int fd;				/* the driver's console */
	sd_event_source *src;
	sd_event_source *holdoff;	/* re-enables src READ_HOLDOFF_USEC after a read */
	char *ring;			/* the scroll-back: stream bytes [start, end) */
	uint64_t end;			/* bytes received so far */
	char line[LINE_MAX_LEN];
	size_t line_len;
	struct ratelimit journal_limit;
	struct reader *readers;
	char input[INPUT_MAX];		/* typed by readers, not yet taken by the cell */
	size_t input_len;
	int pty_slave;
	char *pty_link;
};

/* ---- the stream ---- */

static uint64_t stream_start(const struct console *c)
{
	return c->end > SCROLLBACK_SIZE ? c->end - SCROLLBACK_SIZE : 0;
}

static char stream_byte(const struct console *c, uint64_t pos)
{
	return c->ring[pos % SCROLLBACK_SIZE];
}

/* The first line start at or after pos (whose byte before may be gone), or the end. */
static uint64_t next_line_start(const struct console *c, uint64_t pos)
{
	if (pos == 0 || (pos > stream_start(c) && stream_byte(c, pos - 1) == '\n'))
		return pos;
	for (; pos < c->end; pos++)
		if (stream_byte(c, pos) == '\n')
			return pos + 1;
	return c->end;
}

/* The end of the last whole line: after the last '\n' (at least first). */
static uint64_t whole_lines_end(const struct console *c, uint64_t first)
{
	uint64_t p = c->end;

	while (p > first && stream_byte(c, p - 1) != '\n')
		p--;
	return p;
}

/* Where the last n lines before whole (a line start) begin, not before first. */
static uint64_t tail_start(const struct console *c, uint64_t first, uint64_t whole, uint64_t n)
{
	uint64_t p = whole;

	for (; n && p > first; n--) {
		p--;
		while (p > first && stream_byte(c, p - 1) != '\n')
			p--;
	}
	return p;
}

/* ---- the journal ---- */

static uint64_t now_usec(struct console *c)
{
	uint64_t t = 0;

	(void)sd_event_now(sd_event_source_get_event(c->src), CLOCK_MONOTONIC, &t);
	return t;
}

/* The note for the lines held back since it was last sent; false if journald cannot take it now. */
static bool journal_note(struct console *c)
{
	if (!c->journal_limit.suppressed)
		return true;
	if (!journal_send_nowait("MESSAGE=%" PRIu64 " lines of %s's console were not sent to the journal "
				 "(more than %d a second, or journald was busy); cellctl console has them all\n"
				 "CELL=%s\nPRIORITY=4\nSYSLOG_IDENTIFIER=cell-%s\n",
				 c->journal_limit.suppressed, c->name, JOURNAL_PER_SEC, c->name, c->name))
		return false;
	c->journal_limit.suppressed = 0;
	return true;
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
	/* what journald cannot take now is counted like what the rate limit holds back */
	if (!journal_note(c) ||
	    !journal_send_nowait("MESSAGE=%s\nCELL=%s\nPRIORITY=6\nSYSLOG_IDENTIFIER=cell-%s\n",
				 c->line, c->name, c->name))
		c->journal_limit.suppressed++;
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

/* ---- readers ---- */

static void reader_free(struct reader *r)
{
	struct reader **p;

	for (p = &r->console->readers; *p; p = &(*p)->next)
		if (*p == r) {
			*p = r->next;
			break;
		}
	sd_event_source_disable_unref(r->src);
	close(r->fd);
	free(r);
}

static void reader_update_events(struct reader *r)
{
	uint32_t ev = (r->blocked ? EPOLLOUT : 0) | (r->takes_input && !r->paused ? EPOLLIN : 0);

	(void)sd_event_source_set_io_events(r->src, ev | EPOLLRDHUP);
}

static ssize_t reader_out(struct reader *r, const char *buf, size_t n)
{
	if (r->is_pty)
		return write(r->fd, buf, n);
	return send(r->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void pending_add(struct reader *r, const char *buf, size_t n)
{
	if (n > sizeof(r->pending) - r->pending_len)
		n = sizeof(r->pending) - r->pending_len;
	memcpy(r->pending + r->pending_len, buf, n);
	r->pending_len += n;
}

/*
 * Before the scroll-back overwrites r's next byte: r keeps the rest of the
 * line it is in, and misses what follows until it can take more.
 */
static void reader_lose_place(struct reader *r)
{
	struct console *c = r->console;
	uint64_t eol = r->pos;

	if (r->mid_line) {
		bool whole;

		while (eol < c->end && eol - r->pos < LINE_MAX_LEN && stream_byte(c, eol) != '\n')
			eol++;
		whole = eol < c->end && stream_byte(c, eol) == '\n';
		for (uint64_t p = r->pos; p < eol + whole; p++) {
			char b = stream_byte(c, p);

			pending_add(r, &b, 1);
		}
		if (!whole)
			pending_add(r, "\r\n", 2);	/* a line longer than we keep for it is cut */
		eol += whole;
	}
	r->lost = true;
	r->mid_line = false;
	r->gap_from = eol;
}

/* r can take more again: the notice, then the oldest whole line still held. */
static void reader_resume(struct reader *r)
{
	struct console *c = r->console;
	uint64_t first = next_line_start(c, stream_start(c));
	char notice[NOTICE_MAX];

	if (first > r->gap_from) {
		int n = snprintf(notice, sizeof(notice),
				 "[cellmgrd: %" PRIu64 " bytes of %s's console skipped: this reader fell behind]\r\n",
				 first - r->gap_from, c->name);

		pending_add(r, notice, (size_t)MIN(n, (int)sizeof(notice) - 1));
	}
	r->pos = MAX(first, r->gap_from);
	r->lost = false;
}

/* Sends what r may have: pending bytes, then the stream. Frees a finished snapshot. */
static void reader_flush(struct reader *r)
{
	struct console *c = r->console;
	ssize_t n;

	r->blocked = false;
	for (;;) {
		const char *buf;
		size_t len;

		if (r->pending_sent < r->pending_len) {
			buf = r->pending + r->pending_sent;
			len = r->pending_len - r->pending_sent;
		} else if (r->lost) {
			r->pending_len = r->pending_sent = 0;
			reader_resume(r);
			continue;
		} else {
			uint64_t stop = MIN(r->end, c->end);

			r->pending_len = r->pending_sent = 0;
			if (r->pos >= stop)
				break;
			buf = c->ring + r->pos % SCROLLBACK_SIZE;
			len = (size_t)MIN(stop - r->pos, SCROLLBACK_SIZE - r->pos % SCROLLBACK_SIZE);
		}
		n = reader_out(r, buf, len);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			r->blocked = true;
			break;
		}
		if (n <= 0) {
			/* the client went away (a pty without a reader only blocks) */
			if (!r->is_pty)
				reader_free(r);
			return;
		}
		if (r->pending_sent < r->pending_len) {
			r->pending_sent += (size_t)n;
		} else {
			r->pos += (uint64_t)n;
			r->mid_line = buf[n - 1] != '\n';
		}
	}
	if (r->pos >= r->end && r->pending_sent == r->pending_len && !r->lost) {
		reader_free(r);		/* the snapshot is out; the client reads to EOF */
		return;
	}
	reader_update_events(r);
}

/* ---- input ---- */

static void console_update_events(struct console *c)
{
	(void)sd_event_source_set_io_events(c->src, EPOLLIN | EPOLLRDHUP | (c->input_len ? EPOLLOUT : 0));
}

/* Feeds the queue to the cell, as much as it takes; readers resume when there is room. */
static void input_feed(struct console *c)
{
	while (c->input_len) {
		ssize_t n = write(c->fd, c->input, c->input_len);

		if (n <= 0) {
			if (n < 0 && errno != EAGAIN)
				log_debug("Console of %s does not take input: %s", c->name, strerror(errno));
			break;
		}
		memmove(c->input, c->input + n, c->input_len - (size_t)n);
		c->input_len -= (size_t)n;
	}
	console_update_events(c);
	if (c->input_len < INPUT_MAX)
		for (struct reader *r = c->readers; r; r = r->next)
			if (r->paused) {
				r->paused = false;
				reader_update_events(r);
			}
}

/* Reads what r typed into the queue; a full queue stops reading from r. */
static void reader_input(struct reader *r)
{
	struct console *c = r->console;
	ssize_t n;

	if (c->input_len == INPUT_MAX) {
		r->paused = true;
		reader_update_events(r);
		return;
	}
	n = read(r->fd, c->input + c->input_len, INPUT_MAX - c->input_len);
	if (n > 0) {
		c->input_len += (size_t)n;
		input_feed(c);
	} else if (!r->is_pty && (n == 0 || errno != EAGAIN)) {
		reader_free(r);
	}
}

static int on_reader(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct reader *r = userdata;

	(void)s, (void)fd;
	if (revents & EPOLLIN) {
		reader_input(r);
		return 0;	/* r may be gone */
	}
	if (revents & EPOLLOUT) {
		reader_flush(r);
		return 0;
	}
	if (!r->is_pty && (revents & (EPOLLHUP | EPOLLRDHUP | EPOLLERR)))
		reader_free(r);
	return 0;
}

static int reader_new(struct console *c, int fd, bool is_pty, uint64_t pos, uint64_t end,
		      bool takes_input, struct reader **ret)
{
	struct reader *r = calloc(1, sizeof(*r));
	int e;

	if (!r)
		return -ENOMEM;
	*r = (struct reader){ .console = c, .fd = fd, .is_pty = is_pty, .pos = pos, .end = end,
			      .takes_input = takes_input };
	e = sd_event_add_io(sd_event_source_get_event(c->src), &r->src, fd, EPOLLRDHUP, on_reader, r);
	if (e < 0) {
		free(r);
		return e;
	}
	r->next = c->readers;
	c->readers = r;
	reader_update_events(r);
	*ret = r;
	return 0;
}

/* ---- the driver's console ---- */

/* Appends what the cell printed; readers the scroll-back would leave behind lose their place. */
static void stream_append(struct console *c, const char *buf, size_t n)
{
	for (struct reader *r = c->readers; r; r = r->next)
		if (!r->lost && r->pos < r->end && c->end + n - r->pos > SCROLLBACK_SIZE)
			reader_lose_place(r);
	for (size_t done = 0; done < n;) {
		size_t off = c->end % SCROLLBACK_SIZE;
		size_t chunk = MIN(n - done, SCROLLBACK_SIZE - off);

		memcpy(c->ring + off, buf + done, chunk);
		c->end += chunk;
		done += chunk;
	}
}

static int on_console(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct console *c = userdata;
	char buf[4096];
	size_t done = 0;
	ssize_t n = 0;

	if (revents & EPOLLOUT)
		input_feed(c);
	/* What is left after READ_PER_WAKEUP wakes us again, after the bus had its turn. */
	while (done < READ_PER_WAKEUP && (n = read(fd, buf, sizeof(buf))) > 0) {
		struct reader *r, *next;

		stream_append(c, buf, (size_t)n);
		journal_feed(c, buf, (size_t)n);
		for (r = c->readers; r; r = next) {
			next = r->next;
			if (!r->blocked)
				reader_flush(r);
		}
		done += (size_t)n;
	}
	/*
	 * The module's console returns 0 when nothing is new, so only a hang-up
	 * (or an error) ends the console.
	 */
	if (done < READ_PER_WAKEUP &&
	    ((n < 0 && errno != EAGAIN) || (revents & (EPOLLHUP | EPOLLRDHUP | EPOLLERR)))) {
		log_debug("Console of %s closed", c->name);
		return sd_event_source_set_enabled(s, SD_EVENT_OFF);
	}
	if (done && sd_event_source_set_time_relative(c->holdoff, READ_HOLDOFF_USEC) >= 0 &&
	    sd_event_source_set_enabled(c->holdoff, SD_EVENT_ONESHOT) >= 0)
		(void)sd_event_source_set_enabled(s, SD_EVENT_OFF);
	return 0;
}

static int on_holdoff_end(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct console *c = userdata;

	(void)s, (void)usec;
	return sd_event_source_set_enabled(c->src, SD_EVENT_ON);
}

/* One pty per console for screen/minicom users, linked at RUNTIME_DIR/console/NAME. */
static int console_open_pty(struct console *c, const char *runtime_dir)
{
	_cleanup_free_ char *dir = NULL;
	struct reader *r;
	struct termios t;
	const char *slave;
	int master, e;

	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (master < 0)
		return -errno;
	if (grantpt(master) < 0 || unlockpt(master) < 0 || !(slave = ptsname(master))) {
		e = -errno;
		close(master);
		return e;
	}
	/* Keep the slave open (raw, no echo) so the master never sees EIO between users. */
	c->pty_slave = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (c->pty_slave < 0) {
		e = -errno;
		close(master);
		return e;
	}
	if (tcgetattr(c->pty_slave, &t) == 0) {
		cfmakeraw(&t);
		(void)tcsetattr(c->pty_slave, TCSANOW, &t);
	}
	/* from the stream's start, as the cell's console began */
	e = reader_new(c, master, true, c->end, UINT64_MAX, true, &r);
	if (e < 0) {
		close(master);
		return e;
	}
	if (asprintf(&dir, "%s/console", runtime_dir) < 0 || asprintf(&c->pty_link, "%s/%s", dir, c->name) < 0)
		return -ENOMEM;
	(void)mkdir(runtime_dir, 0755);
	(void)mkdir(dir, 0755);
	(void)unlink(c->pty_link);
	if (symlink(slave, c->pty_link) < 0)
		log_warning("Cannot link %s to %s: %s", c->pty_link, slave, strerror(errno));
	return 0;
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
	c->pty_slave = -1;
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
	r = sd_event_add_time_relative(e, &c->holdoff, CLOCK_MONOTONIC, READ_HOLDOFF_USEC, 1000,
				       on_holdoff_end, c);
	if (r < 0) {
		console_free(c);
		return r;
	}
	(void)sd_event_source_set_enabled(c->holdoff, SD_EVENT_OFF);
	r = console_open_pty(c, runtime_dir);
	if (r < 0)
		log_warning_errno(r, "Cell %s: no pty for its console", name);
	*ret = c;
	return 0;
}

void console_free(struct console *c)
{
	if (!c)
		return;
	while (c->readers)
		reader_free(c->readers);
	if (c->line_len)
		journal_line(c);
	(void)journal_note(c);
	sd_event_source_disable_unref(c->holdoff);
	sd_event_source_disable_unref(c->src);
	if (c->pty_link)
		(void)unlink(c->pty_link);
	cv_closep(&c->pty_slave);
	close(c->fd);
	free(c->pty_link);
	free(c->ring);
	free(c->name);
	free(c);
}

int console_attach(struct console *c, uint64_t lines, bool follow)
{
	uint64_t first = next_line_start(c, stream_start(c)), whole = whole_lines_end(c, first);
	struct reader *r;
	int sv[2], e, bufsize = SCROLLBACK_SIZE * 2;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	/* Room for the whole scroll-back, so a new client gets it in one go. */
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof(bufsize));
	e = reader_new(c, sv[0], false, tail_start(c, first, whole, lines), follow ? UINT64_MAX : whole,
		       follow, &r);
	if (e < 0) {
		close(sv[0]);
		close(sv[1]);
		return e;
	}
	reader_flush(r);
	return sv[1];
}

unsigned int console_n_clients(const struct console *c)
{
	unsigned int n = 0;

	for (const struct reader *r = c->readers; r; r = r->next)
		n += !r->is_pty;
	return n;
}
