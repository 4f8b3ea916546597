/* SPDX-License-Identifier: GPL-2.0-only */
/* GICv3 for the calling CPU: distributor/redistributor from the comm region, ICC_* sysregs. */
#ifndef _INMATE_GIC_H
#define _INMATE_GIC_H

#include "types.h"

#define GIC_SPURIOUS	1020		/* INTIDs 1020..1023 are special (GIC spec 2.2.1) */

/*
 * Finds this CPU's redistributor (walking from comm.gicr_base until
 * GICR_TYPER's affinity matches MPIDR_EL1), then sets up the CPU interface:
 * EOImode 0, priority mask 0xf0, group 1 on. Returns 0 or -1 (no GICv3, no
 * redistributor found) after printing why.
 */
int gic_init(void);

/*
 * Enables INTID irq for this CPU: a PPI in its redistributor, an SPI in the
 * distributor (made group 1 and routed to this CPU, as Linux would have).
 * Under cellvisor the hypervisor filters these writes to the cell's own IRQs.
 */
void gic_enable_irq(unsigned int irq);
void gic_disable_irq(unsigned int irq);

/* Acknowledge: returns the INTID, >= GIC_SPURIOUS when nothing is pending. */
unsigned int gic_ack(void);
/* End of interrupt (priority drop + deactivate, EOImode 0). */
void gic_eoi(unsigned int irq);

/* Base of this CPU's redistributor (RD_base), valid after gic_init(). */
unsigned long gic_redist_base(void);

#endif /* _INMATE_GIC_H */
