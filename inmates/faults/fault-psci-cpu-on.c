// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI CPU_ON for a CPU outside the cell (default MPIDR 0, a root CPU),
 * or, with entry=ADDR, for any CPU (one of the cell's too) at an entry
 * point the cell may not run (outside its memory, unaligned, in the
 * hypervisor). Expected: DENIED (-3) or INVALID_PARAMETERS (-2) for a
 * foreign CPU, INVALID_ADDRESS (-9) for a bad entry point; no CPU runs
 * anything and AFFINITY_INFO still says OFF for the cell's own.
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
	u64 entry = cmdline_get_int("entry", (long)stolen_cpu_entry);
	long ret;

	printk("fault-psci-cpu-on: PSCI CPU_ON for MPIDR 0x%lx at 0x%lx\n",
	       (unsigned long)mpidr, (unsigned long)entry);
	ret = psci_cpu_on(mpidr, entry, 0);
	printk("fault-psci-cpu-on: CPU_ON returned %ld (%s); AFFINITY_INFO %ld\n", ret,
	       psci_ret_name(ret), psci_affinity_info(mpidr));
	alive_forever(false);
}
