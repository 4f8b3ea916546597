/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of the per-CPU data. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/asm-defs.h>
#include <asm/gic.h>
#include <asm/stage2-changes.h>
#include <hv/types.h>
#include <hv/spinlock.h>

struct cell;
struct per_cpu;

/*
 * Guest registers x0..x30, saved at the top of the CPU's EL2 stack, and
 * x[31] = 0, stored by every entry: an instruction's register 31 (xzr)
 * reads as zero from it without a test, and what is written there is
 * dropped.
 */
struct registers {
	u64 x[32];
};

/* EL2 state of the Linux hyp stub, restored when the CPU leaves. */
struct el2_saved {
	u64 sctlr, tcr, mair, ttbr0, vbar;
	u64 hcr, vtcr, vttbr, mdcr;
	u64 ich_hcr, ich_vmcr;
	u32 gicr_enable;	/* SGI/PPI enable bits of the reserved INTIDs */
};

struct arch_per_cpu {
	u64 mpidr;			/* affinity bits only (MPIDR_AFF_MASK) */
	bool active;			/* between activation and the way out */
	bool in_el2_fault;		/* containing an exception at EL2 */
	struct el2_saved saved;
	paddr_t gicr_phys;
	volatile u8 *gicr;
	u64 lr_mask;			/* one bit per list register */
	/* virtual IRQs other CPUs posted to this one (lock-free) */
	struct virq_set posted;
	/* this CPU's virtual IRQs waiting for a free list register */
	struct virq_set waiting;
	u64 waiting_hw[VIRQ_WORDS];	/* ... of them, those of a physical IRQ */
	struct s2_retry s2_retry;	/* the last stage-2 fault retried */
};

/* The guest's registers, at the top of the EL2 stack that starts struct per_cpu. */
static inline struct registers *guest_regs(struct per_cpu *pc)
{
	return (struct registers *)((u8 *)pc + STACK_SIZE) - 1;
}

/* This CPU's struct per_cpu (TPIDR_EL2, set at entry). */
static inline struct per_cpu *this_cpu(void)
{
	struct per_cpu *pc;

	asm volatile("mrs %0, tpidr_el2" : "=r"(pc));
	return pc;
}

#endif /* _ASM_PERCPU_H */
