/* SPDX-License-Identifier: GPL-2.0-only */
/* Starting the cell's other CPUs with PSCI CPU_ON. */
#ifndef _INMATE_SMP_H
#define _INMATE_SMP_H

#include "types.h"

/* Secondary CPUs with a stack of their own; the first CPU keeps the main stack. */
#define SMP_MAX_SECONDARY	4
#define SMP_STACK_SIZE		2048

/* smp_start_cpu() result when all SMP_MAX_SECONDARY stacks belong to other CPUs. */
#define SMP_NO_STACK		(-100)

/*
 * Powers on the CPU with affinity @mpidr (a CPU of this cell, currently
 * off) and runs fn(arg) on it: at secondary_entry (header.S) with its own
 * stack, the vectors, FP/SIMD enabled and, unless mmu=0, the first CPU's
 * page tables with MMU and caches on. IRQs stay masked and the GIC is
 * not set up for it. When fn returns, the CPU turns itself off (PSCI
 * CPU_OFF), so it can be started again.
 *
 * Returns the PSCI code of CPU_ON (0 on success), PSCI_ALREADY_ON or
 * PSCI_ON_PENDING without calling CPU_ON when AFFINITY_INFO says the CPU
 * is not off (its stack and start block are in use), or SMP_NO_STACK.
 * Call it from one CPU at a time.
 */
long smp_start_cpu(u64 mpidr, void (*fn)(void *arg), void *arg);

/* Where PSCI CPU_ON starts a secondary (header.S); x0 = its start block. */
void secondary_entry(void);

#endif /* _INMATE_SMP_H */
