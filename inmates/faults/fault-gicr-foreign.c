// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reaches into another CPU's redistributor (default MPIDR 3, gic-demo's
 * CPU; mpidr= picks another): disables, unpends and deactivates its SGIs
 * and PPIs (the timer among them), drops their priority and puts it to
 * sleep. Expected: the frame reads as zero but for TYPER and the IDs,
 * every write is dropped, and its owner keeps getting its interrupts.
 */
#include "fault.h"

#define GICR_FRAME	0x20000
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000

void inmate_main(void)
{
	u64 mpidr = cmdline_get_int("mpidr", 3);
	unsigned long frame = comm_region->gicr_base;
	unsigned int i;

	if (gic_init())
		halt();
	for (i = 0; i < 64; i++, frame += GICR_FRAME) {
		mmu_map_device(frame, 2 * GICR_FRAME);
		if (mmio_read32(frame + GICR_TYPER + 4) == mpidr_to_aff32(mpidr))
			break;
		if (mmio_read32(frame + GICR_TYPER) & BIT(4))
			i = 64;
	}
	if (i >= 64) {
		printk("fault-gicr-foreign: no redistributor for MPIDR 0x%lx\n", (unsigned long)mpidr);
		alive_forever(true);
	}
	printk("fault-gicr-foreign: disabling, unpending, deactivating the SGIs/PPIs of MPIDR 0x%lx\n",
	       (unsigned long)mpidr);
	mmio_write32(frame + GICR_SGI + 0x180, 0xffffffff);	/* ICENABLER0 */
	mmio_write32(frame + GICR_SGI + 0x280, 0xffffffff);	/* ICPENDR0 */
	mmio_write32(frame + GICR_SGI + 0x380, 0xffffffff);	/* ICACTIVER0 */
	for (i = 0; i < 8; i++)
		mmio_write32(frame + GICR_SGI + 0x400 + i * 4, 0xffffffff);	/* lowest priority */
	mmio_write32(frame + GICR_SGI + 0xc04, 0xffffffff);	/* PPIs edge */
	mmio_write32(frame + GICR_WAKER, 0x2);
	printk("fault-gicr-foreign: its ISENABLER0 reads 0x%x, IPRIORITYR6 0x%x, WAKER 0x%x\n",
	       mmio_read32(frame + GICR_SGI + 0x100), mmio_read32(frame + GICR_SGI + 0x418),
	       mmio_read32(frame + GICR_WAKER));
	alive_forever(true);
}
