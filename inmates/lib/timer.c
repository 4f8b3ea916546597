// SPDX-License-Identifier: GPL-2.0-only
/* Tick/time conversions for the generic timer. */
#include "timer.h"

u64 timer_ticks_to_ns(u64 ticks)
{
	u64 freq = timer_freq();

	/* Split so ticks * 1e9 cannot overflow for any realistic uptime. */
	return (ticks / freq) * 1000000000ULL +
	       (ticks % freq) * 1000000000ULL / freq;
}

u64 timer_us_to_ticks(u64 us)
{
	return us * timer_freq() / 1000000ULL;
}

void timer_udelay(u64 us)
{
	u64 end = timer_ticks() + timer_us_to_ticks(us);

	while ((s64)(timer_ticks() - end) < 0)
		cpu_relax();
}
