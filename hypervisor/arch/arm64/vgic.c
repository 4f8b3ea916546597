// SPDX-License-Identifier: GPL-2.0
/*
 * Distributor and redistributor emulation. Every cell's GICD/GICR access
 * traps here through the MMIO dispatcher, which has already checked it
 * against the register tables below (size, alignment, one register): a
 * handler only decides what of it reaches the hardware, filtered by the
 * cell's IRQ set and CPUs. Registers a cell must not change read as a
 * fixed value and ignore writes: interrupt groups (everything is group 1,
 * the group the hypervisor takes), the distributor's control, the
 * redistributor's control, wake and status registers and everything of
 * LPIs (a cell cannot enable them). Trapped ICC_SGI1R_EL1 writes (guest
 * IPIs) are delivered here too, to the sender's cell only.
 */
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/lib.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/setup.h>

#define GICD_TYPER		0x0004
#define GICD_TYPER_LPIS		(BIT(16) | BIT(17) | BIT(18))	/* MBIS, LPIS, DVIS */
#define GICD_IGROUPR		0x0080
#define GICD_ICACTIVER_END	0x0400
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_SGIR		0x0f00
#define GICD_CPENDSGIR		0x0f10
#define GICD_SPENDSGIR_END	0x0f30
#define GICD_IROUTER_SPI	0x6100
#define GICD_IROUTER_END	0x7fe0
#define GICD_ID			0xffd0

#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_TYPER_END		0x0010
#define GICR_TYPER_LPIS		(BIT(0) | BIT(3))	/* PLPIS, DirectLPI */
#define GICR_SETLPIR		0x0040
#define GICR_PROPBASER		0x0070
#define GICR_INVLPIR		0x00a0
#define GICR_SYNCR		0x00c0
#define GICR_ID			0xffd0
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x080)
#define GICR_IPRIORITYR0	(GICR_SGI_BASE + 0x400)
#define GICR_ICFGR0		(GICR_SGI_BASE + 0xc00)
#define GICR_FRAME		0x20000		/* RD_base + SGI_base */

#define IROUTER_IRM		BIT(31)

/* MPIDR affinity -> CPU, and the targets of SGI1R values (vgic_init()). */
static struct sgi_map cpu_map;
static volatile u8 *gicr_va;
static unsigned int gicr_frame_shift;
static u64 gicr_frame_mask;		/* frame size - 1 */
/* Where the GIC is, in every cell's address space as in the hypervisor's. */
static u64 gicd_pa, gicr_pa, gicr_size;
/*
 * SGIs and PPIs are every cell's (cell.h) but the hypervisor's own (SGI
 * 0/1, the maintenance PPI): one mask for every cell, and the masks of
 * the redistributor's byte (IPRIORITYR0-7) and 2-bit (ICFGR0-1)
 * registers made of it once.
 */
static u32 gicr_owned, gicr_prio_lanes[8], gicr_cfg_fields[2];
/* ICFGR words shared by cells: one aligned load and store under it */
static spinlock_t icfgr_lock;

static u64 dev_read(volatile u8 *reg, unsigned int size)
{
	switch (size) {
	case 1:
		return *reg;
	case 4:
		return *(volatile u32 *)reg;
	default:
		return *(volatile u64 *)reg;
	}
}

/* ---- the distributor ---- */

/* CTLR, TYPER, IIDR, TYPER2, IDs: read as they are, writes ignored. */
static enum mmio_result gicd_read_only(void *arg, const struct mmio_reg *reg,
				       struct mmio_access *acc)
{
	(void)arg;
	(void)reg;
	if (acc->is_write)
		return MMIO_HANDLED;
	acc->value = dev_read(gicd_base + acc->addr, acc->size);
	if (acc->addr == GICD_TYPER)
		acc->value &= ~(u64)GICD_TYPER_LPIS;	/* no LPIs, no message SPIs */
	return MMIO_HANDLED;
}

/* IGROUPR: the cell's interrupts are group 1, and stay so. */
static enum mmio_result gicd_group(void *arg, const struct mmio_reg *reg,
				   struct mmio_access *acc)
{
	const struct cell *cell = arg;
	unsigned int word = (acc->addr - GICD_IGROUPR) / 4;

	(void)reg;
	if (!acc->is_write)
		acc->value = word ? cell->irq_bitmap[word] : 0;	/* word 0: GICR's */
	return MMIO_HANDLED;
}

