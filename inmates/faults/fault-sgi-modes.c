// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends SGI 6 (Linux's wake-up IPI) to every CPU outside the cell by each
 * way ICC_SGI1R_EL1 can name them: IRM (all but self), a target list of
 * all 16 Aff0 values in Aff1 0, RS 1 to 15 (Aff0 16..255), Aff1 1..3,
 * Aff2 1 and Aff3 1; and through ICC_ASGI1R_EL1 and ICC_SGI0R_EL1 (group
 * 0) to everyone. Expected: no CPU outside the cell gets any of them; the
 * cell's own CPU gets the IRM and target-list ones (listed by "IRQ 6"
 * lines, when it has more than one CPU).
 */
#include "fault.h"

#define ICC_ASGI1R_EL1	S3_0_C12_C11_6
#define ICC_SGI0R_EL1	S3_0_C12_C11_7
#define IRM		(1UL << 40)
#define SGI(n)		((u64)(n) << 24)

static u64 route(unsigned int aff3, unsigned int aff2, unsigned int aff1, unsigned int rs,
		 unsigned int list)
{
	return ((u64)aff3 << 48) | ((u64)rs << 44) | ((u64)aff2 << 32) | ((u64)aff1 << 16) | list;
}

void inmate_main(void)
{
	unsigned int sgi = cmdline_get_int("sgi", 6), i;

	if (gic_init())
		halt();
	printk("fault-sgi-modes: SGI %u by IRM, target list, RS, Aff1, Aff2, Aff3, ASGI1R, SGI0R\n",
	       sgi);
	write_sysreg(ICC_SGI1R_EL1, IRM | SGI(sgi));
	write_sysreg(ICC_SGI1R_EL1, route(0, 0, 0, 0, 0xffff) | SGI(sgi));
	for (i = 1; i < 16; i++)
		write_sysreg(ICC_SGI1R_EL1, route(0, 0, 0, i, 0xffff) | SGI(sgi));
	for (i = 1; i < 4; i++)
		write_sysreg(ICC_SGI1R_EL1, route(0, 0, i, 0, 0xffff) | SGI(sgi));
	write_sysreg(ICC_SGI1R_EL1, route(0, 1, 0, 0, 0xffff) | SGI(sgi));
	write_sysreg(ICC_SGI1R_EL1, route(1, 0, 0, 0, 0xffff) | SGI(sgi));
	write_sysreg(ICC_ASGI1R_EL1, IRM | SGI(sgi));
	write_sysreg(ICC_ASGI1R_EL1, route(0, 0, 0, 0, 0xffff) | SGI(sgi));
	write_sysreg(ICC_SGI0R_EL1, IRM | SGI(sgi));
	write_sysreg(ICC_SGI0R_EL1, route(0, 0, 0, 0, 0xffff) | SGI(sgi));
	isb();
	printk("fault-sgi-modes: done\n");
	alive_forever(true);
}
