/* SPDX-License-Identifier: GPL-2.0-only */
/* The console's journal rate limit, as TAP. */
#include <stdio.h>

#include "tap.h"
#include "ratelimit.h"

/* Events let through when one is tried every step_usec for total_usec. */
static unsigned int run(struct ratelimit *rl, uint64_t *now, uint64_t step_usec, uint64_t total_usec)
{
	unsigned int n = 0;

	for (uint64_t t = 0; t < total_usec; t += step_usec, *now += step_usec)
		n += ratelimit_take(rl, *now);
	return n;
}

int main(void)
{
	struct ratelimit rl = RATELIMIT_INIT(100, 10);
	uint64_t now = 5000000, s;
	unsigned int n;

	n = run(&rl, &now, 1, 1000);
	tap_ok(n == 100, "a burst of 1000 events in 1 ms: the first 100 pass");
	tap_ok(rl.suppressed == 900, "the other 900 are counted as suppressed");
	rl.suppressed = 0;

	n = run(&rl, &now, 1000, 10000000);
	tap_ok(n >= 99 && n <= 101, "then 10 s of 1000 events/s: about 10 a second pass");

	now += 60000000;
	s = rl.suppressed;
	n = run(&rl, &now, 1, 1000);
	tap_ok(n == 100 && rl.suppressed == s + 900, "after a minute of silence the whole burst is back, no more");

	rl = RATELIMIT_INIT(5, 1000);
	now = 1;
	n = run(&rl, &now, 1000, 1000000);
	tap_ok(n == 1000, "below the rate nothing is refused");
	tap_ok(rl.suppressed == 0, "and nothing counted");

	rl = RATELIMIT_INIT(3, 0);
	now = 1;
	n = run(&rl, &now, 1000000, 100000000);
	tap_ok(n == 3, "a rate of 0: the burst only, ever");

	rl = RATELIMIT_INIT(10, 10);
	now = UINT64_MAX - 1000;
	n = run(&rl, &now, 1, 20);
	tap_ok(n == 10, "near the end of the clock: no overflow");

	return tap_done();
}
