/* SPDX-License-Identifier: GPL-2.0-only */
/* The org.cellvisor.cellmgr1.Cell objects: fallback vtable, finder, enumerator, signals. */
#include <stdio.h>

#include "console.h"
#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"
#include "polkit.h"
#include "profile.h"

int bus_reply_op_error(sd_bus_error *error, const struct op_error *e)
{
	return sd_bus_error_set(error, e->name ? e->name : SD_BUS_ERROR_FAILED, e->message);
}

const char *cell_bus_path(struct cell *c)
{
	if (!c->bus_path && sd_bus_path_encode(CV_BUS_CELL_PREFIX, c->name, &c->bus_path) < 0)
		return NULL;
	return c->bus_path;
}

static int property_get_name(sd_bus *bus, const char *path, const char *interface, const char *property,
			     sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", c->name);
}

static int property_get_state(sd_bus *bus, const char *path, const char *interface, const char *property,
			      sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", cell_state_to_string(c->state));
}

static int property_get_cpus(sd_bus *bus, const char *path, const char *interface, const char *property,
			     sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;
	int r;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	r = sd_bus_message_open_container(reply, 'a', "u");
	for (uint32_t cpu = 0; r >= 0 && cpu < 64; cpu++)
		if (c->cpu_mask >> cpu & 1)
			r = sd_bus_message_append(reply, "u", cpu);
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

static int property_get_config(sd_bus *bus, const char *path, const char *interface, const char *property,
			       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", c->config_file ? c->config_file : "");
}

static int property_get_stop_reason(sd_bus *bus, const char *path, const char *interface, const char *property,
				    sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", cell_stop_reason(userdata));
}

static int property_get_failure(sd_bus *bus, const char *path, const char *interface, const char *property,
				sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	_cleanup_free_ char *s = cell_failure_describe(userdata);

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", s ? s : "");
}

/* HypervisorPages, TablePages: asked of the driver at each read (they are cheap). */
static int property_get_pages(sd_bus *bus, const char *path, const char *interface, const char *property,
			      sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;
	struct cv_cell_info info = {};

	(void)bus, (void)path, (void)interface, (void)error;
	(void)kmod_cell_info(c->manager->kmod, c->id, &info);
	return sd_bus_message_append(reply, "u", streq(property, "TablePages") ? info.table_pages
										 : info.pool_pages);
}

/* Load(a(ht) images): files the caller opened; with none, those the cell's config names. */
static int read_images(sd_bus_message *m, struct cell_image *imgs, size_t *n, sd_bus_error *error)
{
	uint64_t addr;
	int r, fd;

	*n = 0;
	r = sd_bus_message_enter_container(m, 'a', "(ht)");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_read(m, "(ht)", &fd, &addr)) > 0) {
		if (*n >= CV_MAX_IMAGES)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "At most %d images", CV_MAX_IMAGES);
		imgs[(*n)++] = (struct cell_image){ .fd = fd, .address = addr };
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

int bus_cell_method_load(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	struct cell_image imgs[CV_MAX_IMAGES];
	struct cell *c = userdata;
	struct op_error e = {};
	size_t n = 0;
	int r;

	r = read_images(m, imgs, &n, error);
	if (r < 0)
		return r;
	r = polkit_check(m, CV_POLKIT_MANAGE_CELLS, c->name, "load", c->manager->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (n == 0) {
		r = cell_load_config(c, &e);
	} else {
		r = cell_load(c, imgs, n, &e);
		if (r >= 0) {
			cell_boot_free(c);	/* a reboot cannot know these again */
			c->reload = CELL_RELOAD_NONE;
		}
	}
	if (r < 0)
		return bus_reply_op_error(error, &e);
	log_info("Cell %s: loaded %s", c->name, n ? "the images named" : "what its config names");
	return PROFILED_REPLY(sd_bus_reply_method_return(m, NULL));
}

/* LoadLinux(h kernel, a{sv} options): initrd (h), device-tree (h), cmdline (s). */
static int read_linux_options(sd_bus_message *m, struct linux_request *req, sd_bus_error *error)
{
	const char *key;
	int r;

	r = sd_bus_message_read(m, "h", &req->kernel_fd);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		r = sd_bus_message_read(m, "s", &key);
		if (r < 0)
			return r;
		if (streq(key, "initrd") || streq(key, "device-tree")) {
			r = sd_bus_message_read(m, "v", "h", streq(key, "initrd") ? &req->initrd_fd : &req->dtb_fd);
			if (r < 0)
				return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
							 "Option '%s' must be a file descriptor (h)", key);
		} else if (streq(key, "cmdline")) {
			r = sd_bus_message_read(m, "v", "s", &req->cmdline);
			if (r < 0)
				return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
							 "Option 'cmdline' must be a string (s)");
		} else {
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "Unknown option '%s' (known: initrd, device-tree, cmdline)", key);
		}
		r = sd_bus_message_exit_container(m);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

