/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellctl console [NAME] [-f] [-n N]: print what the console holds now (its
 * last N lines) and exit, or follow it; on a terminal, keystrokes go to the
 * cell until Ctrl-] is pressed three times within a second.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <termios.h>
#include <time.h>

#include "cellctl.h"
#include "cv-bus.h"

#define ESCAPE_CHAR 0x1d	/* Ctrl-] */

/* The fd of a console method's reply, our own copy (the reply owns its fd). */
static int reply_fd(sd_bus_message *reply)
{
	int fd, r;

	r = sd_bus_message_read(reply, "h", &fd);
	if (r < 0)
		return r;
	fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	return fd < 0 ? -errno : fd;
}

static void console_what(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "cannot open the console of %s%s%s", name ? "'" : "the hypervisor",
		 name ? name : "", name ? "'" : "");
}

int cellctl_open_console(sd_bus *bus, const char *name)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	char what[128];
	int r;

	console_what(what, sizeof(what), name);
	r = name ? cellctl_call(bus, what, "OpenCellConsole", &reply, "s", name)
		 : cellctl_call(bus, what, "OpenHypervisorConsole", &reply, NULL);
	return r < 0 ? r : reply_fd(reply);
}

/* The last @lines lines of the scroll-back, then (with @follow) the rest. */
static int open_console_tail(sd_bus *bus, const char *name, uint64_t lines, bool follow)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	char what[128];
	int r;

	console_what(what, sizeof(what), name);
	r = name ? cellctl_call(bus, what, "OpenCellConsoleTail", &reply, "stb", name, lines, follow)
		 : cellctl_call(bus, what, "OpenHypervisorConsoleTail", &reply, "tb", lines, follow);
	return r < 0 ? r : reply_fd(reply);
}

static int copy_out(int fd)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n > 0 && write(STDOUT_FILENO, buf, (size_t)n) < 0)
		return -errno;
	return n > 0 ? 1 : n == 0 ? 0 : -errno;
}

/* The snapshot: cellmgrd ends the socket after it. */
static int dump(int fd)
{
	int r;

	while ((r = copy_out(fd)) > 0)
		;
	return r < 0 ? EXIT_FAIL : EXIT_OK;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Forward typed bytes; returns 0 when the escape sequence was typed. What
 * was typed before it in the same read still goes to the cell (a script
 * types a line and leaves at once).
 */
static int forward_input(int fd, bool tty, unsigned int *escapes, uint64_t *first_escape)
{
	char buf[256];
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf)), start = 0;

	if (n <= 0)
		return -1;	/* stdin ended: keep following, stop reading it */
	for (ssize_t i = 0; tty && i < n; i++) {
		if (buf[i] != ESCAPE_CHAR) {
			*escapes = 0;
			continue;
		}
		if (*escapes == 0 || now_ms() - *first_escape > 1000) {
			*escapes = 0;
			*first_escape = now_ms();
			start = i;
		}
		if (++*escapes == 3) {
			if (start > 0)
				(void)!write(fd, buf, (size_t)start);
			return 0;
		}
	}
	if (write(fd, buf, (size_t)n) < 0)
		return -1;
	return 1;
}

static int follow(int fd, const char *name)
{
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = STDIN_FILENO, .events = POLLIN } };
	bool tty = isatty(STDIN_FILENO);
	struct termios saved, raw;
	unsigned int escapes = 0;
	uint64_t first_escape = 0;
	int ret = EXIT_OK, r;

	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
		raw = saved;
		cfmakeraw(&raw);
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &raw);
		fprintf(stderr, "Connected to the console of %s. Press ^] three times within 1s to exit.\r\n",
			name ? name : "the hypervisor");
	}
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents) {
			r = copy_out(fd);
			if (r <= 0) {
				ret = r < 0 ? EXIT_FAIL : EXIT_OK;
				break;
			}
		}
		if (p[1].revents) {
			r = forward_input(fd, tty, &escapes, &first_escape);
			if (r == 0)
				break;
			if (r < 0)
				p[1].fd = -1;
		}
	}
	if (tty) {
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		fprintf(stderr, "\nConnection to the console of %s closed.\n", name ? name : "the hypervisor");
	}
	return ret;
}

int verb_console(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_close_ int fd = -1;
	const char *name = argc > 1 ? argv[1] : NULL;

	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	fd = open_console_tail(bus, name, arg_lines, arg_follow);
	if (fd < 0)
		return EXIT_FAIL;
	return arg_follow ? follow(fd, name) : dump(fd);
}
