/* SPDX-License-Identifier: GPL-2.0-only */
/* Asynchronous polkit CheckAuthorization, re-dispatching the waiting call with the verdict. */
#include <stdio.h>
#include <stdlib.h>

#include "cv-log.h"
#include "cv-util.h"
#include "polkit.h"

struct polkit_query {
	struct polkit_query *next;
	struct polkit_registry *reg;
	sd_bus_message *request;
	sd_bus_slot *slot;
	char *action;
	char *cell;
	char *verb;
	bool done;
	int verdict;			/* 1 allowed, < 0 denied */
	sd_bus_error error;
};

struct polkit_registry {
	struct polkit_query *queries;
};

int polkit_registry_new(struct polkit_registry **ret)
{
	*ret = calloc(1, sizeof(**ret));
	return *ret ? 0 : -ENOMEM;
}

static void query_free(struct polkit_query *q)
{
	struct polkit_query **p;

	for (p = &q->reg->queries; *p; p = &(*p)->next)
		if (*p == q) {
			*p = q->next;
			break;
		}
	sd_bus_slot_unref(q->slot);
	sd_bus_message_unref(q->request);
	sd_bus_error_free(&q->error);
	free(q->action);
	free(q->cell);
	free(q->verb);
	free(q);
}

void polkit_registry_free(struct polkit_registry *reg)
{
	if (!reg)
		return;
	while (reg->queries)
		query_free(reg->queries);
	free(reg);
}

static void set_denied(struct polkit_query *q, const char *why)
{
	q->verdict = -EACCES;
	if (q->cell)
		sd_bus_error_setf(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
				  "Not authorized to %s cell '%s' (polkit action %s)%s; "
				  "run as root or add a polkit rule for this user",
				  q->verb, q->cell, q->action, why);
	else
		sd_bus_error_setf(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
				  "Not authorized (polkit action %s)%s; run as root or add a polkit rule "
				  "for this user", q->action, why);
}

static void record_reply(struct polkit_query *q, sd_bus_message *reply)
{
	const sd_bus_error *e = sd_bus_message_get_error(reply);
	int authorized = 0, challenge = 0;

	if (e) {
		/* No polkit on the bus means nobody can vouch for the caller: deny. */
		if (sd_bus_error_has_names(e, SD_BUS_ERROR_SERVICE_UNKNOWN, SD_BUS_ERROR_NAME_HAS_NO_OWNER))
			set_denied(q, ", and polkit is not running");
		else {
			q->verdict = -EIO;
			sd_bus_error_copy(&q->error, e);
		}
		return;
	}
	if (sd_bus_message_enter_container(reply, 'r', "bba{ss}") < 0 ||
	    sd_bus_message_read(reply, "bb", &authorized, &challenge) < 0) {
		set_denied(q, ", polkit's answer was unreadable");
		return;
	}
	if (authorized)
		q->verdict = 1;
	else if (challenge) {
		q->verdict = -EACCES;
		sd_bus_error_setf(&q->error, SD_BUS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
				  "Authentication is required (polkit action %s); run with a polkit agent, "
				  "or as root", q->action);
	} else
		set_denied(q, "");
}

static int on_polkit_reply(sd_bus_message *reply, void *userdata, sd_bus_error *ret_error)
{
	struct polkit_query *q = userdata;
	sd_bus *bus = sd_bus_message_get_bus(q->request);
	int r;

	(void)ret_error;
	q->slot = sd_bus_slot_unref(q->slot);
	record_reply(q, reply);
	q->done = true;
	/* Run the original call's handler again; it finds the verdict in the registry. */
	r = sd_bus_message_rewind(q->request, true);
	if (r >= 0)
		r = sd_bus_enqueue_for_read(bus, q->request);
	if (r < 0) {
		log_error_errno(r, "Cannot re-dispatch a call after the polkit check");
		query_free(q);
	}
	return 0;
}

static int send_check(sd_bus_message *m, struct polkit_query *q)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *c = NULL;
	sd_bus *bus = sd_bus_message_get_bus(m);
	int interactive = sd_bus_message_get_allow_interactive_authorization(m);
	int r;

	r = sd_bus_message_new_method_call(bus, &c, "org.freedesktop.PolicyKit1",
					   "/org/freedesktop/PolicyKit1/Authority",
					   "org.freedesktop.PolicyKit1.Authority", "CheckAuthorization");
	if (r < 0)
		return r;
	/* The subject is the caller's unique bus name: PIDs can be recycled. */
	r = sd_bus_message_append(c, "(sa{sv})s", "system-bus-name", 1, "name", "s",
				  sd_bus_message_get_sender(m), q->action);
	if (r < 0)
		return r;
	if (q->cell)
		r = sd_bus_message_append(c, "a{ss}", 2, "cell", q->cell, "verb", q->verb);
	else
		r = sd_bus_message_append(c, "a{ss}", 0);
	if (r < 0)
		return r;
	r = sd_bus_message_append(c, "us", interactive > 0 ? 1U : 0U, "");
	if (r < 0)
		return r;
	/* polkit may wait for a password: no timeout of our own. */
	return sd_bus_call_async(bus, &q->slot, c, on_polkit_reply, q, UINT64_MAX);
}

static struct polkit_query *find_query(struct polkit_registry *reg, sd_bus_message *m)
{
	for (struct polkit_query *q = reg->queries; q; q = q->next)
		if (q->request == m)
			return q;
	return NULL;
}

int polkit_check(sd_bus_message *m, const char *action, const char *cell, const char *verb,
		 struct polkit_registry *reg, sd_bus_error *error)
{
	struct polkit_query *q = find_query(reg, m);
	int r;

	if (q) {
		if (!q->done)
			return 0;
		r = q->verdict;
		if (r < 0)
			sd_bus_error_copy(error, &q->error);
		query_free(q);
		return r;
	}
	/* Root, or the daemon's own user, needs no polkit (cell@.service runs as root). */
	r = sd_bus_query_sender_privilege(m, -1);
	if (r > 0)
		return 1;
	q = calloc(1, sizeof(*q));
	if (!q)
		return -ENOMEM;
	q->reg = reg;
	q->request = sd_bus_message_ref(m);
	q->action = strdup(action);
	q->cell = cell ? strdup(cell) : NULL;
	q->verb = strdup(verb ? verb : "use");
	q->next = reg->queries;
	reg->queries = q;
	if (!q->action || !q->verb || (cell && !q->cell)) {
		query_free(q);
		return -ENOMEM;
	}
	r = send_check(m, q);
	if (r < 0) {
		query_free(q);
		return sd_bus_error_set_errnof(error, r, "Cannot ask polkit: %s", strerror(-r));
	}
	return 0;
}
