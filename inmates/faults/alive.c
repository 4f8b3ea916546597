// SPDX-License-Identifier: GPL-2.0-only
/* The heartbeat the fault inmates run after their attempt. */
#include "fault.h"

/* Wake-ups a second: the comm region is read at each, so messages get quick replies. */
#define POLL_HZ	10

static volatile unsigned long beats;

static void handle_irq(unsigned int irq)
{
	if (irq == TIMER_VIRT_IRQ) {
		beats++;
		timer_start(timer_freq() / POLL_HZ);
	} else {
		printk("IRQ %u\n", irq);
	}
}

void alive_forever(bool gic_ready)
{
	unsigned long seen = 0;

	if (!gic_ready && gic_init())
		halt();
	irq_init(handle_irq);
	gic_enable_irq(TIMER_VIRT_IRQ);
	timer_start(timer_freq() / POLL_HZ);
	irq_unmask();
	for (;;) {
		wfi();
		if (comm_poll())
			halt();
		if (beats / POLL_HZ != seen) {
			seen = beats / POLL_HZ;
			printk("alive %lu\n", seen);
		}
	}
}
