// SPDX-License-Identifier: GPL-2.0
/*
 * The state a CPU carries between owners. Whenever a parked CPU starts
 * (for a cell, or for Linux again) it gets the state of a CPU out of
 * reset: FP/SIMD registers, FPCR/FPSR, every EL1 system register an
 * inmate or Linux can leave something in, the debug and PMU registers;
 * so nothing of one owner reaches the next.
 *
 * Non-root cells do not reach the PMU and the debug registers at all:
 * MDCR_EL2 traps them while a cell runs and they are emulated as absent
 * (reads as zero, writes ignored; so a cell sees PMCR_EL0.N = 0 counters
 * and no breakpoints). The root keeps them, as Linux had them before
 * the hypervisor came.
 */
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <hv/cell.h>
#include <hv/percpu.h>

#define MDCR_HPMN_MASK		0x1fULL
#define MDCR_TPMCR		BIT(5)
#define MDCR_TPM		BIT(6)
#define MDCR_TDA		BIT(9)
#define MDCR_TDOSA		BIT(10)
#define MDCR_TDRA		BIT(11)
#define MDCR_CELL_TRAPS		(MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA)

#define PMCR_P			BIT(1)	/* reset the event counters */
#define PMCR_C			BIT(2)	/* reset the cycle counter */
#define PMCR_N(pmcr)		(((pmcr) >> 11) & 0x1f)

static void fpsimd_reset(void)
{
	asm volatile(".arch_extension fp\n\t.arch_extension simd\n\t"
		     "movi v0.16b, #0\n\t movi v1.16b, #0\n\t movi v2.16b, #0\n\t"
		     "movi v3.16b, #0\n\t movi v4.16b, #0\n\t movi v5.16b, #0\n\t"
		     "movi v6.16b, #0\n\t movi v7.16b, #0\n\t movi v8.16b, #0\n\t"
		     "movi v9.16b, #0\n\t movi v10.16b, #0\n\t movi v11.16b, #0\n\t"
		     "movi v12.16b, #0\n\t movi v13.16b, #0\n\t movi v14.16b, #0\n\t"
		     "movi v15.16b, #0\n\t movi v16.16b, #0\n\t movi v17.16b, #0\n\t"
		     "movi v18.16b, #0\n\t movi v19.16b, #0\n\t movi v20.16b, #0\n\t"
		     "movi v21.16b, #0\n\t movi v22.16b, #0\n\t movi v23.16b, #0\n\t"
		     "movi v24.16b, #0\n\t movi v25.16b, #0\n\t movi v26.16b, #0\n\t"
		     "movi v27.16b, #0\n\t movi v28.16b, #0\n\t movi v29.16b, #0\n\t"
		     "movi v30.16b, #0\n\t movi v31.16b, #0\n\t"
		     "msr fpcr, xzr\n\t msr fpsr, xzr" ::: "memory");
}

/* Arm ARM reset values, or zero where the reset value is UNKNOWN. */
static void el1_sysregs_reset(bool root)
{
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);	/* MMU and caches off */
	write_sysreg(vbar_el1, 0);
	write_sysreg(tcr_el1, 0);
	write_sysreg(mair_el1, 0);
	write_sysreg(amair_el1, 0);
	write_sysreg(ttbr0_el1, 0);
	write_sysreg(ttbr1_el1, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(sp_el1, 0);
	write_sysreg(elr_el1, 0);
	write_sysreg(spsr_el1, 0);
	write_sysreg(esr_el1, 0);
	write_sysreg(far_el1, 0);
	write_sysreg(afsr0_el1, 0);
	write_sysreg(afsr1_el1, 0);
	write_sysreg(par_el1, 0);
	write_sysreg(tpidr_el0, 0);
	write_sysreg(tpidr_el1, 0);
	write_sysreg(tpidrro_el0, 0);
	write_sysreg(contextidr_el1, 0);
	/* inmates use FP/SIMD from the start; Linux sets it up itself */
	write_sysreg(cpacr_el1, root ? 0 : 3ULL << 20);
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(cntp_cval_el0, 0);
}