/*
 * ISENABLER, ICENABLER, ISPENDR, ICPENDR, ISACTIVER, ICACTIVER: one bit
 * per IRQ, written as set or clear, so only the cell's bits pass and no
 * read-modify-write is needed.
 */
static enum mmio_result gicd_bits(void *arg, const struct mmio_reg *reg,
				  struct mmio_access *acc)
{
	const struct cell *cell = arg;
	u32 mask = cell->irq_bitmap[(acc->addr & 0x7f) / 4];
	volatile u32 *r = (volatile u32 *)(gicd_base + acc->addr);

	(void)reg;
	if (acc->is_write)
		*r = (u32)acc->value & mask;
	else
		acc->value = *r & mask;
	return MMIO_HANDLED;
}

/* Byte registers (IPRIORITYR): the cell's bytes, each written on its own. */
static inline void bytes_access(volatile u8 *r, u32 lanes, struct mmio_access *acc)
{
	u32 v = (u32)acc->value;

	if (acc->size == 1) {
		lanes = (lanes >> (8 * ((unsigned long)r & 3))) & 0xff;
		if (!acc->is_write)
			acc->value = *r & lanes;
		else if (lanes)
			*r = (u8)v;
	} else if (!acc->is_write) {
		acc->value = *(volatile u32 *)r & lanes;
	} else if (lanes == 0xffffffffU) {
		*(volatile u32 *)r = v;
	} else {
		if (lanes & 0xff)
			r[0] = (u8)v;
		if (lanes & 0xff00)
			r[1] = (u8)(v >> 8);
		if (lanes & 0xff0000)
			r[2] = (u8)(v >> 16);
		if (lanes & 0xff000000)
			r[3] = (u8)(v >> 24);
	}
}

static enum mmio_result gicd_priority(void *arg, const struct mmio_reg *reg,
				      struct mmio_access *acc)
{
	const struct cell *cell = arg;
	unsigned int irq = (unsigned int)(acc->addr - GICD_IPRIORITYR);

	(void)reg;
	bytes_access(gicd_base + acc->addr, vgic_byte_mask(cell->irq_bitmap, irq & ~3U), acc);
	return MMIO_HANDLED;
}

/* 2-bit fields (ICFGR): words cells share take a read-modify-write. */
static void fields_access(volatile u32 *r, u32 mask, struct mmio_access *acc)
{
	if (!acc->is_write) {
		acc->value = *r & mask;
	} else if (mask == 0xffffffffU) {
		*r = (u32)acc->value;
	} else if (mask) {
		spin_lock(&icfgr_lock);
		*r = (*r & ~mask) | ((u32)acc->value & mask);
		spin_unlock(&icfgr_lock);
	}
}

static enum mmio_result gicd_config(void *arg, const struct mmio_reg *reg,
				    struct mmio_access *acc)
{
	const struct cell *cell = arg;
	unsigned int irq = (unsigned int)(acc->addr - GICD_ICFGR) * 4;

	(void)reg;
	fields_access((volatile u32 *)(gicd_base + acc->addr),
		      vgic_2bit_mask(cell->irq_bitmap, irq), acc);
	return MMIO_HANDLED;
}

/* The id of @cell's CPU with MPIDR affinity @mpidr, or -1. */
static inline int cell_cpu_id(const struct cell *cell, u64 mpidr)
{
	int cpu = sgi_map_cpu(&cpu_map, mpidr & MPIDR_AFF_MASK);

	return cpu >= 0 && (cell->cpu_mask & BIT(cpu)) ? cpu : -1;
}

/*
 * IROUTER of the cell's SPIs: a write must name one of the cell's CPUs
 * (IRM, "any CPU", could leave the cell and is ignored); a 32-bit write
 * changes its half of the route.
 */
static enum mmio_result gicd_irouter(void *arg, const struct mmio_reg *reg,
				     struct mmio_access *acc)
{
	struct cell *cell = arg;
	unsigned int irq = (unsigned int)(acc->addr - GICD_IROUTER) / 8;
	volatile u64 *r = (volatile u64 *)(gicd_base + (acc->addr & ~7ULL));
	u64 route = acc->value;

