/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Asynchronous polkit checks for method handlers. A handler calls
 * polkit_check() before it changes anything:
 *   r = polkit_check(m, ACTION, cell, verb, registry, error);
 *   if (r < 0) return r;     denied, error is set
 *   if (r == 0) return 1;    asked polkit; the call is dispatched again with the answer
 * Root (or the daemon's own user) is allowed without asking.
 */
#ifndef CELLMGRD_POLKIT_H
#define CELLMGRD_POLKIT_H

#include <systemd/sd-bus.h>

struct polkit_registry;

int polkit_registry_new(struct polkit_registry **ret);
void polkit_registry_free(struct polkit_registry *reg);

int polkit_check(sd_bus_message *m, const char *action, const char *cell, const char *verb,
		 struct polkit_registry *reg, sd_bus_error *error);

#endif /* CELLMGRD_POLKIT_H */
