/* SPDX-License-Identifier: GPL-2.0-only */
/* The cellmgrd manager: event loop, bus connection, the set of cells. */
#ifndef CELLMGRD_MANAGER_H
#define CELLMGRD_MANAGER_H

#include <stdbool.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

struct manager {
	sd_event *event;
	sd_bus *bus;
};

int manager_new(struct manager **ret);
struct manager *manager_free(struct manager *m);
int manager_startup(struct manager *m);
int manager_run(struct manager *m);

static inline void manager_freep(struct manager **m)
{
	manager_free(*m);
}

/* manager-bus.c */
int manager_bus_register(struct manager *m);

#endif /* CELLMGRD_MANAGER_H */
