// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 driver for one CPU (GIC architecture spec IHI 0069). Only 32-bit
 * and IROUTER 64-bit accesses are used, matching what the hypervisor
 * emulates for trapped GICD/GICR.
 */
#include "comm.h"
#include "gic.h"
#include "mmio.h"
#include "mmu.h"
#include "printk.h"
#include "sysreg.h"

#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IROUTER		0x6000
#define GICD_SIZE		0x10000

#define GICR_TYPER		0x0008
#define GICR_PIDR2		0xffe8
#define GICR_TYPER_VLPIS	BIT(1)
#define GICR_TYPER_LAST		BIT(4)
#define GICR_FRAME		0x20000	/* RD_base + SGI_base */
#define GICR_SGI_BASE		0x10000
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_MAX_FRAMES		512

#define ICC_SRE_SRE		BIT(0)
#define PRIORITY_MASK		0xf0

static unsigned long gicd;
static unsigned long gicr;

/* GICR_PIDR2.ArchRev (bits 7:4): 3 = GICv3, 4 = GICv4 (spec 12.11.26). */
static bool frame_is_redist(unsigned long frame)
{
	u32 arch = (mmio_read32(frame + GICR_PIDR2) >> 4) & 0xf;

	return arch == 3 || arch == 4;
}

static unsigned long find_redist(unsigned long base, u32 aff)
{
	unsigned long frame = base;

	for (int i = 0; i < GICR_MAX_FRAMES; i++) {
		u32 typer_lo, typer_hi;

		mmu_map_device(frame, 2 * GICR_FRAME);
		if (!frame_is_redist(frame))
			return 0;
		/* Two 32-bit halves: affinity is GICR_TYPER[63:32] (12.11.36). */
		typer_lo = mmio_read32(frame + GICR_TYPER);
		typer_hi = mmio_read32(frame + GICR_TYPER + 4);
		if (typer_hi == aff)
			return frame;
		if (typer_lo & GICR_TYPER_LAST)
			return 0;
		/* GICv4 frames add the VLPI and reserved pages. */
		frame += typer_lo & GICR_TYPER_VLPIS ? 2 * GICR_FRAME : GICR_FRAME;
	}
	return 0;
}

static void cpu_interface_init(void)
{
	u64 sre = read_sysreg(ICC_SRE_EL1);

	/* Only write SRE if needed: under a hypervisor it is usually fixed at 1. */
	if (!(sre & ICC_SRE_SRE)) {
		write_sysreg(ICC_SRE_EL1, sre | ICC_SRE_SRE);
		isb();
	}
	write_sysreg(ICC_CTLR_EL1, 0);
	write_sysreg(ICC_PMR_EL1, PRIORITY_MASK);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
}

int gic_init(void)
{
	u32 aff = mpidr_to_aff32(read_sysreg(mpidr_el1));

	if (comm_region->gic_version != 3) {
		printk("gic: version %u not supported (GICv3 only)\n",
		       comm_region->gic_version);
		return -1;
	}
	gicd = comm_region->gicd_base;
	mmu_map_device(gicd, GICD_SIZE);
	gicr = find_redist(comm_region->gicr_base, aff);
	if (!gicr) {
		printk("gic: no redistributor for affinity 0x%x from 0x%lx\n",
		       aff, (unsigned long)comm_region->gicr_base);
		return -1;
	}
	cpu_interface_init();
	return 0;
}

unsigned long gic_redist_base(void)
{
	return gicr;
}

static void set_bit_rmw(unsigned long reg, u32 bit)
{
	mmio_write32(reg, mmio_read32(reg) | bit);
}

void gic_enable_irq(unsigned int irq)
{
	u32 bit = 1U << (irq % 32);

	if (irq < 32) {
		set_bit_rmw(gicr + GICR_IGROUPR0, bit);
		mmio_write32(gicr + GICR_ISENABLER0, bit);
		return;
	}
	set_bit_rmw(gicd + GICD_IGROUPR + (irq / 32) * 4, bit);
	/* Affinity routing (ARE=1): IROUTER.Aff3..0 = this CPU, IRM = 0. */
	mmio_write64(gicd + GICD_IROUTER + irq * 8,
		     read_sysreg(mpidr_el1) & 0xff00ffffffUL);
	mmio_write32(gicd + GICD_ISENABLER + (irq / 32) * 4, bit);
}

void gic_disable_irq(unsigned int irq)
{
	u32 bit = 1U << (irq % 32);

	if (irq < 32)
		mmio_write32(gicr + GICR_ICENABLER0, bit);
	else
		mmio_write32(gicd + GICD_ICENABLER + (irq / 32) * 4, bit);
}

unsigned int gic_ack(void)
{
	unsigned int irq = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	/* Reads of the interrupt's device must not pass the acknowledge. */
	dsb(sy);
	return irq;
}

void gic_eoi(unsigned int irq)
{
	write_sysreg(ICC_EOIR1_EL1, irq);
	isb();
}
