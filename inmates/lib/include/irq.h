/* SPDX-License-Identifier: GPL-2.0-only */
/* IRQ handling: one handler per program, called with the INTID, EOI done for it. */
#ifndef _INMATE_IRQ_H
#define _INMATE_IRQ_H

typedef void (*irq_handler_t)(unsigned int irq);

/* Installs handler; IRQs are still masked (irq_unmask() in sysreg.h). */
void irq_init(irq_handler_t handler);

/* Called from the vector: acknowledges, dispatches and EOIs until none pending. */
void irq_dispatch(void);

#endif /* _INMATE_IRQ_H */
