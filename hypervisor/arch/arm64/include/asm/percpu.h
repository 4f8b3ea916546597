/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of the per-CPU data. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <hv/types.h>
#include <hv/spinlock.h>

#define GIC_PENDING_MAX		64

/* Guest registers x0..x30, saved at the top of the CPU's EL2 stack. */
struct registers {
	u64 x[31];
	u64 pad;
};

/* EL2 state of the Linux hyp stub, restored when the CPU leaves. */
struct el2_saved {
	u64 sctlr, tcr, mair, ttbr0, vbar;
	u64 hcr, vtcr, vttbr;
	u64 ich_hcr, ich_vmcr;
	u32 gicr_enable;	/* SGI/PPI enable bits of the reserved INTIDs */
};

struct arch_per_cpu {
	struct el2_saved saved;
	paddr_t gicr_phys;
	volatile u8 *gicr;
	unsigned int num_lrs;
	/* virtual IRQs waiting for a free list register */
	spinlock_t pending_lock;
	unsigned int pending_head, pending_tail;
	u32 pending[GIC_PENDING_MAX];	/* INTID | GIC_PENDING_HW */
};

#endif /* _ASM_PERCPU_H */
