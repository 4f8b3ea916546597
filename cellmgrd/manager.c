/* SPDX-License-Identifier: GPL-2.0-only */
/* Manager lifecycle: event loop, bus, driver, rediscovery of cells, readiness and shutdown. */
#include <signal.h>
#include <stdio.h>
#include <systemd/sd-daemon.h>

#include "console.h"
#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"
#include "polkit.h"
#include "profile.h"

static void on_kmod_change(void *userdata)
{
	manager_refresh(userdata);
}

/*
 * systemctl status shows it; systemd hears of it only when it changes (a
 * message to PID 1 each time), and only once the loop is idle: no caller
 * waits for it.
 */
static int on_notify_status(sd_event_source *s, void *userdata)
{
	struct manager *m = userdata;
	unsigned int n = manager_n_cells(m);
	char status[64];

	(void)s;
	snprintf(status, sizeof(status), "STATUS=%s, %u cell%s.",
		 m->enabled ? "Hypervisor enabled" : "Hypervisor disabled", n, n == 1 ? "" : "s");
	if (streq(status, m->status))
		return 0;
	profile_begin("status");
	if (PROFILED(PROFILE_NOTIFY, sd_notify(false, status)) >= 0)
		memcpy(m->status, status, sizeof(status));
	return 0;
}

static int on_refresh_after_call(sd_event_source *s, void *userdata)
{
	(void)s;
	profile_begin(NULL);
	manager_refresh(userdata);
	return 0;
}

int manager_new(const struct manager_options *o, struct manager **ret)
{
	_cleanup_(manager_freep) struct manager *m = NULL;
	int r;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->runtime_dir = strdup(o->runtime_dir);
	m->config_dirs = o->config_dirs;
	if (!m->runtime_dir)
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
	r = polkit_registry_new(&m->polkit);
	if (r < 0)
		return r;
	r = kmod_open(m->event, on_kmod_change, m, &m->kmod);
	if (r < 0)
		return r;
	r = sd_event_add_defer(m->event, &m->notify_status, on_notify_status, m);
	if (r < 0)
		return r;
	(void)sd_event_source_set_priority(m->notify_status, SD_EVENT_PRIORITY_IDLE);
	(void)sd_event_source_set_enabled(m->notify_status, SD_EVENT_OFF);
	/* before any other source: no message is read before it ran */
	r = sd_event_add_defer(m->event, &m->refresh_after_call, on_refresh_after_call, m);
	if (r < 0)
		return r;
	(void)sd_event_source_set_priority(m->refresh_after_call, SD_EVENT_PRIORITY_IMPORTANT);
	(void)sd_event_source_set_enabled(m->refresh_after_call, SD_EVENT_OFF);
	*ret = TAKE_PTR(m);
	return 0;
}

struct manager *manager_free(struct manager *m)
{
	if (!m)
		return NULL;
	while (m->cells) {
		struct cell *c = m->cells;

		m->cells = c->next;
		cell_free(c);
	}
	console_free(m->hv_console);
	sd_event_source_disable_unref(m->notify_status);
	sd_event_source_disable_unref(m->refresh_after_call);
	polkit_registry_free(m->polkit);
	sd_bus_flush_close_unref(m->bus);
	kmod_close(m->kmod);
	sd_event_unref(m->event);
	free(m->system_config);
	cv_config_free(m->system);
	free(m->runtime_dir);
	free(m);
	return NULL;
}

struct cell *manager_find_cell(struct manager *m, const char *name)
{
	for (struct cell *c = m->cells; c; c = c->next)
		if (streq(c->name, name))
			return c;
	return NULL;
}

