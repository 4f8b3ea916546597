// SPDX-License-Identifier: GPL-2.0-only
/*
 * One access an emulated device has no register for (default: a 32-bit
 * load at GICD + 0xfffe, running past the distributor): dev=gicd, gicr
 * (this CPU's frame) or vuart (at vuart=ADDR), off=, size=1|2|4|8,
 * write=1 for a store. The device's 2 MiB are mapped as normal memory, so
 * an unaligned access reaches the hypervisor instead of faulting in the
 * cell. Expected: the cell fails (data abort, the access in its record)
 * and the device is not touched.
 */
#include "fault.h"

#define BLOCK	(2UL << 20)

static u64 access(unsigned long addr, unsigned int size, bool write)
{
	u64 v = 0x5a5a5a5a5a5a5a5aUL;

	switch (size | (write ? 0x10 : 0)) {
	case 1: asm volatile("ldrb %w0, [%1]" : "=r" (v) : "r" (addr) : "memory"); break;
	case 2: asm volatile("ldrh %w0, [%1]" : "=r" (v) : "r" (addr) : "memory"); break;
	case 4: asm volatile("ldr %w0, [%1]" : "=r" (v) : "r" (addr) : "memory"); break;
	case 8: asm volatile("ldr %0, [%1]" : "=r" (v) : "r" (addr) : "memory"); break;
	case 0x11: asm volatile("strb %w0, [%1]" : : "r" (v), "r" (addr) : "memory"); break;
	case 0x12: asm volatile("strh %w0, [%1]" : : "r" (v), "r" (addr) : "memory"); break;
	case 0x14: asm volatile("str %w0, [%1]" : : "r" (v), "r" (addr) : "memory"); break;
	default: asm volatile("str %0, [%1]" : : "r" (v), "r" (addr) : "memory"); break;
	}
	return v;
}

void inmate_main(void)
{
	unsigned long off = cmdline_get_int("off", 0xfffe), base;
	unsigned int size = cmdline_get_int("size", 4);
	bool write = cmdline_get_bool("write", false);
	char dev[8] = "gicd";
	u64 v;

	cmdline_get_str("dev", dev, sizeof(dev));
	base = !strcmp(dev, "vuart") ? (unsigned long)cmdline_get_int("vuart", 0x09000000) :
	       comm_region->gicd_base;
	/* normal memory first: gic_init() maps what is still unmapped as device */
	mmu_map_normal(base & ~(BLOCK - 1), 2 * BLOCK);
	if (gic_init())
		halt();
	if (!strcmp(dev, "gicr"))
		base = gic_redist_base();
	printk("fault-mmio-bad: %u-byte %s at %s + 0x%lx\n", size, write ? "store" : "load",
	       dev, off);
	v = access(base + off, size, write);
	printk("fault-mmio-bad: the access completed (0x%lx): NOT contained\n", (unsigned long)v);
	alive_forever(true);
}
