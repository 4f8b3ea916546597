// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tries to take an SPI the cell does not own (default INTID 33, the root's
 * UART on QEMU; `irq=` picks another) through the distributor, the way a
 * hostile cell would: disable it for its owner, clear its pending state,
 * drop its priority, route it to this CPU, then enable it. The hypervisor
 * must drop every one of those writes and hide the IRQ's state from reads,
 * so the owner's device keeps getting its interrupts.
 */
#include "fault.h"

#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ICPENDR	0x0280
#define GICD_IPRIORITYR	0x0400
#define GICD_IROUTER	0x6000

void inmate_main(void)
{
	unsigned int irq = cmdline_get_int("irq", 33);
	unsigned long gicd, bank;
	u32 bit = 1U << (irq % 32), val;
	u64 route;

	if (gic_init())
		halt();
	gicd = comm_region->gicd_base;
	bank = (irq / 32) * 4;
	printk("fault-gicd-foreign-irq: INTID %u (not ours): disable, unpend, priority 0, "
	       "route here, enable\n", irq);
	mmio_write32(gicd + GICD_ICENABLER + bank, bit);
	mmio_write32(gicd + GICD_ICPENDR + bank, bit);
	mmio_write32(gicd + GICD_IPRIORITYR + (irq & ~3U), 0);
	mmio_write64(gicd + GICD_IROUTER + irq * 8, read_sysreg(mpidr_el1) & 0xff00ffffffUL);
	mmio_write32(gicd + GICD_ISENABLER + bank, bit);

	val = mmio_read32(gicd + GICD_ISENABLER + bank);
	route = mmio_read64(gicd + GICD_IROUTER + irq * 8);
	printk("fault-gicd-foreign-irq: GICD_ISENABLER%u reads 0x%08x: INTID %u %s; "
	       "IROUTER reads 0x%lx\n", irq / 32, val, irq,
	       val & bit ? "enabled" : "not enabled", (unsigned long)route);
	alive_forever(true);
}