struct cell *manager_find_cell_by_id(struct manager *m, uint32_t id)
{
	for (struct cell *c = m->cells; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

unsigned int manager_n_cells(const struct manager *m)
{
	unsigned int n = 0;

	for (const struct cell *c = m->cells; c; c = c->next)
		n++;
	return n;
}

static void manager_remove_gone(struct manager *m, const struct cv_cell_info *cells, uint32_t n)
{
	struct cell **p = &m->cells;

	while (*p) {
		struct cell *c = *p;
		bool present = false;

		for (uint32_t i = 0; i < n; i++)
			present |= cells[i].id == c->id;
		if (present) {
			p = &c->next;
			continue;
		}
		*p = c->next;
		log_info("Cell %s (id %u) is gone", c->name, c->id);
		cell_bus_emit_removed(c);
		PROFILED_VOID(PROFILE_FILES, cell_forget(m, c->name));
		cell_free(c);
	}
}

static void manager_refresh_cell(struct manager *m, const struct cv_cell_info *snap)
{
	struct cv_cell_info info = *snap;
	struct cell *c;
	unsigned int changes;

	c = manager_find_cell_by_id(m, info.id);
	if (!c) {
		if (cell_new(m, &info, &c) < 0)
			return;
		c->next = m->cells;
		m->cells = c;
		log_info("Cell %s (id %u) is %s", c->name, c->id, cell_state_to_string(c->state));
		cell_bus_emit_new(c);
		if (c->state == CV_CELL_FAILED)
			cell_bus_emit_changed(c, CELL_CHANGED_FAILED);
		return;
	}
	changes = cell_update(c, &info);
	/* Rebooted and running again: what clients see is a new start. */
	if ((changes & CELL_CHANGED_STATE) && cell_reboot(c) && kmod_cell_info(m->kmod, c->id, &info) >= 0)
		(void)cell_update(c, &info);
	if (changes) {
		log_info("Cell %s is %s", c->name, cell_state_to_string(c->state));
		cell_bus_emit_changed(c, changes);
	}
}

static void manager_refresh_hv(struct manager *m, bool enabled)
{
	int fd;

	if (enabled == m->enabled)
		return;
	m->enabled = enabled;
	manager_bus_emit_enabled(m);
	if (!enabled) {
		PROFILED_VOID(PROFILE_CONSOLE, console_free(m->hv_console));
		m->hv_console = NULL;
		return;
	}
	fd = kmod_console_open(m->kmod, CV_CONSOLE_HYPERVISOR);
	if (fd >= 0)
		(void)PROFILED(PROFILE_CONSOLE, console_new(m->event, "hypervisor", fd, m->runtime_dir, &m->hv_console));
}

void manager_refresh(struct manager *m)
{
	uint64_t t0 = profile_enabled ? profile_now_usec() : 0;
	struct kmod_snapshot snap;

	(void)sd_event_source_set_enabled(m->refresh_after_call, SD_EVENT_OFF);	/* this is it */
	/* One request: the module's state at one moment, and the events it reflects marked seen. */
	if (kmod_snapshot(m->kmod, &snap) < 0)
		snap = (struct kmod_snapshot){};	/* no module: no hypervisor, no cells */
	manager_refresh_hv(m, snap.enabled);
	manager_remove_gone(m, snap.cells, snap.n_cells);
	for (uint32_t i = 0; i < snap.n_cells; i++)
		manager_refresh_cell(m, &snap.cells[i]);
	manager_refresh_links(m, snap.links, snap.n_links);
	(void)sd_event_source_set_enabled(m->notify_status, SD_EVENT_ONESHOT);
	if (t0)
		profile_add(PROFILE_REFRESH, t0);
}

void manager_refresh_after_call(struct manager *m)
{
	(void)sd_event_source_set_enabled(m->refresh_after_call, SD_EVENT_ONESHOT);
}

static int manager_connect_bus(struct manager *m)
{
	int r;

	r = sd_bus_default_system(&m->bus);
	if (r < 0)
		return log_error_errno(r, "Cannot connect to the system bus");
	r = manager_bus_register(m);
	if (r < 0)
		return log_error_errno(r, "Cannot register the Manager object");
	r = cell_bus_register(m);
	if (r < 0)
		return log_error_errno(r, "Cannot register the Cell objects");
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

	/* The system config the running hypervisor was enabled with survives our restarts. */
	manager_restore_system(m);
	/* Rediscover what runs before anyone can ask: the driver has the truth. */
	manager_refresh(m);
	r = manager_connect_bus(m);
	if (r < 0)
		return r;
	m->bus_ready = true;
	r = profile_setup(m->event, m->bus);
	if (r < 0)
		log_warning_errno(r, "Cannot profile to $CELLMGRD_PROFILE");
	log_info("Ready: hypervisor %s, %u cells", m->enabled ? "enabled" : "not enabled", manager_n_cells(m));
	(void)sd_notify(false, "READY=1");
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
