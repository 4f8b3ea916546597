/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercalls and PSCI-level CPU control. */
#ifndef _HV_CONTROL_H
#define _HV_CONTROL_H

#include <hv/types.h>

struct per_cpu;
struct cell;

/* Dispatches hypercall @code from the CPU @pc; returns the x0 result. */
long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2);

/* The CPU of @cell whose MPIDR affinity is @mpidr, or NULL. */
struct per_cpu *cell_cpu_by_mpidr(struct cell *cell, u64 mpidr);

/* PSCI-level power control within a cell; return PSCI codes. */
long control_cpu_on(struct per_cpu *caller, u64 mpidr, u64 entry, u64 ctx);
long control_affinity_info(struct per_cpu *caller, u64 mpidr);

#endif /* _HV_CONTROL_H */
