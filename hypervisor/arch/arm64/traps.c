// SPDX-License-Identifier: GPL-2.0
/*
 * Guest exits: one handler per exception class, called straight from the
 * EL2 vectors' C entry; the failure policy for anything not handled lives
 * in trap_failure() only, out of the handlers' way.
 */
#include <asm/dabt.h>
#include <asm/gic.h>
#include <asm/stage2.h>
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cpu-control.h>
#include <hv/hypercall.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>

typedef void (*trap_handler_t)(struct registers *regs, struct per_cpu *pc, u64 esr);

void arch_handle_sync(struct registers *regs);
void arch_handle_irq(struct registers *regs);
void arch_handle_fiq(struct registers *regs);
void arch_handle_serror(struct registers *regs);

static void skip_insn(void)
{
	write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
}

/*
 * The root cell is Linux: its faults become exceptions Linux reports
 * (external abort, undefined instruction). Non-root cells fail.
 */
static __attribute__((noinline)) void trap_failure(struct per_cpu *pc, u64 esr,
						    enum trap_result res)
{
	u64 ec = ESR_EC(esr), far = 0, ipa = 0;

	/* only an abort sets FAR and HPFAR: anything else would be a stale value */
	if (ec == EC_DABT_LOW || ec == EC_IABT_LOW) {
		far = read_sysreg(far_el2);
		ipa = ((read_sysreg(hpfar_el2) & 0x00000ffffffffff0ULL) << 8) | (far & 0xfff);
	}

	if (!cell_is_root(pc->cell)) {
		u32 reason = ec == EC_DABT_LOW ? CV_FAIL_DATA_ABORT :
			     ec == EC_IABT_LOW ? CV_FAIL_INSN_ABORT :
			     ec == EC_HVC64 ? CV_FAIL_FORBIDDEN_HVC : CV_FAIL_UNHANDLED_TRAP;

		cell_cpu_fail(pc, reason, esr, far, ipa, read_sysreg(elr_el2));
		return;
	}
	printk("CPU %u: %s trap, ESR 0x%llx PC 0x%llx FAR 0x%llx IPA 0x%llx\n", pc->cpu_id,
	       res == TRAP_FORBIDDEN ? "forbidden" : "unhandled", esr,
	       read_sysreg(elr_el2), far, ipa);
	if (ec == EC_DABT_LOW)
		inject_abort(true, far, esr & BIT(6));
	else if (ec == EC_IABT_LOW)
		inject_abort(false, far, 0);
	else
		inject_undef();
}

static void handle_unknown(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	(void)regs;
	trap_failure(pc, esr, TRAP_UNHANDLED);
}

static void handle_hvc(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	long ret;

	if ((esr & 0xffff) == CV_HVC_IMM) {
		ret = hypercall(pc, regs->x[0], regs->x[1], regs->x[2]);
		if (ret == HYPERCALL_RETRY)
			write_sysreg(elr_el2, read_sysreg(elr_el2) - 4);	/* the hvc again */
		else
			regs->x[0] = (u64)ret;
	} else if (cell_is_root(pc->cell))
		regs->x[0] = (u64)-CV_ENOSYS;	/* e.g. a Linux hyp-stub call: not ours */
	else
		trap_failure(pc, esr, TRAP_FORBIDDEN);
}

static void handle_smc(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	skip_insn();
	psci_handle(pc, regs, esr & 0xffff);
}

/* ISS of a trapped MSR/MRS (Arm ARM D13.2.37): Op0, Op2, Op1, CRn, Rt, CRm, dir */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_ISS_MASK		SYSREG_ISS(3, 7, 15, 15, 7)
#define ICC_SGI1R_ISS		SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R_ISS		SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R_ISS		SYSREG_ISS(3, 0, 12, 11, 7)
/* Data cache maintenance by set/way (HCR_EL2.TSW) */
#define DC_ISW_ISS		SYSREG_ISS(1, 0, 7, 6, 2)
#define DC_CSW_ISS		SYSREG_ISS(1, 0, 7, 10, 2)
#define DC_CISW_ISS		SYSREG_ISS(1, 0, 7, 14, 2)
#define SET_WAY_MASK		0xfffffffeULL	/* Way, Set, Level; the rest RES0 */

