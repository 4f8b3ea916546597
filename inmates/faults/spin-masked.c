// SPDX-License-Identifier: GPL-2.0-only
/* Spins with every interrupt masked and never answers a message: destroy must still get its CPU back. */
#include "fault.h"

void inmate_main(void)
{
	printk("spin-masked: masking everything, spinning\n");
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		barrier();
}
