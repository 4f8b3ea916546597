// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic-demo: the virtual timer at 10 Hz through the GIC. Each interrupt
 * prints how late it came (jitter: now - programmed deadline) and the
 * running minimum and maximum, in nanoseconds. `hz=N` on the command line
 * changes the rate (1 to 100000): a fast one makes a chatty cell for tests.
 * `lock=N` holds the cell RUNNING_LOCKED and denies N shutdown requests
 * (Jailhouse's lock: no other cell is created or destroyed meanwhile).
 */
#include "inmate.h"

#define HZ		10
#define HZ_MAX		100000

static u64 period;
static u64 deadline;
static u64 jitter_min = ~0ULL;
static u64 jitter_max;
static volatile unsigned long fired;

static void timer_fired(void)
{
	u64 now = timer_ticks();
	u64 jitter = timer_ticks_to_ns(now - deadline);

	if (jitter < jitter_min)
		jitter_min = jitter;
	if (jitter > jitter_max)
		jitter_max = jitter;
	printk("Timer fired, jitter: %6lu ns, min: %6lu ns, max: %6lu ns\n",
	       (unsigned long)jitter, (unsigned long)jitter_min,
	       (unsigned long)jitter_max);

	/* Next deadline from the previous one, so lateness does not accumulate. */
	deadline += period;
	if ((s64)(deadline - now) <= 0)
		deadline = now + period;
	timer_start_at(deadline);
	fired++;
}

static void handle_irq(unsigned int irq)
{
	if (irq == TIMER_VIRT_IRQ)
		timer_fired();
	else
		printk("spurious IRQ %u\n", irq);
}

void inmate_main(void)
{
	long hz = cmdline_get_int("hz", HZ);

	if (hz < 1 || hz > HZ_MAX)
		hz = HZ;
	printk("\ngic-demo: virtual timer (PPI %u) at %lu Hz, CNTFRQ %lu Hz%s\n",
	       TIMER_VIRT_IRQ, (unsigned long)hz, (unsigned long)timer_freq(),
	       mmu_enabled() ? "" : ", MMU off");
	if (cmdline_get_int("lock", 0) > 0) {
		comm_lock((unsigned int)cmdline_get_int("lock", 0));
		printk("gic-demo: locked, denying %lu shutdown request(s)\n",
		       (unsigned long)cmdline_get_int("lock", 0));
	}
	if (gic_init())
		return;
	irq_init(handle_irq);
	gic_enable_irq(TIMER_VIRT_IRQ);

	period = timer_freq() / hz;
	deadline = timer_ticks() + period;
	timer_start_at(deadline);
	irq_unmask();

	for (;;) {
		wfi();
		if (comm_poll()) {
			timer_stop();
			printk("gic-demo: shutdown approved after %lu ticks\n",
			       fired);
			return;
		}
	}
}
