/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A CPU's control mailbox (core/cpu-control.c): other CPUs ask it to
 * start at an entry point or to park; the CPU takes the request at its
 * next event. The arch turns PSCI CPU_ON/AFFINITY_INFO into these calls
 * and runs the park loop (arch_park_cpu()).
 */
#ifndef _HV_CPU_CONTROL_H
#define _HV_CPU_CONTROL_H

#include <hv/types.h>

struct per_cpu;

enum cpu_start_result {
	CPU_START_OK,
	CPU_START_ALREADY_ON,		/* not parked */
	CPU_START_PENDING,		/* a start was asked for and not yet taken */
};

enum cpu_power_state {
	CPU_POWER_ON,
	CPU_POWER_OFF,			/* parked */
	CPU_POWER_ON_PENDING,
};

/* Starts the parked CPU @target at @entry with @context in its first register. */
enum cpu_start_result cpu_start(struct per_cpu *target, u64 entry, u64 context);
enum cpu_power_state cpu_power_state(const struct per_cpu *target);

/*
 * Asks every CPU of @mask (none of them the caller) to park at its next
 * event; a start it had not taken is dropped. cpus_park() also waits up
 * to a second for them: 0 or -CV_EBUSY.
 */
void cpus_request_park(u64 mask);
int cpus_park(u64 mask);

/* The CPU's own side, for the arch's event handler and park loop. */
bool cpu_take_park_request(struct per_cpu *pc);
void cpu_set_parked(struct per_cpu *pc);
/* True once a start was asked for; *entry and *context say where to. */
bool cpu_take_start(struct per_cpu *pc, u64 *entry, u64 *context);

#endif /* _HV_CPU_CONTROL_H */
