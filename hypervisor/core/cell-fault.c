// SPDX-License-Identifier: GPL-2.0
/*
 * How a cell ends without the root asking: a CPU that did something
 * forbidden is parked with a fault record (the cell fails when all its
 * CPUs did), the hypervisor fails a whole cell (no reply in time), or the
 * cell powers itself off (PSCI SYSTEM_OFF/RESET). Never the machine.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cpu-control.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>

void cell_cpu_fail(struct per_cpu *pc, u32 reason, u64 esr, u64 far, u64 ipa, u64 elr)
{
	struct cell *cell = pc->cell;

	printk("cell %d \"%s\": CPU %u failed: ESR 0x%llx FAR 0x%llx IPA 0x%llx PC 0x%llx\n",
	       cell->id, cell->config->name, pc->cpu_id, esr, far, ipa, elr);
	if (!cell->failed_cpus)
		cell->fault = (struct cv_fault_record){ reason, pc->cpu_id, esr, far, ipa, elr };
	cell->failed_cpus |= BIT(pc->cpu_id);
	pc->failed = true;
	if (cell->failed_cpus == cell->cpu_mask) {
		cell->state = CV_CELL_FAILED;
		ivshmem_cell_reset(cell);
	}
	arch_park_cpu(pc);
}

void cell_fail(struct cell *cell, u32 reason)
{
	(void)cpus_park(cell->cpu_mask);
	cell->state = CV_CELL_FAILED;
	cell->failed_cpus = cell->cpu_mask;
	cell->fault = (struct cv_fault_record){ .reason = reason,
						.cpu = __builtin_ctzll(cell->cpu_mask) };
	ivshmem_cell_reset(cell);
}

void cell_shutdown_self(struct per_cpu *pc, u32 reason)
{
	struct cell *cell = pc->cell;

	cell->state = CV_CELL_SHUT_DOWN;
	cell->fault = (struct cv_fault_record){ .reason = reason, .cpu = pc->cpu_id };
	cpus_request_park(cell->cpu_mask & ~BIT(pc->cpu_id));
	ivshmem_cell_reset(cell);
	arch_park_cpu(pc);
}
