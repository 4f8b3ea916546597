/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Journal entries that never make the daemon wait. sd_journal_send()
 * blocks while journald is behind (its socket's queue full), and a daemon
 * blocked there stops reading the cells' consoles, whose rings then fill
 * and, after a second, drop. The console broker sends its lines with
 * journal_send_nowait() instead and counts what journald could not take
 * now with what its rate limit held back.
 */
#ifndef CELLMGRD_JOURNAL_NOWAIT_H
#define CELLMGRD_JOURNAL_NOWAIT_H

#include <stdbool.h>

/*
 * One entry in journald's native protocol: FIELDS is "KEY=value\n"...,
 * printf-style, no value holding a newline. False if journald is behind
 * or not there; nothing is queued for later.
 */
bool journal_send_nowait(const char *fields, ...) __attribute__((format(printf, 1, 2)));

#endif