static void handle_sysreg(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	u64 iss = ESR_ISS(esr), val = regs->x[(iss >> 5) & 0x1f];

	stat_inc(pc, CV_STAT_EXITS_SYSREG);
	switch (iss & (SYSREG_ISS_MASK | 1)) {	/* direction 0: MSR, DC */
	case ICC_SGI1R_ISS:
		vgic_sgi1r_write(pc, val);
		break;
	case ICC_ASGI1R_ISS:
	case ICC_SGI0R_ISS:
		/* group 0 / alternate SGIs are not offered: the write does nothing */
		break;
	case DC_ISW_ISS:
		/*
		 * Set/way operations reach whole cache lines of every owner on
		 * this CPU's caches: invalidating them could drop other cells'
		 * or the hypervisor's dirty data. Clean and invalidate instead,
		 * which loses nothing and gives the caller what it wanted.
		 */
	case DC_CISW_ISS:
		asm volatile("dc cisw, %0" : : "r"(val & SET_WAY_MASK) : "memory");
		break;
	case DC_CSW_ISS:
		asm volatile("dc csw, %0" : : "r"(val & SET_WAY_MASK) : "memory");
		break;
	default:
		/* a cell's PMU and debug registers: absent (el1-state.c) */
		if (el1_absent_sysreg(pc, regs, iss))
			break;
		trap_failure(pc, esr, TRAP_UNHANDLED);
		return;
	}
	skip_insn();
}

/*
 * An emulated device's register. Only @regs and @esr are kept across the
 * dispatch (the CPU is found again), which keeps this path short.
 */
static void handle_dabt(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	struct mmio_access acc;

	if (!dabt_decode(esr, read_sysreg(hpfar_el2), read_sysreg(far_el2), &acc))
		goto forbidden;
	if (acc.is_write)
		acc.value = regs->x[dabt_reg(esr)];
	if (vgic_mmio_dispatch(pc->cell, &acc) != MMIO_HANDLED)
		goto forbidden;
	stat_inc(this_cpu(), CV_STAT_EXITS_MMIO);
	if (!(esr & ISS_WNR))
		regs->x[dabt_reg(esr)] = dabt_load_value(esr, acc.value);
	skip_insn();
	return;
forbidden:
	pc = this_cpu();
	if (!stage2_fault_retry(pc))
		trap_failure(pc, esr, TRAP_FORBIDDEN);
}

static void handle_iabt(struct registers *regs, struct per_cpu *pc, u64 esr)
{
	(void)regs;
	if (!stage2_fault_retry(pc))
		trap_failure(pc, esr, TRAP_FORBIDDEN);
}

/* Every class has a handler, so the entry does not test for none. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const trap_handler_t trap_handlers[64] = {
	[0 ... 63] = handle_unknown,
	[EC_HVC64] = handle_hvc,
	[EC_SMC64] = handle_smc,
	[EC_SYS64] = handle_sysreg,
	[EC_IABT_LOW] = handle_iabt,
	[EC_DABT_LOW] = handle_dabt,
};
#pragma GCC diagnostic pop

void arch_handle_sync(struct registers *regs)
{
	struct per_cpu *pc = this_cpu();
	u64 esr = read_sysreg(esr_el2);

	stat_inc(pc, CV_STAT_EXITS_TOTAL);
	trap_handlers[ESR_EC(esr)](regs, pc, esr);
}

void arch_handle_irq(struct registers *regs)
{
	struct per_cpu *pc = this_cpu();

	(void)regs;
	stat_inc(pc, CV_STAT_EXITS_TOTAL);
	gic_handle_irqs(pc, false);
}

void arch_handle_fiq(struct registers *regs)
{
	(void)regs;
	stat_inc(this_cpu(), CV_STAT_EXITS_TOTAL);
}

/* A physical SError while the guest ran: hand it on as a virtual one. */
void arch_handle_serror(struct registers *regs)
{
	(void)regs;
	stat_inc(this_cpu(), CV_STAT_EXITS_TOTAL);
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_VSE);
}

void arch_send_event(struct per_cpu *target)
{
	gic_send_sgi(target, SGI_EVENT);
}

void arch_park_cpu(struct per_cpu *pc)
{
	struct registers *regs = guest_regs(pc);
	u64 entry, context;
	unsigned int i;

	gic_cpu_reset(pc);
	cpu_set_parked(pc);
	do {
		wfi();
		gic_handle_irqs(pc, true);
	} while (!cpu_take_start(pc, &entry, &context));
	/* SGIs of the old owner sent before it parked too: the new one starts clean */
	gic_drop_posted(pc);
	for (i = 0; i < 31; i++)
		regs->x[i] = 0;
	regs->x[0] = context;
	write_sysreg(elr_el2, entry);

	/* PSCI CPU_ON: EL1h, all exceptions masked, MMU and caches off */
	write_sysreg(spsr_el2, SPSR_EL1H | SPSR_DAIF);
	el1_state_reset(pc);
	stage2_activate(pc->cell);
	isb();
}
