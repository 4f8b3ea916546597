// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the GIC registers a cell must not change, then reads them back:
 * the distributor off (GICD_CTLR = 0), its timer PPI and SPIs moved to
 * group 0 (IGROUPR, IGRPMODR: FIQs the hypervisor does not take), its
 * redistributor asleep (WAKER.ProcessorSleep) and LPIs on (PROPBASER,
 * PENDBASER, CTLR.EnableLPIs), its own SPI (spi=, default 64) routed to
 * any CPU (IROUTER.IRM) and to root CPU 0. Expected: every write ignored,
 * the values read back fixed, and the cell's own timer keeps ticking.
 */
#include "fault.h"

#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_IGRPMODR	0x0d00
#define GICD_IROUTER	0x6000
#define GICR_CTLR	0x0000
#define GICR_WAKER	0x0014
#define GICR_PROPBASER	0x0070
#define GICR_PENDBASER	0x0078
#define GICR_IGROUPR0	0x10080
#define GICR_IGRPMODR0	0x10d00

void inmate_main(void)
{
	unsigned int spi = cmdline_get_int("spi", 64);
	unsigned long gicd, gicr;
	u64 self;

	if (gic_init())
		halt();
	gicd = comm_region->gicd_base;
	gicr = gic_redist_base();
	self = read_sysreg(mpidr_el1) & 0xff00ffffffUL;
	gic_enable_irq(spi);
	printk("fault-gic-fixed: GICD_CTLR 0, group 0, WAKER sleep, LPIs on, SPI %u to IRM and CPU 0\n",
	       spi);
	mmio_write32(gicd + GICD_CTLR, 0);
	mmio_write32(gicd + GICD_IGROUPR + (spi / 32) * 4, 0);
	mmio_write32(gicd + GICD_IGRPMODR + (spi / 32) * 4, 0xffffffff);
	mmio_write32(gicr + GICR_IGROUPR0, 0);
	mmio_write32(gicr + GICR_IGRPMODR0, 0xffffffff);
	mmio_write32(gicr + GICR_WAKER, 0x2);
	mmio_write64(gicr + GICR_PROPBASER, 0x7f9f0000UL | 0xf);
	mmio_write64(gicr + GICR_PENDBASER, 0x7f9e0000UL);
	mmio_write32(gicr + GICR_CTLR, 0x1);
	mmio_write64(gicd + GICD_IROUTER + spi * 8, 1UL << 31);
	mmio_write64(gicd + GICD_IROUTER + spi * 8, 0);
	printk("fault-gic-fixed: GICD_CTLR 0x%x IGROUPR 0x%x IGRPMODR 0x%x GICR_CTLR 0x%x "
	       "WAKER 0x%x PROPBASER 0x%lx IGROUPR0 0x%x IROUTER %s\n",
	       mmio_read32(gicd + GICD_CTLR), mmio_read32(gicd + GICD_IGROUPR + (spi / 32) * 4),
	       mmio_read32(gicd + GICD_IGRPMODR + (spi / 32) * 4), mmio_read32(gicr + GICR_CTLR),
	       mmio_read32(gicr + GICR_WAKER), (unsigned long)mmio_read64(gicr + GICR_PROPBASER),
	       mmio_read32(gicr + GICR_IGROUPR0),
	       mmio_read64(gicd + GICD_IROUTER + spi * 8) == self ? "self" : "moved");
	alive_forever(true);
}
