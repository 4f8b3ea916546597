// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data cache maintenance by set/way over every set and way of every
 * cache level (CLIDR/CCSIDR), invalidate (DC ISW) first: on real caches
 * that would drop dirty lines of whoever shares them, the hypervisor and
 * other cells included. Expected: each operation traps to the hypervisor
 * (HCR_EL2.TSW), which cleans as well as invalidates; the cell runs on.
 */
#include "fault.h"

static unsigned long sweep(int op)
{
	u64 clidr = read_sysreg(clidr_el1);
	unsigned long n = 0;
	unsigned int level;

	for (level = 0; level < 7; level++) {
		unsigned int type = (clidr >> (level * 3)) & 7, ways, sets, line, w, s;
		u64 ccsidr;

		if (type < 2)		/* no data or unified cache here */
			continue;
		write_sysreg(csselr_el1, level << 1);
		isb();
		ccsidr = read_sysreg(ccsidr_el1);
		line = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		for (w = 0; w < ways; w++) {
			unsigned int shift = ways > 1 ? __builtin_clz(ways - 1) : 0;

			for (s = 0; s < sets; s++, n++) {
				u64 v = ((u64)w << shift) | ((u64)s << line) | (level << 1);

				if (op == 0)
					asm volatile("dc isw, %0" : : "r" (v) : "memory");
				else if (op == 1)
					asm volatile("dc csw, %0" : : "r" (v) : "memory");
				else
					asm volatile("dc cisw, %0" : : "r" (v) : "memory");
			}
		}
	}
	dsb(sy);
	return n;
}

void inmate_main(void)
{
	unsigned long n = sweep(0);

	n += sweep(1);
	n += sweep(2);
	printk("fault-dc-setway: %lu set/way operations (ISW, CSW, CISW) done\n", n);
	alive_forever(false);
}
