/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU data: the EL2 stack first, then identity, statistics, control. */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#include <cellvisor/hypercall.h>
#include <hv/types.h>
#include <hv/spinlock.h>
#include <asm/percpu.h>

struct cell;

struct per_cpu {
	u8 stack[STACK_SIZE];		/* guest registers at the top */
	cpuid_t cpu_id;
	struct cell *cell;
	volatile u64 stats[CV_STAT_MAX];

	/*
	 * Control mailbox (core/cpu-control.c): another CPU sets these under
	 * control_lock, then sends an event.
	 */
	spinlock_t control_lock;
	volatile bool parked;		/* waiting for a start */
	volatile bool start_pending;
	volatile bool park_requested;	/* park at the next event */
	volatile bool failed;
	u64 start_entry, start_context;

	struct arch_per_cpu arch;
} __aligned(4096);

_Static_assert(sizeof(struct per_cpu) <= PERCPU_SIZE, "per_cpu too large");
_Static_assert(offsetof(struct per_cpu, stack) == 0, "per_cpu starts with the stack");

extern struct per_cpu *per_cpu_base;
extern unsigned int hv_max_cpus;

static inline struct per_cpu *per_cpu(cpuid_t cpu)
{
	return (struct per_cpu *)((u8 *)per_cpu_base + (u64)cpu * PERCPU_SIZE);
}

static inline void stat_inc(struct per_cpu *pc, enum cv_stat s)
{
	pc->stats[s]++;
}

#endif /* _HV_PERCPU_H */
