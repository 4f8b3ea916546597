/* SPDX-License-Identifier: GPL-2.0-only */
/* The org.cellvisor.cellmgr1.Manager interface: hypervisor, cell creation, by-name cell methods. */
#include <stdio.h>

#include "console.h"
#include "cv-build-config.h"
#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"
#include "polkit.h"
#include "profile.h"

static int property_get_version(sd_bus *bus, const char *path, const char *interface,
				const char *property, sd_bus_message *reply, void *userdata,
				sd_bus_error *error)
{
	(void)bus, (void)path, (void)interface, (void)property, (void)userdata, (void)error;
	return sd_bus_message_append(reply, "s", CV_PACKAGE_VERSION);
}

static int property_get_enabled(sd_bus *bus, const char *path, const char *interface,
				const char *property, sd_bus_message *reply, void *userdata,
				sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "b", (int)m->enabled);
}

static int property_get_system_config(sd_bus *bus, const char *path, const char *interface,
				      const char *property, sd_bus_message *reply, void *userdata,
				      sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	return sd_bus_message_append(reply, "s", m->enabled && m->system_config ? m->system_config : "");
}

static int property_get_pool(sd_bus *bus, const char *path, const char *interface,
			     const char *property, sd_bus_message *reply, void *userdata,
			     sd_bus_error *error)
{
	struct manager *m = userdata;
	struct cv_hv_info hv = {};

	(void)bus, (void)path, (void)interface, (void)error;
	(void)kmod_hv_info(m->kmod, &hv);
	return sd_bus_message_append(reply, "t", streq(property, "MemoryPoolPages") ? hv.mem_pool_pages
										 : hv.mem_pool_used);
}

void manager_bus_emit_enabled(struct manager *m)
{
	if (m->bus_ready)
		(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_properties_changed(m->bus, CV_BUS_PATH,
				CV_BUS_MANAGER_IFACE, "HypervisorEnabled", "SystemConfig", NULL));
}

static int enable_with(sd_bus_message *msg, struct manager *m, const struct config_file *cf, struct op_error *e,
		       sd_bus_error *error)
{
	if (manager_enable(m, cf, e) < 0)
		return bus_reply_op_error(error, e);
	return PROFILED_REPLY(sd_bus_reply_method_return(msg, NULL));
}

