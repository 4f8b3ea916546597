// SPDX-License-Identifier: GPL-2.0-only
/*
 * Touches one guest-physical address it was not given (addr=), mapped at
 * stage 1 as attr= says (device or normal), by op=: read, write, zva (DC
 * ZVA: zeroes a block), ivac (DC IVAC: drops the dirty lines of whoever
 * owns it).
 */
#include "fault.h"

void inmate_main(void)
{
	unsigned long addr = cmdline_get_int("addr", 0x40000000);
	char attr[8] = "device", op[8] = "read";
	u64 val = 0;

	cmdline_get_str("attr", attr, sizeof(attr));
	cmdline_get_str("op", op, sizeof(op));
	printk("probe-memory: %s of 0x%lx through a %s mapping\n", op, addr, attr);
	if (!strcmp(attr, "normal"))
		mmu_map_normal(addr, 0x1000);
	else
		mmu_map_device(addr, 0x1000);
	if (!strcmp(op, "write"))
		mmio_write64(addr, 0x5ec2e7ab0bad0bad);
	else if (!strcmp(op, "zva"))
		asm volatile("dc zva, %0" : : "r" (addr & ~63UL) : "memory");
	else if (!strcmp(op, "ivac"))
		asm volatile("dc ivac, %0" : : "r" (addr) : "memory");
	else
		val = mmio_read64(addr);
	dsb(sy);
	printk("probe-memory: %s of 0x%lx went through (0x%llx): NOT contained\n", op, addr,
	       (unsigned long long)val);
	alive_forever(false);
}
