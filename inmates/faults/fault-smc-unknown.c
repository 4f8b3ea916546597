// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMCs the hypervisor does not offer a cell, as a cell would try to reach
 * the trusted firmware: SMCCC_VERSION and ARCH_WORKAROUND_1 (Arm
 * architecture calls), a SiP call, trusted OS calls (fast, 32 and 64 bit,
 * and yielding), the PSCI calls it does not emulate (SYSTEM_SUSPEND,
 * SYSTEM_RESET2, MEM_PROTECT), and PSCI_VERSION through `smc #1`.
 * Expected: NOT_SUPPORTED (-1) for each, and the cell runs on.
 */
#include "fault.h"

static long smc1(u32 fn)
{
	register u64 x0 asm("x0") = fn;

	asm volatile("smc #1" : "+r" (x0) : : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
		     "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

void inmate_main(void)
{
	static const u32 fns[] = {
		0x80000000,	/* SMCCC_VERSION */
		0x80008000,	/* SMCCC_ARCH_WORKAROUND_1 */
		0xc2000001,	/* SiP service */
		0xb2000000,	/* trusted OS, 32-bit fast */
		0xf2000000,	/* trusted OS, 64-bit fast */
		0x32000000,	/* trusted OS, yielding */
		0xc400000e,	/* PSCI SYSTEM_SUSPEND */
		0xc4000012,	/* PSCI SYSTEM_RESET2 */
		0x84000013,	/* PSCI MEM_PROTECT */
	};
	unsigned int i, refused = 0;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		long ret = psci_call(fns[i], 0, 0, 0);

		printk("fault-smc-unknown: SMC 0x%08x returned %ld\n", fns[i], ret);
		refused += ret == PSCI_NOT_SUPPORTED;
	}
	i++;
	refused += smc1(PSCI_VERSION) == PSCI_NOT_SUPPORTED;
	printk("fault-smc-unknown: %u of %u refused\n", refused, i);
	alive_forever(false);
}
