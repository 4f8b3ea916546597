/* SPDX-License-Identifier: GPL-2.0-only */
/* Manager lifecycle: event loop, bus connection, readiness and shutdown. */
#include <signal.h>
#include <systemd/sd-daemon.h>

#include "cv-bus.h"
#include "cv-log.h"
#include "manager.h"

int manager_new(struct manager **ret)
{
	_cleanup_(manager_freep) struct manager *m = NULL;
	int r;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	r = sd_event_default(&m->event);
	if (r < 0)
		return r;
	/* SIGTERM/SIGINT end the loop; sd-event blocks them for us (libsystemd >= 252). */
	r = sd_event_add_signal(m->event, NULL, SIGTERM | SD_EVENT_SIGNAL_PROCMASK, NULL, NULL);
	if (r < 0)
		return r;
	r = sd_event_add_signal(m->event, NULL, SIGINT | SD_EVENT_SIGNAL_PROCMASK, NULL, NULL);
	if (r < 0)
		return r;
	/* Pings WATCHDOG=1 at half of WatchdogSec=, at the start of each loop iteration. */
	r = sd_event_set_watchdog(m->event, true);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(m);
	return 0;
}

struct manager *manager_free(struct manager *m)
{
	if (!m)
		return NULL;
	sd_bus_flush_close_unref(m->bus);
	sd_event_unref(m->event);
	free(m);
	return NULL;
}

static int manager_connect_bus(struct manager *m)
{
	int r;

	r = sd_bus_default_system(&m->bus);
	if (r < 0)
		return log_error_errno(r, "Cannot connect to the system bus");
	r = manager_bus_register(m);
	if (r < 0)
		return log_error_errno(r, "Cannot register the D-Bus objects");
	/* Take the name only after the objects exist, so the first activated call finds them. */
	r = sd_bus_request_name(m->bus, CV_BUS_NAME, 0);
	if (r < 0)
		return log_error_errno(r, "Cannot own %s (is another cellmgrd running, "
				       "or is the D-Bus policy file missing?)", CV_BUS_NAME);
	r = sd_bus_attach_event(m->bus, m->event, SD_EVENT_PRIORITY_NORMAL);
	if (r < 0)
		return log_error_errno(r, "Cannot attach the bus to the event loop");
	/* Exit if dbus-daemon goes away; systemd restarts us and the cells keep running. */
	(void)sd_bus_set_exit_on_disconnect(m->bus, true);
	return 0;
}

int manager_startup(struct manager *m)
{
	int r;

	r = manager_connect_bus(m);
	if (r < 0)
		return r;
	(void)sd_notify(false, "READY=1\nSTATUS=Ready.");
	return 0;
}

int manager_run(struct manager *m)
{
	int r;

	r = sd_event_loop(m->event);
	(void)sd_notify(false, "STOPPING=1");
	if (r < 0)
		return log_error_errno(r, "Event loop failed");
	return 0;
}