	(void)reg;
	if (!cell_owns_irq(cell, irq))
		return mmio_raz_wi(arg, reg, acc);
	if (!acc->is_write) {
		acc->value = dev_read(gicd_base + acc->addr, acc->size);
		return MMIO_HANDLED;
	}
	if (acc->size == 4)
		route = acc->addr & 4 ? (route << 32) | (u32)*r :
			(*r & 0xffffffff00000000ULL) | (u32)route;
	if (!(route & IROUTER_IRM) && cell_cpu_id(cell, route & MPIDR_AFF_MASK) >= 0)
		*r = route & MPIDR_AFF_MASK;
	return MMIO_HANDLED;
}

#define R32		MMIO_32
#define R8_32		(MMIO_8 | MMIO_32)
#define R32_64		(MMIO_32 | MMIO_64)

static const struct mmio_reg gicd_table[] = {
	{ GICD_CTLR, GICD_TYPER, 4, R32, 1, gicd_read_only },		/* writes ignored */
	{ GICD_TYPER, 0x0010, 4, R32, 1, gicd_read_only },		/* TYPER, IIDR, TYPER2 */
	{ 0x0010, GICD_IGROUPR, 4, R32, 1, mmio_raz_wi },		/* STATUSR, message SPIs */
	{ GICD_IGROUPR, GICD_ISENABLER, 4, R32, 1, gicd_group },
	{ GICD_ISENABLER, GICD_ICACTIVER_END, 4, R32, 1, gicd_bits },
	{ GICD_IPRIORITYR, GICD_ITARGETSR, 4, R8_32, 1, gicd_priority },
	{ GICD_ITARGETSR, GICD_ICFGR, 4, R8_32, 1, mmio_raz_wi },	/* affinity routing */
	{ GICD_ICFGR, GICD_IGRPMODR, 4, R32, 1, gicd_config },
	{ GICD_IGRPMODR, GICD_NSACR, 4, R32, 1, mmio_raz_wi },	/* group modifiers: fixed */
	{ GICD_NSACR, GICD_SGIR, 4, R32, 1, mmio_raz_wi },
	{ GICD_SGIR, GICD_CPENDSGIR, 4, R32, 1, mmio_raz_wi },	/* affinity routing */
	{ GICD_CPENDSGIR, GICD_SPENDSGIR_END, 4, R8_32, 1, mmio_raz_wi },
	{ GICD_SPENDSGIR_END, GICD_IROUTER, 4, R32, 1, mmio_raz_wi },	/* extended SPIs: none */
	{ GICD_IROUTER, GICD_IROUTER_SPI, 8, R32_64, 1, mmio_raz_wi },	/* SGIs and PPIs */
	{ GICD_IROUTER_SPI, GICD_IROUTER_END, 8, R32_64, 1, gicd_irouter },
	{ GICD_IROUTER_END, GICD_ID, 4, R32, 1, mmio_raz_wi },
	{ GICD_ID, 0x10000, 4, R32, 1, gicd_read_only },
};

/* ---- the redistributors ---- */

/* The redistributor frame of a region-relative address is one of the cell's CPUs'. */
static bool gicr_frame_owned(const struct cell *cell, u64 addr)
{
	struct per_cpu *owner = gic_frame_cpu((unsigned int)(addr >> gicr_frame_shift));

	return owner && owner->cell == cell;
}

/*
 * IPRIORITYR0-7 (byte lanes) and ICFGR0-1 (2-bit fields; ICFGR0's SGI
 * fields are read-only in hardware): the cell's bits of its CPUs'
 * frames. Cells never share a frame, and nobody writes the hypervisor's
 * bits of it while cells run, so a write keeps them with one
 * read-modify-write of the word, no lock.
 */
static enum mmio_result gicr_masked(void *arg, const struct mmio_reg *reg,
				    struct mmio_access *acc)
{
	const u32 *masks = reg->start == GICR_IPRIORITYR0 ? gicr_prio_lanes : gicr_cfg_fields;
	volatile u8 *r = gicr_va + acc->addr;
	volatile u32 *word = (volatile u32 *)r;
	u32 mask;

	if (!gicr_frame_owned(arg, acc->addr))
		return mmio_raz_wi(arg, reg, acc);
	mask = masks[((acc->addr & gicr_frame_mask) - reg->start) / 4];
	if (acc->size == 1) {	/* IPRIORITYR's bytes */
		mask = (mask >> (8 * (acc->addr & 3))) & 0xff;
		if (!acc->is_write)
			acc->value = *r & mask;
		else if (mask)
			*r = (u8)acc->value;
	} else if (!acc->is_write) {
		acc->value = *word & mask;
	} else if (mask == 0xffffffffU) {
		*word = (u32)acc->value;
	} else if (mask) {
		*word = (*word & ~mask) | ((u32)acc->value & mask);
	}
	return MMIO_HANDLED;
}

