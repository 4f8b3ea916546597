// SPDX-License-Identifier: GPL-2.0
/*
 * The control mailbox of each CPU (struct per_cpu, under control_lock):
 * a root CPU parks a cell's CPUs, a cell's CPU starts a parked sibling
 * (PSCI CPU_ON), and the CPU concerned takes the request when the event
 * (arch_send_event()) reaches it.
 */
#include <hv/arch.h>
#include <hv/cpu-control.h>
#include <hv/lib.h>
#include <hv/percpu.h>

#define PARK_TIMEOUT_MS		1000

enum cpu_start_result cpu_start(struct per_cpu *target, u64 entry, u64 context)
{
	enum cpu_start_result ret;

	spin_lock(&target->control_lock);
	if (target->start_pending) {
		ret = CPU_START_PENDING;
	} else if (!target->parked) {
		ret = CPU_START_ALREADY_ON;
	} else {
		target->start_entry = entry;
		target->start_context = context;
		target->start_pending = true;
		ret = CPU_START_OK;
	}
	spin_unlock(&target->control_lock);
	if (ret == CPU_START_OK)
		arch_send_event(target);
	return ret;
}

enum cpu_power_state cpu_power_state(const struct per_cpu *target)
{
	if (target->start_pending)
		return CPU_POWER_ON_PENDING;
	return target->parked ? CPU_POWER_OFF : CPU_POWER_ON;
}

void cpus_request_park(u64 mask)
{
	unsigned int cpu;

	for_each_cpu_in(cpu, mask) {
		struct per_cpu *pc = per_cpu(cpu);

		spin_lock(&pc->control_lock);
		pc->start_pending = false;
		if (!pc->parked)
			pc->park_requested = true;
		spin_unlock(&pc->control_lock);
		if (pc->park_requested)
			arch_send_event(pc);
	}
}

/* Parked, and no start pending that would take it out again. */
static bool cpu_at_rest(struct per_cpu *pc)
{
	bool rest;

	spin_lock(&pc->control_lock);
	rest = pc->parked && !pc->start_pending;
	spin_unlock(&pc->control_lock);
	return rest;
}

/*
 * A CPU of a cell can start another of its CPUs (PSCI CPU_ON) until it
 * parks itself: one that was parked when asked may run again (or have a
 * start pending) by the time the last one parks. So ask again until all
 * are at rest at once; then no CPU of theirs is left to start another.
 */
int cpus_park(u64 mask)
{
	u64 end = arch_counter() + arch_counter_freq() / 1000 * PARK_TIMEOUT_MS;
	unsigned int cpu;
	bool all;

	do {
		cpus_request_park(mask);
		for_each_cpu_in(cpu, mask)
			while (!per_cpu(cpu)->parked)
				if (arch_counter() > end)
					return -CV_EBUSY;
		all = true;
		for_each_cpu_in(cpu, mask)
			all = all && cpu_at_rest(per_cpu(cpu));
	} while (!all);
	return 0;
}

bool cpu_take_park_request(struct per_cpu *pc)
{
	bool park;

	spin_lock(&pc->control_lock);
	park = pc->park_requested;
	pc->park_requested = false;
	spin_unlock(&pc->control_lock);
	return park;
}

void cpu_set_parked(struct per_cpu *pc)
{
	spin_lock(&pc->control_lock);
	pc->parked = true;
	spin_unlock(&pc->control_lock);
}

bool cpu_take_start(struct per_cpu *pc, u64 *entry, u64 *context)
{
	bool start;

	spin_lock(&pc->control_lock);
	start = pc->start_pending;
	if (start) {
		pc->start_pending = false;
		pc->parked = false;
		*entry = pc->start_entry;
		*context = pc->start_context;
	}
	spin_unlock(&pc->control_lock);
	return start;
}
