// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI CPU_ON for a CPU outside the cell (default MPIDR 0, a root CPU).
 * Expected: DENIED (-3) or INVALID_PARAMETERS (-2); the CPU must not run
 * our code.
 */
#include "fault.h"

/* Where the foreign CPU would start if the call were wrongly honoured. */
static void stolen_cpu_entry(void)
{
	printk("fault-psci-cpu-on: a foreign CPU runs cell code: NOT contained\n");
	halt();
}

void inmate_main(void)
{
	u64 mpidr = cmdline_get_int("mpidr", 0);
	long ret;

	printk("fault-psci-cpu-on: PSCI CPU_ON for MPIDR 0x%lx (not in this cell)\n",
	       (unsigned long)mpidr);
	ret = psci_cpu_on(mpidr, (unsigned long)stolen_cpu_entry, 0);
	printk("fault-psci-cpu-on: CPU_ON returned %ld (%s)\n", ret,
	       psci_ret_name(ret));
	alive_forever(false);
}