#define DBG_PAIR(n)							\
	case n:								\
		write_sysreg(dbgbcr##n##_el1, 0);			\
		write_sysreg(dbgbvr##n##_el1, 0);			\
		break

#define DBG_WPAIR(n)							\
	case n:								\
		write_sysreg(dbgwcr##n##_el1, 0);			\
		write_sysreg(dbgwvr##n##_el1, 0);			\
		break

static void breakpoint_reset(unsigned int n)
{
	switch (n) {
	DBG_PAIR(0); DBG_PAIR(1); DBG_PAIR(2); DBG_PAIR(3);
	DBG_PAIR(4); DBG_PAIR(5); DBG_PAIR(6); DBG_PAIR(7);
	DBG_PAIR(8); DBG_PAIR(9); DBG_PAIR(10); DBG_PAIR(11);
	DBG_PAIR(12); DBG_PAIR(13); DBG_PAIR(14); DBG_PAIR(15);
	}
}

static void watchpoint_reset(unsigned int n)
{
	switch (n) {
	DBG_WPAIR(0); DBG_WPAIR(1); DBG_WPAIR(2); DBG_WPAIR(3);
	DBG_WPAIR(4); DBG_WPAIR(5); DBG_WPAIR(6); DBG_WPAIR(7);
	DBG_WPAIR(8); DBG_WPAIR(9); DBG_WPAIR(10); DBG_WPAIR(11);
	DBG_WPAIR(12); DBG_WPAIR(13); DBG_WPAIR(14); DBG_WPAIR(15);
	}
}

/* Breakpoints, watchpoints and debug control off (ID_AA64DFR0_EL1 says how many). */
static void debug_reset(void)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned int i, brps = ((dfr0 >> 12) & 0xf) + 1, wrps = ((dfr0 >> 20) & 0xf) + 1;

	write_sysreg(mdscr_el1, 0);
	for (i = 0; i < brps; i++)
		breakpoint_reset(i);
	for (i = 0; i < wrps; i++)
		watchpoint_reset(i);
}

/* Counters stopped and zeroed, events, overflows and EL0 access cleared. */
static void pmu_reset(void)
{
	u64 pmuver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;
	unsigned int i, n;

	if (pmuver == 0 || pmuver == 0xf)	/* no (architected) PMU */
		return;
	n = PMCR_N(read_sysreg(pmcr_el0));
	write_sysreg(pmcntenclr_el0, ~0ULL);
	write_sysreg(pmintenclr_el1, ~0ULL);
	write_sysreg(pmovsclr_el0, ~0ULL);
	write_sysreg(pmcr_el0, PMCR_P | PMCR_C);
	write_sysreg(pmuserenr_el0, 0);
	write_sysreg(pmccfiltr_el0, 0);
	for (i = 0; i < n; i++) {
		write_sysreg(pmselr_el0, i);
		isb();
		write_sysreg(pmxevtyper_el0, 0);
	}
	write_sysreg(pmselr_el0, 0);
	write_sysreg(pmcr_el0, 0);
}

void el1_state_reset(struct per_cpu *pc)
{
	bool root = cell_is_root(pc->cell);
	u64 mdcr = pc->arch.saved.mdcr;

	fpsimd_reset();
	el1_sysregs_reset(root);
	debug_reset();
	pmu_reset();
	/* the counters Linux may use (HPMN) stay as they were; a cell gets traps */
	write_sysreg(mdcr_el2, root ? mdcr : (mdcr & MDCR_HPMN_MASK) | MDCR_CELL_TRAPS);
	isb();
}

/* ISS fields of a trapped MSR/MRS (Arm ARM D13.2.37). */
#define ISS_OP0(iss)		(((iss) >> 20) & 3)
#define ISS_CRN(iss)		(((iss) >> 10) & 0xf)
#define ISS_CRM(iss)		(((iss) >> 1) & 0xf)
#define ISS_RT(iss)		(((iss) >> 5) & 0x1f)
#define ISS_READ(iss)		((iss) & 1)

bool el1_absent_sysreg(struct per_cpu *pc, struct registers *regs, u64 iss)
{
	unsigned int op0 = ISS_OP0(iss), crn = ISS_CRN(iss), crm = ISS_CRM(iss);
	/* op0 2: every debug register; op0 3: PMCR..PMUSERENR, PMEVCNTRn/PMEVTYPERn */
	bool debug = op0 == 2;
	bool pmu = op0 == 3 && ((crn == 9 && crm >= 12) || (crn == 14 && crm >= 8));

	if (cell_is_root(pc->cell) || (!debug && !pmu))
		return false;
	if (ISS_READ(iss) && ISS_RT(iss) != 31)
		regs->x[ISS_RT(iss)] = 0;
	return true;
}
