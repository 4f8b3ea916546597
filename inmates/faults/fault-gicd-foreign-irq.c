// SPDX-License-Identifier: GPL-2.0-only
/*
 * Enables an SPI the cell does not own (default INTID 33, the root's UART
 * on QEMU) through GICD_ISENABLER and prints what reads back. The
 * hypervisor must drop the write: the bit should read 0 (unless its owner
 * had enabled it, which a cell must not see either: reads are masked too).
 */
#include "fault.h"

#define GICD_ISENABLER	0x100

void inmate_main(void)
{
	unsigned int irq = cmdline_get_int("irq", 33);
	unsigned long reg;
	u32 val;

	if (gic_init())
		halt();
	reg = comm_region->gicd_base + GICD_ISENABLER + (irq / 32) * 4;
	printk("fault-gicd-foreign-irq: writing bit %u of GICD_ISENABLER%u (INTID %u, not ours)\n",
	       irq % 32, irq / 32, irq);
	mmio_write32(reg, 1U << (irq % 32));
	val = mmio_read32(reg);
	printk("fault-gicd-foreign-irq: GICD_ISENABLER%u reads 0x%08x: INTID %u %s\n",
	       irq / 32, val, irq,
	       val & (1U << (irq % 32)) ? "enabled" : "not enabled");
	alive_forever(true);
}