/* IIDR, TYPER and the ID registers of every frame: Linux walks them all. */
static enum mmio_result gicr_read_only(void *arg, const struct mmio_reg *reg,
				       struct mmio_access *acc)
{
	(void)arg;
	if (acc->is_write)
		return MMIO_HANDLED;
	acc->value = dev_read(gicr_va + acc->addr, acc->size);
	if (reg->start == GICR_TYPER && !(acc->addr & 4))
		acc->value &= ~(u64)GICR_TYPER_LPIS;	/* no LPIs for anybody */
	return MMIO_HANDLED;
}

/* IGROUPR0: group 1, fixed, as the distributor's. */
static enum mmio_result gicr_group(void *arg, const struct mmio_reg *reg,
				   struct mmio_access *acc)
{
	(void)reg;
	if (!acc->is_write)
		acc->value = gicr_frame_owned(arg, acc->addr) ? gicr_owned : 0;
	return MMIO_HANDLED;
}

/* The SGI/PPI set/clear registers: only word 0 of each exists. */
static enum mmio_result gicr_bits(void *arg, const struct mmio_reg *reg,
				  struct mmio_access *acc)
{
	volatile u32 *r = (volatile u32 *)(gicr_va + acc->addr);

	if ((acc->addr & 0x7f) || !gicr_frame_owned(arg, acc->addr))
		return mmio_raz_wi(arg, reg, acc);
	if (acc->is_write)
		*r = (u32)acc->value & gicr_owned;
	else
		acc->value = *r & gicr_owned;
	return MMIO_HANDLED;
}

/*
 * One redistributor frame. CTLR reads 0 (LPIs off, no write pending) and
 * ignores writes (EnableLPIs refused); WAKER reads 0 (awake) and ignores
 * writes (the hypervisor needs its CPUs' redistributors awake); STATUSR,
 * the LPI registers and SYNCR read 0.
 */
static const struct mmio_reg gicr_table[] = {
	{ GICR_CTLR, GICR_IIDR, 4, R32, 1, mmio_raz_wi },
	{ GICR_IIDR, GICR_TYPER, 4, R32, 1, gicr_read_only },
	{ GICR_TYPER, GICR_TYPER_END, 8, R32_64, 1, gicr_read_only },
	{ GICR_TYPER_END, GICR_SETLPIR, 4, R32, 1, mmio_raz_wi },	/* STATUSR, WAKER, ... */
	{ GICR_SETLPIR, 0x0050, 8, R32_64, 1, mmio_raz_wi },		/* SETLPIR, CLRLPIR */
	{ 0x0050, GICR_PROPBASER, 4, R32, 1, mmio_raz_wi },
	{ GICR_PROPBASER, 0x0080, 8, R32_64, 1, mmio_raz_wi },	/* PROPBASER, PENDBASER */
	{ 0x0080, GICR_INVLPIR, 4, R32, 1, mmio_raz_wi },
	{ GICR_INVLPIR, GICR_SYNCR, 8, R32_64, 1, mmio_raz_wi },	/* INVLPIR, INVALLR */
	{ GICR_SYNCR, GICR_ID, 4, R32, 1, mmio_raz_wi },
	{ GICR_ID, GICR_SGI_BASE, 4, R32, 1, gicr_read_only },
	{ GICR_SGI_BASE, GICR_IGROUPR0, 4, R32, 1, mmio_raz_wi },
	{ GICR_IGROUPR0, GICR_IGROUPR0 + 4, 4, R32, 1, gicr_group },
	{ GICR_IGROUPR0 + 4, GICR_ISENABLER0, 4, R32, 1, mmio_raz_wi },
	{ GICR_ISENABLER0, GICR_IPRIORITYR0, 4, R32, 1, gicr_bits },
	{ GICR_IPRIORITYR0, GICR_IPRIORITYR0 + 32, 4, R8_32, 1, gicr_masked },
	{ GICR_IPRIORITYR0 + 32, GICR_ICFGR0, 4, R32, 1, mmio_raz_wi },
	{ GICR_ICFGR0, GICR_ICFGR0 + 8, 4, R32, 1, gicr_masked },
	{ GICR_ICFGR0 + 8, GICR_FRAME, 4, R32, 1, mmio_raz_wi },	/* IGRPMODR0, NSACR: fixed */
	/* GICv4 frames (stride 0x40000): VLPI_base and a reserved frame */
	{ GICR_FRAME, 2 * GICR_FRAME, 4, R32, 1, mmio_raz_wi },
};

