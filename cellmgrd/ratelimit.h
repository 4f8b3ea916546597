/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A token bucket: up to `burst` events at once, then `per_sec` a second.
 * The console broker uses one per cell so that a cell printing as fast as
 * it can does not flood the journal (and, through journald, the root).
 */
#ifndef CELLMGRD_RATELIMIT_H
#define CELLMGRD_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	uint64_t burst, per_sec;
	uint64_t credit;	/* in millionths of an event, to refill by the microsecond */
	uint64_t last_usec;
	uint64_t suppressed;	/* events refused since the last one let through */
};

#define RATELIMIT_INIT(b, r) ((struct ratelimit){ .burst = (b), .per_sec = (r), .credit = (uint64_t)(b) * 1000000 })

/*
 * May one more event happen at now_usec (a monotonic clock)? If not, it is
 * counted in rl->suppressed, which the caller reports and resets once an
 * event is let through again.
 */
bool ratelimit_take(struct ratelimit *rl, uint64_t now_usec);

#endif
