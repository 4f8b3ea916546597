// SPDX-License-Identifier: GPL-2.0
/*
 * Distributor and redistributor emulation: every cell's GICD/GICR accesses
 * trap here and reach the hardware filtered by the cell's IRQ set and CPUs.
 */
#include <asm/gic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/lib.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICACTIVER_END	0x0400
#define GICD_IPRIORITYR		0x0400
#define GICD_IPRIORITYR_END	0x0800
#define GICD_ICFGR		0x0c00
#define GICD_ICFGR_END		0x0d00
#define GICD_IGRPMODR		0x0d00
#define GICD_IGRPMODR_END	0x0d80
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define GICD_ID_START		0xffd0

#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_STATUSR		0x0010
#define GICR_WAKER		0x0014
#define GICR_SYNCR		0x00c0

static spinlock_t dist_lock;

/* Read-modify-write of only the cell's bits of a shared register. */
static void access_masked(volatile u8 *reg, struct mmio_access *acc, u64 mask, bool rmw)
{
	struct mmio_access raw = { 0, 0, acc->size, false };

	if (!acc->is_write) {
		mmio_perform(reg, &raw);
		acc->value = raw.value & mask;
		return;
	}
	if (!rmw) {
		/* write-1-to-set/clear registers: other bits are no-ops */
		raw.is_write = true;
		raw.value = acc->value & mask;
		mmio_perform(reg, &raw);
		return;
	}
	spin_lock(&dist_lock);
	mmio_perform(reg, &raw);
	raw.value = (raw.value & ~mask) | (acc->value & mask);
	raw.is_write = true;
	mmio_perform(reg, &raw);
	spin_unlock(&dist_lock);
}

static bool cell_has_mpidr(struct cell *cell, u64 mpidr)
{
	return cell_cpu_by_mpidr(cell, mpidr) != NULL;
}

static enum mmio_result gicd_irouter(struct cell *cell, struct mmio_access *acc)
{
	unsigned int irq = (unsigned int)(acc->addr - GICD_IROUTER) / 8;
	volatile u8 *reg = gicd_base + GICD_IROUTER + irq * 8;
	u64 aff;

