// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.1 for cells (trapped SMC, HCR_EL2.TSC): CPU power control stays
 * inside the caller's cell and starts CPUs only where the cell may run
 * code; system power calls of the root and calls we do not emulate are
 * passed to the firmware for the root only. Any other SMC of a cell (a
 * trusted OS, a SiP service, an immediate other than 0) gets
 * NOT_SUPPORTED and reaches nobody.
 */
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cpu-control.h>
#include <hv/lib.h>
#include <hv/percpu.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_32	0x84000001
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INVALID_ADDRESS	(-9)
#define PSCI_VERSION_1_1	0x10001
#define MIGRATE_NOT_REQUIRED	2

static void firmware_call(struct registers *regs)
{
	register u64 x0 asm("x0") = regs->x[0];
	register u64 x1 asm("x1") = regs->x[1];
	register u64 x2 asm("x2") = regs->x[2];
	register u64 x3 asm("x3") = regs->x[3];

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	regs->x[0] = x0;
	regs->x[1] = x1;
	regs->x[2] = x2;
	regs->x[3] = x3;
}

static long psci_features(u64 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return 0;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/* A CPU may start at @entry: an instruction in memory the cell may execute. */
static bool entry_ok(const struct cell *cell, u64 entry)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	u64 exec;

	if (!IS_ALIGNED(entry, 4))
		return false;
	for (exec = cell->arch.exec_regions; exec; exec &= exec - 1) {
		const struct cv_mem_region *m = &mem[__builtin_ctzll(exec)];

		if (entry - m->virt_start < m->size)
			return true;
	}
	return false;
}

/* CPU_ON and AFFINITY_INFO reach only CPUs of the caller's cell. */
static long psci_cpu_on(struct per_cpu *caller, u64 mpidr, u64 entry, u64 context)
{
	static const long result[] = {
		[CPU_START_OK] = PSCI_SUCCESS,
		[CPU_START_ALREADY_ON] = PSCI_ALREADY_ON,
		[CPU_START_PENDING] = PSCI_ON_PENDING,
	};
	struct per_cpu *target = cell_cpu_by_mpidr(caller->cell, mpidr);

	if (!target)
		return PSCI_DENIED;
	if (!entry_ok(caller->cell, entry))
		return PSCI_INVALID_ADDRESS;
	return result[cpu_start(target, entry, context)];
}

static long psci_affinity_info(struct per_cpu *caller, u64 mpidr, u64 level)
{
	static const long result[] = {
		[CPU_POWER_ON] = 0,
		[CPU_POWER_OFF] = 1,
		[CPU_POWER_ON_PENDING] = 2,
	};
	struct per_cpu *target = cell_cpu_by_mpidr(caller->cell, mpidr);

	if (level)
		return PSCI_INVALID_PARAMS;
	return target ? result[cpu_power_state(target)] : PSCI_DENIED;
}

static long psci_call(struct per_cpu *pc, struct registers *regs, u64 fn)
{
	u64 a1 = regs->x[1], a2 = regs->x[2], a3 = regs->x[3];

	if (!(fn & 0x40000000)) {	/* SMC32: arguments are 32 bits */
		a1 &= 0xffffffff;
		a2 &= 0xffffffff;
		a3 &= 0xffffffff;
	}
	switch (fn) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		/* standby: wake on any interrupt; the IRQ exit follows */
		asm volatile("wfi" ::: "memory");
		return 0;
	case PSCI_CPU_OFF:
		arch_park_cpu(pc);
		return (long)regs->x[0];	/* context of the later CPU_ON */
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		return psci_cpu_on(pc, a1, a2, a3);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		return psci_affinity_info(pc, a1, a2);
	case PSCI_MIGRATE_INFO_TYPE:
		return MIGRATE_NOT_REQUIRED;
	case PSCI_FEATURES:
		return psci_features(a1 & 0xffffffff);
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		if (cell_is_root(pc->cell))
			firmware_call(regs);	/* the root owns the machine */
		else	/* a cell's machine is the cell: it stops, the reason is kept */
			cell_shutdown_self(pc, fn == PSCI_SYSTEM_OFF ? CV_FAIL_PSCI_SYSTEM_OFF :
					   CV_FAIL_PSCI_SYSTEM_RESET);
		return (long)regs->x[0];
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

void psci_handle(struct per_cpu *pc, struct registers *regs, u64 imm)
{
	u64 fn = regs->x[0] & 0xffffffff;

	stat_inc(pc, CV_STAT_EXITS_PSCI);
	/*
	 * Not PSCI (SMCCC calls take immediate 0; SMCCC_VERSION and other
	 * services): the root owns the firmware, a cell gets NOT_SUPPORTED.
	 */
	if (((fn >> 24) & 0x3f) != 4 || imm) {
		if (cell_is_root(pc->cell))
			firmware_call(regs);
		else
			regs->x[0] = (u64)PSCI_NOT_SUPPORTED;
		return;
	}
	regs->x[0] = (u64)psci_call(pc, regs, fn);
}