int bus_cell_method_load_linux(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	struct linux_request req = { .kernel_fd = -1, .initrd_fd = -1, .dtb_fd = -1 };
	struct cell *c = userdata;
	struct op_error e = {};
	int r;

	r = read_linux_options(m, &req, error);
	if (r < 0)
		return r;
	r = polkit_check(m, CV_POLKIT_MANAGE_CELLS, c->name, "load", c->manager->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	r = cell_load_linux(c, &req, &e);
	if (r < 0)
		return bus_reply_op_error(error, &e);
	return sd_bus_reply_method_return(m, NULL);
}

/* Start/Shutdown/Destroy share their shape: polkit, the operation, the reply, a fresh look at the driver. */
static int simple_op(sd_bus_message *m, struct cell *c, const char *verb,
		     int (*op)(struct cell *, struct op_error *), sd_bus_error *error)
{
	struct manager *mgr = c->manager;
	struct op_error e = {};
	int r;

	r = polkit_check(m, CV_POLKIT_MANAGE_CELLS, c->name, verb, mgr->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	r = op(c, &e);
	if (r < 0)
		return bus_reply_op_error(error, &e);
	manager_refresh_after_call(mgr);
	return PROFILED_REPLY(sd_bus_reply_method_return(m, NULL));
}

int bus_cell_method_start(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	return simple_op(m, userdata, "start", cell_start, error);
}

int bus_cell_method_shutdown(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	return simple_op(m, userdata, "shutdown", cell_shutdown, error);
}

int bus_cell_method_destroy(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	return simple_op(m, userdata, "destroy", cell_destroy, error);
}

static int open_console(sd_bus_message *m, struct cell *c, uint64_t lines, bool follow, sd_bus_error *error)
{
	_cleanup_close_ int fd = -1;
	int r;

	r = polkit_check(m, CV_POLKIT_CONSOLE, c->name, "console", c->manager->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (!c->console)
		return sd_bus_error_setf(error, CV_ERROR_NOT_SUPPORTED,
					 "Cell '%s' has no console: the module did not provide one", c->name);
	fd = console_attach(c->console, lines, follow);
	if (fd < 0)
		return sd_bus_error_set_errnof(error, fd, "Cannot attach to the console of '%s': %s",
					       c->name, strerror(-fd));
	/* Appending "h" duplicates the fd; ours is closed on return. */
	return sd_bus_reply_method_return(m, "h", fd);
}

int bus_cell_method_open_console(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	return open_console(m, userdata, UINT64_MAX, true, error);
}

int bus_cell_method_open_console_tail(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	uint64_t lines;
	int follow, r;

	r = sd_bus_message_read(m, "tb", &lines, &follow);
	return r < 0 ? r : open_console(m, userdata, lines, follow, error);
}

int bus_cell_method_get_statistics(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_free_ struct cell_stats *st = NULL;
	struct cell *c = userdata;
	struct op_error e = {};
	size_t n = 0;
	int r;

	r = cell_statistics(c, &st, &n, &e);
	if (r < 0)
		return bus_reply_op_error(error, &e);
	r = sd_bus_message_new_method_return(m, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "(ua{st})");
	for (size_t i = 0; r >= 0 && i < n; i++) {
		r = sd_bus_message_open_container(reply, 'r', "ua{st}");
		if (r >= 0)
			r = sd_bus_message_append(reply, "u", st[i].cpu);
		if (r >= 0)
			r = sd_bus_message_open_container(reply, 'a', "{st}");
		for (unsigned int s = 0; r >= 0 && s < CV_STAT_MAX; s++) {
			/* field by field: sd_bus_message_append() would parse "{st}" each time */
			r = sd_bus_message_open_container(reply, 'e', "st");
			if (r >= 0)
				r = sd_bus_message_append_basic(reply, 's', cell_stat_to_string(s));
			if (r >= 0)
				r = sd_bus_message_append_basic(reply, 't', &st[i].counters[s]);
			if (r >= 0)
				r = sd_bus_message_close_container(reply);
		}
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r < 0 ? r : sd_bus_send(NULL, reply, NULL);
}

static const sd_bus_vtable cell_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Name", "s", property_get_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Id", "u", NULL, offsetof(struct cell, id), SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("State", "s", property_get_state, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("CPUs", "au", property_get_cpus, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Memory", "t", NULL, offsetof(struct cell, memory), SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("ConfigFile", "s", property_get_config, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("StartTimestamp", "t", NULL, offsetof(struct cell, start_usec),
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("FailureReason", "s", property_get_failure, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("StopReason", "s", property_get_stop_reason, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("HypervisorPages", "u", property_get_pages, 0, 0),
	SD_BUS_PROPERTY("TablePages", "u", property_get_pages, 0, 0),
	SD_BUS_PROPERTY("Links", "a(sua(usu))", bus_cell_property_links, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_METHOD_WITH_ARGS("Load", SD_BUS_ARGS("a(ht)", images), SD_BUS_NO_RESULT,
				bus_cell_method_load, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("LoadLinux", SD_BUS_ARGS("h", kernel, "a{sv}", options), SD_BUS_NO_RESULT,
				bus_cell_method_load_linux, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Start", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				bus_cell_method_start, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Shutdown", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				bus_cell_method_shutdown, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Destroy", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				bus_cell_method_destroy, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenConsole", SD_BUS_NO_ARGS, SD_BUS_RESULT("h", console),
				bus_cell_method_open_console, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenConsoleTail", SD_BUS_ARGS("t", lines, "b", follow),
				SD_BUS_RESULT("h", console),
				bus_cell_method_open_console_tail, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("GetStatistics", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ua{st})", statistics),
				bus_cell_method_get_statistics, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

static int cell_object_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
			    void **found, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)bus, (void)interface, (void)error;
	/* Paths and names map one to one: compare paths, with no decoding per call. */
	for (struct cell *c = m->cells; c; c = c->next) {
		const char *p = cell_bus_path(c);

		if (p && streq(p, path)) {
			*found = c;
			return 1;
		}
	}
	return 0;
}

static int cell_node_enumerator(sd_bus *bus, const char *path, void *userdata, char ***nodes,
				sd_bus_error *error)
{
	struct manager *m = userdata;
	size_t n = 0;
	char **l;

	(void)bus, (void)path, (void)error;
	l = calloc(manager_n_cells(m) + 1, sizeof(char *));
	if (!l)
		return -ENOMEM;
	for (struct cell *c = m->cells; c; c = c->next) {
		const char *path = cell_bus_path(c);

		l[n] = path ? strdup(path) : NULL;
		if (!l[n]) {
			cv_strv_free(l);
			return -ENOMEM;
		}
		n++;
	}
	*nodes = l;
	return 0;
}

int cell_bus_register(struct manager *m)
{
	int r;

	r = sd_bus_add_fallback_vtable(m->bus, NULL, CV_BUS_CELL_PREFIX, CV_BUS_CELL_IFACE, cell_vtable,
				       cell_object_find, m);
	if (r < 0)
		return r;
	return sd_bus_add_node_enumerator(m->bus, NULL, CV_BUS_CELL_PREFIX, cell_node_enumerator, m);
}

static void emit_manager_signal(struct cell *c, const char *member)
{
	const char *path = cell_bus_path(c);
	struct manager *m = c->manager;

	if (!m->bus_ready || !path)
		return;
	(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_signal(m->bus, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, member, "so",
							    c->name, path));
}

void cell_bus_emit_new(struct cell *c)
{
	emit_manager_signal(c, "CellNew");
}

void cell_bus_emit_removed(struct cell *c)
{
	emit_manager_signal(c, "CellRemoved");
}

void cell_bus_emit_links_changed(struct cell *c)
{
	const char *path = cell_bus_path(c);

	if (c->manager->bus_ready && path)
		(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_properties_changed(c->manager->bus, path,
										 CV_BUS_CELL_IFACE, "Links", NULL));
}

void cell_bus_emit_changed(struct cell *c, unsigned int changes)
{
	const char *path = cell_bus_path(c);
	struct manager *m = c->manager;

	if (!m->bus_ready || !path)
		return;
	if (changes & CELL_CHANGED_STATE)
		(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_properties_changed(m->bus, path, CV_BUS_CELL_IFACE,
				"State", "StartTimestamp", "FailureReason", "StopReason", NULL));
	if (changes & CELL_CHANGED_FAILED) {
		log_warning("Cell %s failed: %s", c->name, cell_fail_reason_to_string(c->fault.reason));
		(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_signal(m->bus, CV_BUS_PATH, CV_BUS_MANAGER_IFACE,
				"CellFailed", "sosutttt", c->name, path, cell_fail_reason_to_string(c->fault.reason),
				c->fault.cpu, c->fault.esr, c->fault.far, c->fault.ipa, c->fault.pc));
	}
}