/* Indexed by 128 and 256 bytes: a register in one step or two. */
static u8 gicd_index[0x10000 >> 7], gicr_index[2 * GICR_FRAME >> 8];
static struct mmio_regs gicd_regs = { gicd_table, ARRAY_SIZE(gicd_table), 7, gicd_index, 0 };
static struct mmio_regs gicr_regs = { gicr_table, ARRAY_SIZE(gicr_table), 8, gicr_index, 0 };

enum mmio_result vgic_mmio_dispatch(struct cell *cell, struct mmio_access *acc)
{
	u64 off = acc->addr - gicd_pa;

	if (off < 0x10000)
		return mmio_regs_dispatch(&gicd_regs, cell, off, ~0ULL, acc);
	off = acc->addr - gicr_pa;
	if (off < gicr_size)
		return mmio_regs_dispatch(&gicr_regs, cell, off, gicr_frame_mask, acc);
	return mmio_dispatch(&cell->mmio, acc);
}

int arch_cell_irqchip_init(struct cell *cell)
{
	const struct cv_platform *p = &system_config->platform;
	int err;

	err = mmio_region_register(&cell->mmio, p->gicd_base, 0x10000, 0, &gicd_regs, cell);
	if (!err)
		err = mmio_region_register(&cell->mmio, p->gicr_base,
					   p->gicr_stride * p->num_cpus, p->gicr_stride,
					   &gicr_regs, cell);
	return err;
}

void arch_comm_region_init(struct cv_comm_region *comm)
{
	comm->gic_version = 3;
	comm->gicd_base = system_config->platform.gicd_base;
	comm->gicr_base = system_config->platform.gicr_base;
}

int vgic_init(const struct cv_system_config *sys)
{
	const struct cv_platform *p = &sys->platform;
	unsigned int i;

	if (p->gicr_stride != GICR_FRAME && p->gicr_stride != 2 * GICR_FRAME)
		return -CV_EINVAL;
	/* a GICv3 frame ends before the last entry (GICv4: VLPI, reserved pages) */
	gicr_regs.count = ARRAY_SIZE(gicr_table) - (p->gicr_stride == GICR_FRAME);
	if (mmio_regs_prepare(&gicd_regs, 0x10000) ||
	    mmio_regs_prepare(&gicr_regs, p->gicr_stride))
		return -CV_EINVAL;
	sgi_map_build(&cpu_map, p->cpu_mpidr, p->num_cpus);
	gicr_va = (volatile u8 *)(unsigned long)p->gicr_base;
	gicr_frame_shift = __builtin_ctzll(p->gicr_stride);
	gicr_frame_mask = p->gicr_stride - 1;
	gicd_pa = p->gicd_base;
	gicr_pa = p->gicr_base;
	gicr_size = p->gicr_stride * p->num_cpus;
	gicr_owned = CELL_PER_CPU_IRQS & ~(BIT(SGI_INJECT) | BIT(SGI_EVENT) |
					   BIT(PPI_HYP_TIMER) | BIT(p->maintenance_irq));
	for (i = 0; i < ARRAY_SIZE(gicr_prio_lanes); i++)
		gicr_prio_lanes[i] = vgic_byte_mask(&gicr_owned, 4 * i);
	for (i = 0; i < ARRAY_SIZE(gicr_cfg_fields); i++)
		gicr_cfg_fields[i] = vgic_2bit_mask(&gicr_owned, 16 * i);
	return 0;
}

struct per_cpu *cell_cpu_by_mpidr(struct cell *cell, u64 mpidr)
{
	int cpu = cell_cpu_id(cell, mpidr);

	return cpu >= 0 ? per_cpu((cpuid_t)cpu) : NULL;
}

void vgic_sgi1r_write(struct per_cpu *pc, u64 val)
{
	u64 targets = sgi1r_targets(&cpu_map, val, pc->cell->cpu_mask, pc->cpu_id);
	u32 sgi = (val >> 24) & 0xf;

	for (; targets; targets &= targets - 1)
		gic_set_pending(per_cpu((cpuid_t)__builtin_ctzll(targets)), sgi, false);
}
