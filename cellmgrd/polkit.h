/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Asynchronous polkit checks for method handlers. A handler calls
 * polkit_check() before it changes anything:
 *   r = polkit_check(m, ACTION, cell, verb, registry, error);
 *   if (r < 0) return r;     denied, error is set
 *   if (r == 0) return 1;    asked polkit; the call is dispatched again with the answer
 * Root (or the daemon's own user) is allowed without asking.
 *
 * A handler that must read something to ask (CreateCell: the config, for
 * its digest) calls polkit_resume() first and, on the first dispatch,
 * polkit_ask() with what it read as the stash; the second dispatch gets
 * it back from polkit_resume(), so it is read once.
 */
#ifndef CELLMGRD_POLKIT_H
#define CELLMGRD_POLKIT_H

#include <systemd/sd-bus.h>

struct polkit_registry;

int polkit_registry_new(struct polkit_registry **ret);
void polkit_registry_free(struct polkit_registry *reg);

int polkit_check(sd_bus_message *m, const char *action, const char *cell, const char *verb,
		 struct polkit_registry *reg, sd_bus_error *error);

/* What polkit sees besides the action; NULL fields are left out. */
struct polkit_details {
	const char *cell;		/* "cell": the cell's name */
	const char *verb;		/* "verb": create, load, start, ... */
	const char *config;		/* "config": the config file read to create the cell */
	const char *config_sha256;	/* "config_sha256": its digest, so a rule can pin a version */
	const char *note;		/* not a detail: added to the refusal's message */
};

/* polkit_check() with more details. */
int polkit_check_details(sd_bus_message *m, const char *action, const struct polkit_details *d,
			 struct polkit_registry *reg, sd_bus_error *error);

/*
 * The verdict for a call dispatched again after polkit_ask(): 1 allowed
 * (the stash is handed back in *ret_stash), < 0 denied (error set), 0 when
 * there is no answer for this call (its first dispatch).
 */
int polkit_resume(sd_bus_message *m, struct polkit_registry *reg, void **ret_stash, sd_bus_error *error);
/*
 * Ask polkit: 1 allowed at once (root; stash stays the caller's), 0 asked
 * (stash now the registry's), < 0 on error (stash stays the caller's).
 */
int polkit_ask(sd_bus_message *m, const char *action, const struct polkit_details *d, void *stash,
	       void (*stash_free)(void *), struct polkit_registry *reg, sd_bus_error *error);

#endif /* CELLMGRD_POLKIT_H */