	if (irq < 32 || !cell_owns_irq(cell, irq) || (acc->addr & 4)) {
		if (!acc->is_write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	if (!acc->is_write) {
		mmio_perform(reg, acc);
		return MMIO_HANDLED;
	}
	aff = acc->value;
	if (acc->size == 4)
		aff |= *(volatile u64 *)reg & 0xffffffff00000000ULL;
	/* IRM=1 (any CPU) would leave the cell: route to our first CPU instead */
	if ((aff & BIT(31)) || !cell_has_mpidr(cell, aff & 0xff00ffffffULL))
		return MMIO_HANDLED;
	*(volatile u64 *)reg = aff;
	return MMIO_HANDLED;
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *acc)
{
	struct cell *cell = arg;
	u64 off = acc->addr;
	volatile u8 *reg = gicd_base + off;

	if (off >= GICD_IROUTER && off < GICD_IROUTER_END)
		return acc->size >= 4 ? gicd_irouter(cell, acc) : MMIO_ERROR;
	if (off >= GICD_ISENABLER && off < GICD_ICACTIVER_END) {
		if (acc->size != 4)
			return MMIO_ERROR;
		access_masked(reg, acc, vgic_owned_mask(cell->irq_bitmap,
			      (off & 0x7f) * 8, 1, 4), false);
		return MMIO_HANDLED;
	}
	if ((off >= GICD_IGROUPR && off < GICD_ISENABLER) ||
	    (off >= GICD_IGRPMODR && off < GICD_IGRPMODR_END)) {
		if (acc->size != 4)
			return MMIO_ERROR;
		access_masked(reg, acc, vgic_owned_mask(cell->irq_bitmap,
			      (off & 0x7f) * 8, 1, 4), true);
		return MMIO_HANDLED;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR_END) {
		access_masked(reg, acc, vgic_owned_mask(cell->irq_bitmap,
			      (unsigned int)(off - GICD_IPRIORITYR), 8, acc->size), true);
		return MMIO_HANDLED;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR_END) {
		if (acc->size != 4)
			return MMIO_ERROR;
		access_masked(reg, acc, vgic_owned_mask(cell->irq_bitmap,
			      (unsigned int)(off - GICD_ICFGR) * 4, 2, 4), true);
		return MMIO_HANDLED;
	}
	if (off <= 0x10 || off >= GICD_ID_START) {
		/* CTLR, TYPER, IIDR, TYPER2, STATUSR and ID registers: read only */
		if (!acc->is_write)
			mmio_perform(reg, acc);
		return MMIO_HANDLED;
	}
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}

static struct per_cpu *gicr_owner(u64 frame_phys)
{
	unsigned int cpu;

	for (cpu = 0; cpu < hv_max_cpus; cpu++)
		if (per_cpu(cpu)->arch.gicr_phys == frame_phys)
			return per_cpu(cpu);
	return NULL;
}

static enum mmio_result gicr_access(void *arg, struct mmio_access *acc)
{
	struct cell *cell = arg;
	u64 stride = system_config->platform.gicr_stride;
	u64 frame = system_config->platform.gicr_base + acc->addr / stride * stride;
	u64 off = acc->addr % stride;
	volatile u8 *reg = (volatile u8 *)(unsigned long)(frame + off);
	struct per_cpu *owner = gicr_owner(frame);
	u64 hv_bits = BIT(SGI_INJECT) | BIT(SGI_EVENT) |
		      BIT(system_config->platform.maintenance_irq);

	if (off == GICR_IIDR || off == GICR_TYPER || off == GICR_TYPER + 4 ||
	    (off >= GICD_ID_START && off < 0x10000)) {
		if (!acc->is_write)
			mmio_perform(reg, acc);
		return MMIO_HANDLED;
	}
	if (!owner || owner->cell != cell) {
		if (!acc->is_write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	if (off >= GICR_SGI_BASE) {
		u64 sgi_off = off - GICR_SGI_BASE;
		u64 mask;

		if (sgi_off >= GICD_IPRIORITYR && sgi_off < GICD_IPRIORITYR + 32) {
			mask = vgic_owned_mask(cell->irq_bitmap, (unsigned int)(sgi_off - GICD_IPRIORITYR), 8, acc->size);
			mask &= ~vgic_owned_mask((u32 *)&hv_bits, (unsigned int)(sgi_off - GICD_IPRIORITYR), 8, acc->size);
			access_masked(reg, acc, mask, true);
			return MMIO_HANDLED;
		}
		if (acc->size != 4)
			return MMIO_ERROR;
		mask = cell->irq_bitmap[0] & ~(u32)hv_bits;
		if (sgi_off >= GICD_ISENABLER && sgi_off < GICD_ISENABLER + 0x300 && !(sgi_off & 0x7f)) {
			access_masked(reg, acc, mask, false);
		} else if (sgi_off == GICD_IGROUPR || sgi_off == GICD_IGRPMODR) {
			access_masked(reg, acc, mask, true);
		} else if (sgi_off == GICD_ICFGR || sgi_off == GICD_ICFGR + 4) {
			mask = vgic_owned_mask((u32[]){ mask }, sgi_off == GICD_ICFGR ? 0 : 16, 2, 4);
			access_masked(reg, acc, mask, true);
		} else if (!acc->is_write) {
			acc->value = 0;
		}
		return MMIO_HANDLED;
	}
	switch (off) {
	case GICR_CTLR:
	case GICR_STATUSR:
	case GICR_WAKER:
	case GICR_SYNCR:
		mmio_perform(reg, acc);
		break;
	default:
		if (!acc->is_write)
			acc->value = 0;
		break;
	}
	return MMIO_HANDLED;
}

int arch_cell_irqchip_init(struct cell *cell)
{
	const struct cv_platform *p = &system_config->platform;
	int err;

	err = mmio_region_register(&cell->mmio, p->gicd_base, 0x10000, gicd_access, cell);
	if (!err)
		err = mmio_region_register(&cell->mmio, p->gicr_base,
					   p->gicr_stride * p->num_cpus, gicr_access, cell);
	return err;
}

void arch_comm_region_init(struct cv_comm_region *comm)
{
	comm->gic_version = 3;
	comm->gicd_base = system_config->platform.gicd_base;
	comm->gicr_base = system_config->platform.gicr_base;
}

void vgic_sgi1r_write(struct per_cpu *pc, u64 val)
{
	struct cell *cell = pc->cell;
	u64 mpidr[CV_MAX_CPUS], targets;
	unsigned int cpu, n = 0, idx[CV_MAX_CPUS];

	for_each_cpu_in(cpu, cell->cpu_mask) {
		idx[n] = cpu;
		mpidr[n++] = per_cpu(cpu)->arch.mpidr;
	}
	targets = sgi1r_targets(val, mpidr, n, pc->arch.mpidr);
	for (cpu = 0; cpu < n; cpu++)
		if (targets & BIT(cpu))
			gic_set_pending(per_cpu(idx[cpu]), (val >> 24) & 0xf, false);
}
