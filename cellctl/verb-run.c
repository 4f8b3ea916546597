/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellctl run NAME: what cell@NAME.service executes. Creates, loads and starts
 * the cell, sends READY=1, copies its console to stdout (the journal), and
 * stays until the cell ends: exit 1 when it fails (so Restart=on-failure
 * applies), 0 when it powers off or is destroyed elsewhere. On SIGTERM it
 * shuts the cell down and destroys it. It survives cellmgrd restarts.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include "cellctl.h"
#include "cv-bus.h"
#include "cv-config.h"

#define RUN_CHECK_USEC (5 * 1000000ULL)

struct run {
	sd_event *event;
	sd_bus *bus;
	const char *name;
	char *path;
	sd_event_source *console_src;
	sd_event_source *timer;
	bool seen_running;		/* started: leaving "running" ends the run */
};

static int call(struct run *r, const char *method, sd_bus_error *error, sd_bus_message **reply,
		const char *types, ...)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *m = NULL;
	va_list ap;
	int k;

	k = sd_bus_message_new_method_call(r->bus, &m, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, method);
	if (k < 0)
		return k;
	va_start(ap, types);
	k = sd_bus_message_appendv(m, types, ap);
	va_end(ap);
	if (k < 0)
		return k;
	return sd_bus_call(r->bus, m, 0, error, reply);
}

static int finish(struct run *r, int code)
{
	return sd_event_exit(r->event, code);
}

/* Shut down and destroy; used on SIGTERM and after a failure, so a restart starts clean. */
static void teardown(struct run *r)
{
	_cleanup_(sd_bus_error_free) sd_bus_error e1 = SD_BUS_ERROR_NULL, e2 = SD_BUS_ERROR_NULL;

	(void)call(r, "ShutdownCell", &e1, NULL, "s", r->name);
	if (call(r, "DestroyCell", &e2, NULL, "s", r->name) < 0 &&
	    !sd_bus_error_has_name(&e2, CV_ERROR_NO_SUCH_CELL))
		fprintf(stderr, "cellctl: cannot destroy cell '%s': %s\n", r->name, e2.message);
}

static int on_console(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct run *r = userdata;
	char buf[4096];
	ssize_t n;

	(void)revents;
	n = read(fd, buf, sizeof(buf));
	if (n > 0) {
		(void)!write(STDOUT_FILENO, buf, (size_t)n);
		return 0;
	}
	/* cellmgrd went away (restart): the timer reconnects. */
	r->console_src = sd_event_source_disable_unref(s);
	return 0;
}

static void open_console(struct run *r)
{
	int fd;

	if (r->console_src)
		return;
	fd = cellctl_open_console(r->bus, r->name);
	if (fd < 0)
		return;
	if (sd_event_add_io(r->event, &r->console_src, fd, EPOLLIN, on_console, r) < 0) {
		close(fd);
		return;
	}
	(void)sd_event_source_set_io_fd_own(r->console_src, true);
}

static void check_state(struct run *r)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_free_ char *state = NULL, *failure = NULL, *stop = NULL;

	if (sd_bus_get_property_string(r->bus, CV_BUS_NAME, r->path, CV_BUS_CELL_IFACE, "State",
				       &error, &state) < 0) {
		if (sd_bus_error_has_name(&error, SD_BUS_ERROR_UNKNOWN_OBJECT)) {
			fprintf(stderr, "Cell %s was destroyed.\n", r->name);
			finish(r, EXIT_OK);
		}
		return;		/* the daemon restarts: ask again later */
	}
	if (streq(state, "running") || streq(state, "running-locked")) {
		r->seen_running = true;
		return;
	}
	if (!r->seen_running)
		return;
	(void)sd_bus_get_property_string(r->bus, CV_BUS_NAME, r->path, CV_BUS_CELL_IFACE, "FailureReason",
					 NULL, &failure);
	(void)sd_bus_get_property_string(r->bus, CV_BUS_NAME, r->path, CV_BUS_CELL_IFACE, "StopReason",
					 NULL, &stop);
	if (failure && !*failure && stop && *stop)
		free(failure), failure = TAKE_PTR(stop);
	fprintf(stderr, "Cell %s is %s%s%s\n", r->name, state, failure && *failure ? ": " : ".",
		failure && *failure ? failure : "");
	(void)sd_notifyf(false, "STATUS=Cell %s is %s", r->name, state);
	teardown(r);
	/*
	 * A cell that was shut down or powered itself off ended normally. One
	 * still down after its own reset could not be booted again by the
	 * daemon: that, and every failure, is one to restart from.
	 */
	finish(r, streq(state, "shut-down") && !(failure && streq(failure, "system-reset")) ? EXIT_OK : EXIT_FAIL);
}

static int on_properties(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	(void)m, (void)error;
	check_state(userdata);
	return 0;
}

