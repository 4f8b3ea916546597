// SPDX-License-Identifier: GPL-2.0-only
/* An HVC with another immediate than the hypercall's: the cell fails, its record holds no FAR or IPA. */
#include "fault.h"

void inmate_main(void)
{
	printk("fault-hvc-imm: hvc #1\n");
	asm volatile("hvc #1" : : : "memory");
	printk("fault-hvc-imm: came back: NOT contained\n");
	alive_forever(false);
}
