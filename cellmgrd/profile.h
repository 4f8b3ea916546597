/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a method call's time goes (make bench, debugging): with
 * CELLMGRD_PROFILE=FILE in its environment, cellmgrd appends one line per
 * event-loop iteration that did work to FILE: the method it answered (or
 * "event" for a driver notification, "status" for telling systemd,
 * "METHOD/after" for the refresh after a call's reply), its wall time from
 * the message's arrival to the end of the iteration, to the moment its
 * reply was out (replied=, what the caller waits for), its CPU time in that
 * span (the driver's work in its ioctls included: what is not CPU time, it
 * waited for a CPU or for I/O), and the time and count of each kind of
 * work below. Without the variable each PROFILED()
 * costs one branch.
 */
#ifndef CELLMGRD_PROFILE_H
#define CELLMGRD_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

enum profile_part {
	PROFILE_PRIVILEGE,	/* asking the bus who the caller is (root needs no polkit) */
	PROFILE_POLKIT,		/* a CheckAuthorization round trip to polkitd */
	PROFILE_CONFIG,		/* finding, opening and reading a config file; its digest */
	PROFILE_PARSE,		/* parsing and checking a config */
	PROFILE_IMAGE,		/* reading images */
	PROFILE_DRIVER,		/* requests to the driver (ioctls) */
	PROFILE_REFRESH,	/* re-reading the driver's state (includes its requests and signals) */
	PROFILE_SIGNALS,	/* emitting signals */
	PROFILE_NOTIFY,		/* sd_notify() STATUS= to systemd */
	PROFILE_FILES,		/* metadata in the runtime directory */
	PROFILE_CONSOLE,	/* setting up or tearing down a console broker */
	PROFILE_REPLY,		/* building and sending the call's reply */
	_PROFILE_MAX,
};

extern bool profile_enabled;

/* Reads CELLMGRD_PROFILE; hooks the bus and the loop if set. */
int profile_setup(sd_event *e, sd_bus *bus);
uint64_t profile_now_usec(void);
void profile_add(enum profile_part p, uint64_t t0);
/* The iteration does work of its own: its line is named what (NULL: "LAST-METHOD/after"). */
void profile_begin(const char *what);
/* The call's reply is out: its line ends here, what follows is "METHOD/after". */
void profile_replied(void);
/* The reply is out (replied=); the line goes on to the end of the dispatch. */
void profile_reply_sent(void);

/* The value of expr, its time accounted to part. */
#define PROFILED(part, expr) ({							\
	uint64_t _t0 = profile_enabled ? profile_now_usec() : 0;		\
	__typeof__(expr) _v = (expr);						\
	if (_t0)								\
		profile_add(part, _t0);						\
	_v; })
/* A call's reply, sent by expr: its time, and when it was out. */
#define PROFILED_REPLY(expr) ({							\
	__typeof__(expr) _r = PROFILED(PROFILE_REPLY, expr);			\
	profile_reply_sent();							\
	_r; })
#define PROFILED_VOID(part, expr) do {						\
	uint64_t _t0 = profile_enabled ? profile_now_usec() : 0;		\
	expr;									\
	if (_t0)								\
		profile_add(part, _t0);						\
	} while (0)

#endif /* CELLMGRD_PROFILE_H */
