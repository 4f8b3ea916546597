// SPDX-License-Identifier: GPL-2.0-only
/* IRQ dispatch from the EL1 vector to the program's handler. */
#include "gic.h"
#include "irq.h"

static irq_handler_t irq_handler;

void irq_init(irq_handler_t handler)
{
	irq_handler = handler;
}

void irq_dispatch(void)
{
	unsigned int irq;

	while ((irq = gic_ack()) < GIC_SPURIOUS) {
		if (irq_handler)
			irq_handler(irq);
		gic_eoi(irq);
	}
}
