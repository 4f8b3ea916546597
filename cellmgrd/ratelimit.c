/* SPDX-License-Identifier: GPL-2.0-only */
#include "ratelimit.h"

bool ratelimit_take(struct ratelimit *rl, uint64_t now_usec)
{
	uint64_t max = rl->burst * 1000000;

	if (now_usec > rl->last_usec) {
		uint64_t elapsed = now_usec - rl->last_usec;

		/* a long silence refills the bucket; do not overflow doing it */
		if (rl->per_sec && elapsed >= max / rl->per_sec)
			rl->credit = max;
		else if (rl->credit + elapsed * rl->per_sec < max)
			rl->credit += elapsed * rl->per_sec;
		else
			rl->credit = max;
	}
	rl->last_usec = now_usec;
	if (rl->credit < 1000000) {
		rl->suppressed++;
		return false;
	}
	rl->credit -= 1000000;
	return true;
}
