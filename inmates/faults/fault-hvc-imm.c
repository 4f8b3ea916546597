// SPDX-License-Identifier: GPL-2.0-only
/* hvc #0 (the Linux hyp stub's call) from a cell: the cell fails, its record holds no FAR or IPA. */
#include "fault.h"

void inmate_main(void)
{
	register unsigned long x0 asm("x0") = 1;	/* HVC_SOFT_RESTART of the stub */

	printk("fault-hvc-imm: hvc #0 with x0 = 1\n");
	asm volatile("hvc #0" : "+r" (x0) : : "x1", "x2", "x3", "memory");
	printk("fault-hvc-imm: returned %ld: NOT contained\n", (long)x0);
	alive_forever(false);
}
