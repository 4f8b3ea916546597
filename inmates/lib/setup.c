// SPDX-License-Identifier: GPL-2.0-only
/* C start-up between header.S and the program, and halt(). */
#include "inmate.h"

void inmate_start(void);

void inmate_start(void)
{
	mmu_init();
	comm_check();
	console_init();
	inmate_main();
}

void halt(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		wfi();
}
