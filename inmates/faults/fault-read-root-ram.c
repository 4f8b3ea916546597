// SPDX-License-Identifier: GPL-2.0-only
/* Reads guest-physical memory the cell does not own (default 0x40000000, root RAM on QEMU). */
#include "fault.h"

void inmate_main(void)
{
	unsigned long addr = cmdline_get_int("addr", 0x40000000);
	u32 val;

	printk("fault-read-root-ram: reading 0x%lx, outside this cell's memory\n",
	       addr);
	fault_map(addr);
	val = mmio_read32(addr);
	printk("fault-read-root-ram: read 0x%08x from 0x%lx: NOT contained\n",
	       val, addr);
	alive_forever(false);
}
