/* SPDX-License-Identifier: GPL-2.0-only */
/* The cellmgrd manager: event loop, bus connection, the driver, the set of cells. */
#ifndef CELLMGRD_MANAGER_H
#define CELLMGRD_MANAGER_H

#include <stdbool.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "cell.h"
#include "config-file.h"
#include "cv-config.h"

struct polkit_registry;

struct manager {
	sd_event *event;
	sd_bus *bus;
	struct kmod *kmod;
	struct cell *cells;
	struct polkit_registry *polkit;
	struct console *hv_console;
	char *runtime_dir;		/* /run/cellvisor: consoles and metadata */
	const char *const *config_dirs;	/* /etc/cellvisor, then /usr/share/cellvisor */
	char *system_config;		/* the file the hypervisor was enabled with */
	struct cv_config *system;	/* and what it said, to check cells against */
	struct cv_link_info links[CV_MAX_LINKS_ALL];	/* links.c */
	unsigned int n_links;
	bool enabled;
	bool bus_ready;			/* signals go out only once the objects exist */
	sd_event_source *notify_status;	/* tells systemd STATUS= when the loop is idle */
	sd_event_source *refresh_after_call;	/* manager_refresh_after_call() */
	char status[64];		/* the STATUS= systemd has last been told */
};

struct manager_options {
	const char *runtime_dir;
	const char *const *config_dirs;
};

int manager_new(const struct manager_options *o, struct manager **ret);
struct manager *manager_free(struct manager *m);
int manager_startup(struct manager *m);
int manager_run(struct manager *m);

static inline void manager_freep(struct manager **m)
{
	manager_free(*m);
}

/* Re-read cells and hypervisor state from the driver; emits the signals for what changed. */
void manager_refresh(struct manager *m);
/*
 * The same once the current call's reply is out, before the next message
 * is read: the caller does not wait for it, and whatever it asks next
 * sees what its call changed. Signals follow the reply.
 */
void manager_refresh_after_call(struct manager *m);
struct cell *manager_find_cell(struct manager *m, const char *name);
struct cell *manager_find_cell_by_id(struct manager *m, uint32_t id);
unsigned int manager_n_cells(const struct manager *m);

/* manager-ops.c: the Manager's operations, bus-free like cell.c. */
/* The system config at path; "" or NULL: /etc/cellvisor/system.yaml, else the shipped one. */
int manager_read_system(struct manager *m, const char *path, struct config_file **ret, struct op_error *e);
int manager_enable(struct manager *m, const struct config_file *cf, struct op_error *e);
int manager_disable(struct manager *m, struct op_error *e);
/* After a restart: the system config the hypervisor was enabled with, from the runtime directory. */
void manager_restore_system(struct manager *m);
/*
 * The system config cells are checked against and booted with: the running
 * one, else the one Enable("") would take (parsed into *fallback); NULL if none.
 */
const struct cv_config *manager_system(struct manager *m, struct cv_config **fallback);
/* Parse a cell config and check it against the running system; a named one must name that cell. */
int manager_parse_cell(struct manager *m, const struct config_file *cf, struct cv_config **ret, struct op_error *e);
/*
 * From cf (read once): a copy is kept; cf->trusted says whether the daemon
 * may open the files it names. Its object appears at the next refresh.
 */
int manager_create_cell(struct manager *m, const struct cv_config *c, const struct config_file *cf,
			uint32_t *ret_id, struct op_error *e);
/* Cell configs that can be created by name: a NULL-terminated list of "NAME\tPATH". */
int manager_list_cell_configs(struct manager *m, char ***ret);

/* links.c: the links of each refresh's snapshot; PropertiesChanged if they changed. */
void manager_refresh_links(struct manager *m, const struct cv_link_info *links, unsigned int n);
int bus_manager_property_links(sd_bus *bus, const char *path, const char *interface, const char *property,
			       sd_bus_message *reply, void *userdata, sd_bus_error *error);
int bus_cell_property_links(sd_bus *bus, const char *path, const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata, sd_bus_error *error);

/* manager-bus.c */
int manager_bus_register(struct manager *m);
void manager_bus_emit_enabled(struct manager *m);

/* cell-bus.c */
int cell_bus_register(struct manager *m);
/* The cell's object path (kept in the cell), or NULL if out of memory. */
const char *cell_bus_path(struct cell *c);
void cell_bus_emit_new(struct cell *c);
void cell_bus_emit_removed(struct cell *c);
void cell_bus_emit_changed(struct cell *c, unsigned int changes);
void cell_bus_emit_links_changed(struct cell *c);
/* Shared with the Manager's by-name forms. */
int bus_cell_method_load(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_load_linux(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_start(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_shutdown(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_destroy(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_open_console(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_open_console_tail(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_cell_method_get_statistics(sd_bus_message *m, void *userdata, sd_bus_error *error);
int bus_reply_op_error(sd_bus_error *error, const struct op_error *e);

#endif /* CELLMGRD_MANAGER_H */
