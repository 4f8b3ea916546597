// SPDX-License-Identifier: GPL-2.0-only
/*
 * Uses the PMU (counts cycles) and the debug registers (a breakpoint,
 * MDSCR_EL1): a cell must find them absent, reading zero, and run on.
 */
#include "fault.h"

void inmate_main(void)
{
	u64 pmcr, cycles, bvr, bcr, mdscr;

	write_sysreg(pmcr_el0, 0x7);			/* E, reset event and cycle counters */
	write_sysreg(pmcntenset_el0, 1UL << 31);	/* the cycle counter */
	for (volatile int i = 0; i < 100000; i++)
		;
	pmcr = read_sysreg(pmcr_el0);
	cycles = read_sysreg(pmccntr_el0);
	write_sysreg(dbgbvr0_el1, 0x1000);
	write_sysreg(dbgbcr0_el1, 0x1e7);		/* enabled, EL1 and EL0, all bytes */
	write_sysreg(mdscr_el1, (1UL << 15) | (1UL << 13));	/* MDE, KDE */
	isb();
	bvr = read_sysreg(dbgbvr0_el1);
	bcr = read_sysreg(dbgbcr0_el1);
	mdscr = read_sysreg(mdscr_el1);
	printk("probe-pmu-debug: PMCR_EL0 0x%llx (N %llu) PMCCNTR_EL0 %llu DBGBVR0 0x%llx DBGBCR0 0x%llx MDSCR_EL1 0x%llx\n",
	       (unsigned long long)pmcr, (unsigned long long)((pmcr >> 11) & 0x1f),
	       (unsigned long long)cycles, (unsigned long long)bvr, (unsigned long long)bcr,
	       (unsigned long long)mdscr);
	alive_forever(false);
}
