// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends an SGI to a CPU outside the cell (default MPIDR 0, a root CPU) by
 * writing ICC_SGI1R_EL1. The hypervisor traps that write and must drop
 * targets outside the cell. Default SGI 6, which Linux 6.1 arm64 treats as
 * its wake-up IPI: harmless, but it warns once if one ever arrives.
 */
#include "fault.h"

/* ICC_SGI1R_EL1 fields (GIC spec 12.2.21). */
static u64 sgi1r_value(u64 mpidr, unsigned int sgi)
{
	u64 aff1 = (mpidr >> 8) & 0xff, aff2 = (mpidr >> 16) & 0xff;
	u64 aff3 = (mpidr >> 32) & 0xff;

	return (aff3 << 48) | (aff2 << 32) | ((u64)(sgi & 0xf) << 24) |
	       (aff1 << 16) | (1UL << (mpidr & 0xf));
}

void inmate_main(void)
{
	u64 mpidr = cmdline_get_int("mpidr", 0);
	unsigned int sgi = cmdline_get_int("sgi", 6);
	u64 val = sgi1r_value(mpidr, sgi);

	if (gic_init())
		halt();
	printk("fault-sgi-root: sending SGI %u to MPIDR 0x%lx (ICC_SGI1R_EL1 = 0x%lx)\n",
	       sgi, (unsigned long)mpidr, (unsigned long)val);
	write_sysreg(ICC_SGI1R_EL1, val);
	isb();
	printk("fault-sgi-root: done\n");
	alive_forever(true);
}