static int on_removed(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	struct run *r = userdata;
	const char *name;

	(void)error;
	/* The match names our cell (arg0); check anyway, other cells come and go. */
	if (sd_bus_message_read(m, "s", &name) < 0 || !streq(name, r->name))
		return 0;
	fprintf(stderr, "Cell %s was destroyed.\n", r->name);
	return finish(r, EXIT_OK);
}

static int on_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct run *r = userdata;

	(void)usec;
	open_console(r);
	check_state(r);
	(void)sd_event_source_set_time_relative(s, RUN_CHECK_USEC);
	return sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	struct run *r = userdata;

	(void)s, (void)si;
	(void)sd_notify(false, "STOPPING=1");
	fprintf(stderr, "Stopping cell %s.\n", r->name);
	teardown(r);
	return finish(r, EXIT_OK);
}

/* Create the cell; a leftover of an earlier run (after a crash) is destroyed first. */
static int create(struct run *r)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const char *path;
	int k;

	k = call(r, "CreateCell", &error, &reply, "s", r->name);
	if (k < 0 && sd_bus_error_has_name(&error, CV_ERROR_CELL_EXISTS)) {
		fprintf(stderr, "Cell %s exists from an earlier run; destroying it.\n", r->name);
		teardown(r);
		sd_bus_error_free(&error);
		k = call(r, "CreateCell", &error, &reply, "s", r->name);
	}
	if (k < 0)
		return cellctl_bus_fail("cannot create the cell", &error, k), k;
	k = sd_bus_message_read(reply, "o", &path);
	if (k < 0)
		return k;
	r->path = strdup(path);
	return r->path ? 0 : -ENOMEM;
}

static int load_and_start(struct run *r)
{
	_cleanup_(sd_bus_error_free) sd_bus_error e1 = SD_BUS_ERROR_NULL, e2 = SD_BUS_ERROR_NULL;
	int k;

	k = call(r, "LoadCell", &e1, NULL, "sa(ht)", r->name, 0);
	if (k < 0)
		return cellctl_bus_fail("cannot load the cell", &e1, k), k;
	/* Attach before starting so the first words of the inmate are not lost. */
	open_console(r);
	k = call(r, "StartCell", &e2, NULL, "s", r->name);
	if (k < 0)
		return cellctl_bus_fail("cannot start the cell", &e2, k), k;
	/* From here on, any state but running means the cell ended (it may fail at once). */
	r->seen_running = true;
	return 0;
}

static int match_removed(struct run *r)
{
	_cleanup_free_ char *match = NULL;

	if (asprintf(&match, "type='signal',sender='%s',path='%s',interface='%s',member='CellRemoved',arg0='%s'",
		     CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, r->name) < 0)
		return -ENOMEM;
	return sd_bus_add_match(r->bus, NULL, match, on_removed, r);
}

static int setup(struct run *r)
{
	int k;

	k = sd_event_default(&r->event);
	if (k >= 0)
		k = sd_event_add_signal(r->event, NULL, SIGTERM | SD_EVENT_SIGNAL_PROCMASK, on_signal, r);
	if (k >= 0)
		k = sd_event_add_signal(r->event, NULL, SIGINT | SD_EVENT_SIGNAL_PROCMASK, on_signal, r);
	if (k >= 0)
		k = cellctl_bus_open(&r->bus);
	if (k >= 0)
		k = sd_bus_attach_event(r->bus, r->event, 0);
	if (k >= 0)
		k = create(r);
	if (k >= 0)
		k = sd_bus_match_signal(r->bus, NULL, CV_BUS_NAME, r->path, "org.freedesktop.DBus.Properties",
					"PropertiesChanged", on_properties, r);
	if (k >= 0)
		k = match_removed(r);
	if (k >= 0)
		k = sd_event_add_time_relative(r->event, &r->timer, CLOCK_MONOTONIC, RUN_CHECK_USEC, 0, on_timer, r);
	return k;
}

int verb_run(int argc, char *argv[])
{
	struct run r = { .name = argv[1] };
	int k;

	(void)argc;
	if (!cv_cell_name_valid(r.name)) {
		fprintf(stderr, "cellctl: invalid cell name '%s'\n", r.name);
		return EXIT_USAGE;
	}
	/* Journal lines from the console should appear as they come. */
	setvbuf(stdout, NULL, _IONBF, 0);
	k = setup(&r);
	if (k >= 0)
		k = load_and_start(&r);
	if (k < 0) {
		if (r.path)
			teardown(&r);
		k = EXIT_FAIL;
	} else {
		check_state(&r);
		(void)sd_notifyf(false, "READY=1\nSTATUS=Cell %s is running", r.name);
		fprintf(stderr, "Cell %s is running.\n", r.name);
		k = sd_event_loop(r.event);
		k = k < 0 ? EXIT_FAIL : k;
	}
	sd_event_source_disable_unref(r.console_src);
	sd_event_source_disable_unref(r.timer);
	sd_bus_flush_close_unref(r.bus);
	sd_event_unref(r.event);
	free(r.path);
	return k;
}
