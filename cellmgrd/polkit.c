/* SPDX-License-Identifier: GPL-2.0-only */
/* Asynchronous polkit CheckAuthorization, re-dispatching the waiting call with the verdict. */
#include <stdio.h>
#include <stdlib.h>

#include "cv-log.h"
#include "cv-util.h"
#include "polkit.h"
#include "profile.h"

#define MAX_DETAILS 4

struct polkit_query {
	struct polkit_query *next;
	struct polkit_registry *reg;
	sd_bus_message *request;
	sd_bus_slot *slot;
	char *action;
	char *details[2 * MAX_DETAILS + 1];	/* key, value, ...; NULL after the last */
	const char *cell, *verb;	/* the values of those details, for messages */
	char *note;
	void *stash;			/* what the handler read before asking, handed back with the verdict */
	void (*stash_free)(void *);
	bool done;
	uint64_t asked_usec;		/* profile: when polkit was asked */
	int verdict;			/* 1 allowed, < 0 denied */
	sd_bus_error error;
};

/*
 * Whether a client is root (or the daemon's user) takes a round trip to the
 * bus per call (dbus-daemon attaches no credentials to messages). The answer
 * is kept for the last few clients: a unique bus name is never given to
 * another connection while the bus runs (and the daemon exits with the bus),
 * and a connection's user is fixed when it connects.
 */
#define SENDER_CACHE 8

struct sender_privilege {
	char name[32];			/* a unique bus name (":1.42"), "" if the slot is free */
	bool privileged;
};

struct polkit_registry {
	struct polkit_query *queries;
	struct sender_privilege senders[SENDER_CACHE];
	unsigned int next_sender;	/* the slot to reuse next, round robin */
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
	for (unsigned int i = 0; i < ELEMENTSOF(q->details); i++)
		free(q->details[i]);
	free(q->note);
	if (q->stash && q->stash_free)
		q->stash_free(q->stash);
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
				  "Not authorized to %s cell '%s' (polkit action %s)%s%s%s; "
				  "run as root or add a polkit rule for this user",
				  q->verb, q->cell, q->action, q->note ? ": " : "", q->note ? q->note : "", why);
	else
		sd_bus_error_setf(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
				  "Not authorized (polkit action %s)%s%s%s; run as root or add a polkit rule "
				  "for this user", q->action, q->note ? ": " : "", q->note ? q->note : "", why);
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
	if (profile_enabled)
		profile_add(PROFILE_POLKIT, q->asked_usec);
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
	if (r >= 0)
		r = sd_bus_message_open_container(c, 'a', "{ss}");
	for (unsigned int i = 0; r >= 0 && q->details[i]; i += 2)
		r = sd_bus_message_append(c, "{ss}", q->details[i], q->details[i + 1]);
	if (r >= 0)
		r = sd_bus_message_close_container(c);
	if (r < 0)
		return r;
	r = sd_bus_message_append(c, "us", interactive > 0 ? 1U : 0U, "");
	if (r < 0)
		return r;
	q->asked_usec = profile_enabled ? profile_now_usec() : 0;
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

int polkit_resume(sd_bus_message *m, struct polkit_registry *reg, void **ret_stash, sd_bus_error *error)
{
	struct polkit_query *q = find_query(reg, m);
	int r;

	if (!q || !q->done)
		return 0;
	r = q->verdict;
	if (r < 0)
		sd_bus_error_copy(error, &q->error);
	else if (ret_stash)
		*ret_stash = TAKE_PTR(q->stash);
	query_free(q);
	return r;
}

static int add_detail(struct polkit_query *q, unsigned int *n, const char *key, const char *value)
{
	if (!value)
		return 0;
	q->details[*n] = strdup(key);
	q->details[*n + 1] = strdup(value);
	*n += 2;
	return q->details[*n - 2] && q->details[*n - 1] ? 0 : -ENOMEM;
}

static int query_new(sd_bus_message *m, const char *action, const struct polkit_details *d,
		     struct polkit_registry *reg, struct polkit_query **ret)
{
	struct polkit_query *q = calloc(1, sizeof(*q));
	unsigned int n = 0;
	int r;

	if (!q)
		return -ENOMEM;
	q->reg = reg;
	q->request = sd_bus_message_ref(m);
	q->next = reg->queries;
	reg->queries = q;
	q->action = strdup(action);
	r = q->action ? 0 : -ENOMEM;
	if (r >= 0)
		r = add_detail(q, &n, "cell", d->cell);
	if (r >= 0)
		r = add_detail(q, &n, "verb", d->verb ? d->verb : "use");
	if (r >= 0)
		r = add_detail(q, &n, "config", d->config);
	if (r >= 0)
		r = add_detail(q, &n, "config_sha256", d->config_sha256);
	if (r >= 0 && d->note && !(q->note = strdup(d->note)))
		r = -ENOMEM;
	if (r < 0) {
		query_free(q);
		return r;
	}
	q->cell = d->cell ? q->details[1] : NULL;
	q->verb = q->details[d->cell ? 3 : 1];
	*ret = q;
	return 0;
}

/* 1 if the caller is root or the daemon's own user, 0 if not, < 0 if the bus cannot say. */
static int sender_privileged(sd_bus_message *m, struct polkit_registry *reg)
{
	const char *sender = sd_bus_message_get_sender(m);
	struct sender_privilege *s;
	int r;

	for (unsigned int i = 0; sender && i < SENDER_CACHE; i++)
		if (streq(reg->senders[i].name, sender))
			return reg->senders[i].privileged;
	r = PROFILED(PROFILE_PRIVILEGE, sd_bus_query_sender_privilege(m, -1));
	/* kept for unique names only (a direct connection has no sender) */
	if (r < 0 || !sender || sender[0] != ':' || strlen(sender) >= sizeof(s->name))
		return r;
	s = &reg->senders[reg->next_sender++ % SENDER_CACHE];
	strcpy(s->name, sender);
	s->privileged = r > 0;
	return r;
}

int polkit_ask(sd_bus_message *m, const char *action, const struct polkit_details *d, void *stash,
	       void (*stash_free)(void *), struct polkit_registry *reg, sd_bus_error *error)
{
	struct polkit_query *q;
	int r;

	/* Root, or the daemon's own user, needs no polkit (cell@.service runs as root). */
	r = sender_privileged(m, reg);
	if (r > 0)
		return 1;
	r = query_new(m, action, d, reg, &q);
	if (r < 0)
		return r;
	r = send_check(m, q);
	if (r < 0) {
		query_free(q);
		return sd_bus_error_set_errnof(error, r, "Cannot ask polkit: %s", strerror(-r));
	}
	q->stash = stash;
	q->stash_free = stash_free;
	return 0;
}

int polkit_check_details(sd_bus_message *m, const char *action, const struct polkit_details *d,
			 struct polkit_registry *reg, sd_bus_error *error)
{
	int r;

	r = polkit_resume(m, reg, NULL, error);
	if (r != 0)
		return r;
	/* A check is under way: this is not the re-dispatch with its answer. */
	if (find_query(reg, m))
		return 0;
	return polkit_ask(m, action, d, NULL, NULL, reg, error);
}

int polkit_check(sd_bus_message *m, const char *action, const char *cell, const char *verb,
		 struct polkit_registry *reg, sd_bus_error *error)
{
	return polkit_check_details(m, action, &(struct polkit_details){ .cell = cell, .verb = verb }, reg, error);
}
