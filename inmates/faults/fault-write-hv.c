// SPDX-License-Identifier: GPL-2.0-only
/* Stores into the hypervisor's memory (default 0x7fc00000 on QEMU). */
#include "fault.h"

void inmate_main(void)
{
	unsigned long addr = cmdline_get_int("addr", 0x7fc00000);

	printk("fault-write-hv: writing 0xdeadbeef to 0x%lx, hypervisor memory\n",
	       addr);
	fault_map(addr);
	mmio_write32(addr, 0xdeadbeef);
	printk("fault-write-hv: store to 0x%lx completed: NOT contained\n", addr);
	alive_forever(false);
}