static int method_enable(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	struct manager *m = userdata;
	struct op_error e = {};
	const char *config;
	int r;

	r = sd_bus_message_read(msg, "s", &config);
	if (r < 0)
		return r;
	r = polkit_check(msg, CV_POLKIT_MANAGE_HV, NULL, "enable", m->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (manager_read_system(m, config, &cf, &e) < 0)
		return bus_reply_op_error(error, &e);
	return enable_with(msg, m, cf, &e, error);
}

static int method_enable_from_file(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	struct manager *m = userdata;
	struct op_error e = {};
	int r, fd;

	r = sd_bus_message_read(msg, "h", &fd);
	if (r < 0)
		return r;
	r = polkit_check(msg, CV_POLKIT_MANAGE_HV, NULL, "enable", m->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (config_file_read_fd(fd, &cf, &e) < 0)
		return bus_reply_op_error(error, &e);
	return enable_with(msg, m, cf, &e, error);
}

static int method_disable(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	struct op_error e = {};
	int r;

	r = polkit_check(msg, CV_POLKIT_MANAGE_HV, NULL, "disable", m->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	r = manager_disable(m, &e);
	if (r < 0)
		return bus_reply_op_error(error, &e);
	return PROFILED_REPLY(sd_bus_reply_method_return(msg, NULL));
}

static int method_list_cells(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	struct manager *m = userdata;
	int r;

	(void)error;
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "(susso)");
	/* Field by field: sd_bus_message_append() would parse the signature for each cell. */
	for (struct cell *c = m->cells; r >= 0 && c; c = c->next) {
		const char *path = cell_bus_path(c);

		if (!path)
			return -ENOMEM;
		r = sd_bus_message_open_container(reply, 'r', "susso");
		if (r >= 0)
			r = sd_bus_message_append_basic(reply, 's', c->name);
		if (r >= 0)
			r = sd_bus_message_append_basic(reply, 'u', &c->id);
		if (r >= 0)
			r = sd_bus_message_append_basic(reply, 's', cell_state_to_string(c->state));
		if (r >= 0)
			r = sd_bus_message_append_basic(reply, 's', c->cpu_list);
		if (r >= 0)
			r = sd_bus_message_append_basic(reply, 'o', path);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r < 0 ? r : sd_bus_send(NULL, reply, NULL);
}

static int find_cell_arg(sd_bus_message *msg, struct manager *m, struct cell **ret, sd_bus_error *error)
{
	const char *name;
	int r;

	r = sd_bus_message_read(msg, "s", &name);
	if (r < 0)
		return r;
	*ret = manager_find_cell(m, name);
	if (!*ret)
		return sd_bus_error_setf(error, CV_ERROR_NO_SUCH_CELL,
					 "No cell '%s' (cellctl list shows the cells that exist)", name);
	return 0;
}

static int method_get_cell(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const char *path;
	struct cell *c;
	int r;

	r = find_cell_arg(msg, userdata, &c, error);
	if (r < 0)
		return r;
	path = cell_bus_path(c);
	return path ? sd_bus_reply_method_return(msg, "o", path) : -ENOMEM;
}

static int create_from(sd_bus_message *msg, struct manager *m, const struct config_file *cf, sd_bus_error *error)
{
	_cleanup_(cv_config_freep) struct cv_config *cfg = NULL;
	_cleanup_free_ char *path = NULL;
	struct op_error e = {};
	struct cell *c;
	uint32_t id;
	int r;

	if (manager_parse_cell(m, cf, &cfg, &e) < 0 || manager_create_cell(m, cfg, cf, &id, &e) < 0)
		return bus_reply_op_error(error, &e);
	r = sd_bus_path_encode(CV_BUS_CELL_PREFIX, cfg->cell.name, &path);
	if (r >= 0)
		r = PROFILED_REPLY(sd_bus_reply_method_return(msg, "o", path));
	/* The reply is out; the object it names is made before the next message is read. */
	profile_replied();
	manager_refresh(m);
	c = manager_find_cell_by_id(m, id);
	/* what its copy says: Load and the next CreateCell's checks need not parse it again */
	if (c && !c->config)
		c->config = TAKE_PTR(cfg);
	return r;
}

/*
 * CreateCell(name): the config is read once, before polkit is asked, from a
 * config directory only (the administrator's files), so polkit sees its
 * digest and what is created is exactly what it approved.
 */
static int method_create_cell(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	struct manager *m = userdata;
	struct polkit_details d;
	struct op_error e = {};
	const char *name;
	int r;

	r = polkit_resume(msg, m->polkit, (void **)&cf, error);
	if (r < 0)
		return r;
	if (r == 0) {
		r = sd_bus_message_read(msg, "s", &name);
		if (r < 0)
			return r;
		if (config_file_read_named(m->config_dirs, name, &cf, &e) < 0)
			return bus_reply_op_error(error, &e);
		d = (struct polkit_details){ .cell = cf->name, .verb = "create", .config = cf->path,
					     .config_sha256 = cf->sha256 };
		r = polkit_ask(msg, CV_POLKIT_MANAGE_CELLS, &d, cf, config_file_free_stash, m->polkit, error);
		if (r == 0)
			cf = NULL;	/* the registry keeps it until the answer */
		if (r <= 0)
			return r < 0 ? r : 1;
	}
	return create_from(msg, m, cf, error);
}

/*
 * CreateCellFromFile(fd): a config from anywhere can give the cell any
 * name, so it needs the right to run the hypervisor itself; polkit is
 * asked before the file is touched.
 */
static int method_create_cell_from_file(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	struct manager *m = userdata;
	struct op_error e = {};
	int r, fd;

	r = sd_bus_message_read(msg, "h", &fd);
	if (r < 0)
		return r;
	r = polkit_check_details(msg, CV_POLKIT_MANAGE_HV,
				 &(struct polkit_details){
					 .verb = "create",
					 .note = "a cell from a config file that is not in a config directory "
						 "needs the right to manage the hypervisor",
				 }, m->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (config_file_read_fd(fd, &cf, &e) < 0)
		return bus_reply_op_error(error, &e);
	return create_from(msg, m, cf, error);
}

static int method_list_cell_configs(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_strv_free_ char **list = NULL;
	int r;

	(void)error;
	r = manager_list_cell_configs(userdata, &list);
	if (r >= 0)
		r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "(ss)");
	for (char **i = list; r >= 0 && *i; i++) {
		char *tab = strchr(*i, '\t');

		*tab = 0;
		r = sd_bus_message_append(reply, "(ss)", *i, tab + 1);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r < 0 ? r : sd_bus_send(NULL, reply, NULL);
}

static int open_hv_console(sd_bus_message *msg, struct manager *m, uint64_t lines, bool follow,
			   sd_bus_error *error)
{
	_cleanup_close_ int fd = -1;
	int r;

	r = polkit_check(msg, CV_POLKIT_CONSOLE, NULL, "console", m->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;
	if (!m->hv_console)
		return sd_bus_error_setf(error, m->enabled ? CV_ERROR_NOT_SUPPORTED : CV_ERROR_HV_NOT_ENABLED,
					 m->enabled ? "The module provides no hypervisor console"
						    : "The hypervisor is not enabled (cellctl enable)");
	fd = console_attach(m->hv_console, lines, follow);
	if (fd < 0)
		return sd_bus_error_set_errnof(error, fd, "Cannot attach to the hypervisor console");
	return sd_bus_reply_method_return(msg, "h", fd);
}

static int method_open_hv_console(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	return open_hv_console(msg, userdata, UINT64_MAX, true, error);
}

static int method_open_hv_console_tail(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	uint64_t lines;
	int follow, r;

	r = sd_bus_message_read(msg, "tb", &lines, &follow);
	return r < 0 ? r : open_hv_console(msg, userdata, lines, follow, error);
}

/* By-name forms: find the cell, then the same handler as on the Cell object. */
#define BY_NAME(fn, cell_fn)								\
	static int fn(sd_bus_message *msg, void *userdata, sd_bus_error *error)		\
	{										\
		struct cell *c;								\
		int r = find_cell_arg(msg, userdata, &c, error);			\
		return r < 0 ? r : cell_fn(msg, c, error);				\
	}
BY_NAME(method_load_cell, bus_cell_method_load)
BY_NAME(method_load_cell_linux, bus_cell_method_load_linux)
BY_NAME(method_start_cell, bus_cell_method_start)
BY_NAME(method_shutdown_cell, bus_cell_method_shutdown)
BY_NAME(method_destroy_cell, bus_cell_method_destroy)
BY_NAME(method_open_cell_console, bus_cell_method_open_console)
BY_NAME(method_open_cell_console_tail, bus_cell_method_open_console_tail)
BY_NAME(method_get_cell_statistics, bus_cell_method_get_statistics)

static const sd_bus_vtable manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", property_get_version, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("HypervisorEnabled", "b", property_get_enabled, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("SystemConfig", "s", property_get_system_config, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("MemoryPoolPages", "t", property_get_pool, 0, 0),
	SD_BUS_PROPERTY("MemoryPoolUsed", "t", property_get_pool, 0, 0),
	SD_BUS_PROPERTY("Links", "a(stta(usu))", bus_manager_property_links, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_METHOD_WITH_ARGS("Enable", SD_BUS_ARGS("s", config), SD_BUS_NO_RESULT,
				method_enable, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("EnableFromFile", SD_BUS_ARGS("h", config), SD_BUS_NO_RESULT,
				method_enable_from_file, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Disable", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				method_disable, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("ListCells", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(susso)", cells),
				method_list_cells, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("GetCell", SD_BUS_ARGS("s", name), SD_BUS_RESULT("o", cell),
				method_get_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("CreateCell", SD_BUS_ARGS("s", name), SD_BUS_RESULT("o", cell),
				method_create_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("CreateCellFromFile", SD_BUS_ARGS("h", config), SD_BUS_RESULT("o", cell),
				method_create_cell_from_file, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("ListCellConfigs", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ss)", configs),
				method_list_cell_configs, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("LoadCell", SD_BUS_ARGS("s", name, "a(ht)", images), SD_BUS_NO_RESULT,
				method_load_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("LoadCellLinux", SD_BUS_ARGS("s", name, "h", kernel, "a{sv}", options),
				SD_BUS_NO_RESULT, method_load_cell_linux, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("StartCell", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT,
				method_start_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("ShutdownCell", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT,
				method_shutdown_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("DestroyCell", SD_BUS_ARGS("s", name), SD_BUS_NO_RESULT,
				method_destroy_cell, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenCellConsole", SD_BUS_ARGS("s", name), SD_BUS_RESULT("h", console),
				method_open_cell_console, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenCellConsoleTail", SD_BUS_ARGS("s", name, "t", lines, "b", follow),
				SD_BUS_RESULT("h", console),
				method_open_cell_console_tail, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenHypervisorConsole", SD_BUS_NO_ARGS, SD_BUS_RESULT("h", console),
				method_open_hv_console, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("OpenHypervisorConsoleTail", SD_BUS_ARGS("t", lines, "b", follow),
				SD_BUS_RESULT("h", console),
				method_open_hv_console_tail, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("GetCellStatistics", SD_BUS_ARGS("s", name),
				SD_BUS_RESULT("a(ua{st})", statistics),
				method_get_cell_statistics, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_SIGNAL_WITH_ARGS("CellNew", SD_BUS_ARGS("s", name, "o", cell), 0),
	SD_BUS_SIGNAL_WITH_ARGS("CellRemoved", SD_BUS_ARGS("s", name, "o", cell), 0),
	SD_BUS_SIGNAL_WITH_ARGS("CellFailed",
				SD_BUS_ARGS("s", name, "o", cell, "s", reason, "u", cpu, "t", esr,
					    "t", far, "t", ipa, "t", pc), 0),
	SD_BUS_VTABLE_END
};

static const sd_bus_error_map cellmgr_errors[] = {
	SD_BUS_ERROR_MAP(CV_ERROR_NO_SUCH_CELL, ENOENT),
	SD_BUS_ERROR_MAP(CV_ERROR_CELL_EXISTS, EEXIST),
	SD_BUS_ERROR_MAP(CV_ERROR_INVALID_CONFIG, EINVAL),
	SD_BUS_ERROR_MAP(CV_ERROR_NO_SUCH_CONFIG, ENOENT),
	SD_BUS_ERROR_MAP(CV_ERROR_INVALID_IMAGE, EINVAL),
	SD_BUS_ERROR_MAP(CV_ERROR_HV_NOT_ENABLED, ENODEV),
	SD_BUS_ERROR_MAP(CV_ERROR_HV_ENABLED, EBUSY),
	SD_BUS_ERROR_MAP(CV_ERROR_HV_UNAVAILABLE, ENOENT),
	SD_BUS_ERROR_MAP(CV_ERROR_NOT_SUPPORTED, ENOTTY),
	SD_BUS_ERROR_MAP(CV_ERROR_CELL_BUSY, EBUSY),
	SD_BUS_ERROR_MAP(CV_ERROR_BAD_STATE, EBUSY),
	SD_BUS_ERROR_MAP(CV_ERROR_REFUSED, EPERM),
	SD_BUS_ERROR_MAP_END
};

int manager_bus_register(struct manager *m)
{
	int r;

	r = sd_bus_error_add_map(cellmgr_errors);
	if (r < 0)
		return r;
	return sd_bus_add_object_vtable(m->bus, NULL, CV_BUS_PATH, CV_BUS_MANAGER_IFACE,
					manager_vtable, m);
}
