/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3: physical CPU interface, list registers and the emulated registers. */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <hv/types.h>

struct cell;
struct per_cpu;
struct cv_system_config;

#define SGI_INJECT		0	/* drain this CPU's pending virtual IRQs */
#define SGI_EVENT		1	/* look at the control flags */

#define GICD_CTLR		0x0000
#define GICD_CTLR_ARE_NS	BIT(4)
#define GICD_PIDR2		0xffe8
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		BIT(4)
#define GICR_PIDR2		0xffe8
#define GICR_SGI_BASE		0x10000
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x200)
#define GICD_ISPENDR		0x0200

#define GIC_PENDING_HW		BIT(31)

extern volatile u8 *gicd_base;

/* Master: maps GICD and the redistributors, checks the GIC. */
int gic_init(const struct cv_system_config *sys);
/* Per CPU: finds its redistributor, seeds the virtual interface. */
int gic_cpu_init(struct per_cpu *pc);
/* Per CPU on the way out: hands pending IRQs back to the physical GIC. */
void gic_cpu_shutdown(struct per_cpu *pc);
/* Drops every virtual IRQ of this CPU (CPU_OFF). */
void gic_cpu_reset(struct per_cpu *pc);

/* Injects INTID @irq into @target's cell (queued and kicked if remote). */
void gic_set_pending(struct per_cpu *target, u32 irq, bool hw);
/* Physical SGI @sgi to @target. */
void gic_send_sgi(struct per_cpu *target, unsigned int sgi);
/* Acknowledges and handles physical IRQs (lower-EL IRQ exit or parked). */
void gic_handle_irqs(struct per_cpu *pc, bool parked);

/* Emulation of trapped ICC_SGI1R_EL1 writes. */
void vgic_sgi1r_write(struct per_cpu *pc, u64 val);

/*
 * Pure helpers (host-tested): the value bits of a register at
 * @first_irq with @bits per IRQ covering @size bytes that @bitmap owns.
 */
u64 vgic_owned_mask(const u32 *bitmap, unsigned int first_irq,
		    unsigned int bits, unsigned int size);
/*
 * Targets of an ICC_SGI1R_EL1 value for a sender with affinity
 * @self among @n CPUs with affinities @mpidr[]: bit i = CPU i.
 */
u64 sgi1r_targets(u64 val, const u64 *mpidr, unsigned int n, u64 self);

#endif /* _ASM_GIC_H */
