/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercalls, enable/disable rendezvous and CPU control. */
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

/* Waits (spinning) until @cond is true or @timeout_ms passes; returns false on timeout. */
bool wait_until(volatile u32 *counter, u32 value, unsigned int timeout_ms);

/* Entry from the assembly, MMU on, for every CPU entering EL2. */
void __noreturn entry(cpuid_t cpu, struct per_cpu *pc);

/* CV_HC_DISABLE on one root CPU; returns only on failure. */
long hypervisor_disable(struct per_cpu *pc);

/* Halts this CPU after a hypervisor bug (never reachable by a guest). */
void __noreturn hv_panic(const char *why);

#endif /* _HV_CONTROL_H */
