// SPDX-License-Identifier: GPL-2.0-only
/*
 * Floods the cell's other CPU (mpidr=, default 2), which it never starts,
 * with every SGI, 2 (Linux's IPI_CPU_STOP) among them, so they would wait
 * for whoever owns that CPU next. Expected: its next owner (Linux, after
 * the cell is destroyed) gets none: no CPU stops, the kernel says nothing.
 */
#include "fault.h"

void inmate_main(void)
{
	u64 mpidr = cmdline_get_int("mpidr", 2);
	u64 target = (((mpidr >> 32) & 0xff) << 48) | (((mpidr >> 16) & 0xff) << 32) |
		     (((mpidr >> 8) & 0xff) << 16) | (((mpidr & 0xff) / 16) << 44) |
		     (1UL << (mpidr % 16));
	unsigned int round, sgi;

	if (gic_init())
		halt();
	printk("fault-sgi-stale: SGIs 0-15 to the parked CPU 0x%lx, 100 times\n",
	       (unsigned long)mpidr);
	for (round = 0; round < 100; round++)
		for (sgi = 0; sgi < 16; sgi++)
			write_sysreg(ICC_SGI1R_EL1, target | ((u64)sgi << 24));
	isb();
	printk("fault-sgi-stale: CPU 0x%lx is AFFINITY_INFO %ld (1: off)\n", (unsigned long)mpidr,
	       psci_affinity_info(mpidr));
	alive_forever(true);
}
