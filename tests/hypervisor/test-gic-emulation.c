// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the GIC emulation itself (arch/arm64/vgic.c with its real
 * register tables, through the real MMIO dispatcher), against a GIC made
 * of plain memory: what a cell's access does to the hardware, and that an
 * access the tables refuse touches nothing. A cell of CPUs 2-3 owns SPI
 * 40; the root has CPUs 0-1 and the other SPIs of 32-63.
 */
#include <string.h>
#include <asm/gic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/setup.h>
#include "tap.h"

#define FRAME		0x20000
#define NCPUS		4
#define CELL_SPI	40

/* The "hardware" and what vgic.c calls outside itself. */
static u8 gicd_mem[0x10000] __attribute__((aligned(0x10000)));
static u8 gicr_mem[NCPUS * FRAME] __attribute__((aligned(0x10000)));
static u8 percpu_area[NCPUS][PERCPU_SIZE] __attribute__((aligned(4096)));
volatile u8 *gicd_base = gicd_mem;
struct per_cpu *per_cpu_base = (struct per_cpu *)percpu_area;
static struct cv_system_config sys;
const struct cv_system_config *system_config = &sys;
static unsigned int pended[NCPUS][16];

struct per_cpu *gic_frame_cpus[CV_MAX_CPUS];

void gic_set_pending(struct per_cpu *target, u32 irq, bool hw)
{
	CHECK(!hw && irq < 16);
	pended[target->cpu_id][irq]++;
}

static struct cell root, cell;

static u32 *gicd32(u64 off)
{
	return (u32 *)(gicd_mem + off);
}

static u32 *gicr32(unsigned int cpu, u64 off)
{
	return (u32 *)(gicr_mem + cpu * FRAME + off);
}

static enum mmio_result access(struct cell *c, u64 addr, unsigned int size, bool write,
			       u64 *value)
{
	struct mmio_access acc = { .addr = addr, .size = size, .is_write = write,
				   .value = write ? *value : 0 };
	enum mmio_result r = vgic_mmio_dispatch(c, &acc);

	if (!write)
		*value = acc.value;
	return r;
}

static void wr(struct cell *c, u64 addr, unsigned int size, u64 v)
{
	CHECK_EQ(access(c, addr, size, true, &v), MMIO_HANDLED);
}

static u64 rd(struct cell *c, u64 addr, unsigned int size)
{
	u64 v = 0;

	CHECK_EQ(access(c, addr, size, false, &v), MMIO_HANDLED);
	return v;
}

static void setup(void)
{
	unsigned int cpu, irq;

	sys.platform.gicd_base = (u64)(unsigned long)gicd_mem;
	sys.platform.gicr_base = (u64)(unsigned long)gicr_mem;
	sys.platform.gicr_stride = FRAME;
	sys.platform.num_cpus = NCPUS;
	sys.platform.maintenance_irq = 25;
	for (cpu = 0; cpu < NCPUS; cpu++) {
		sys.platform.cpu_mpidr[cpu] = cpu;
		/* TYPER: affinity, "last", and LPI support a cell must not see */
		*(u64 *)(gicr_mem + cpu * FRAME + 8) = ((u64)cpu << 32) | 0xb |
						       (cpu == NCPUS - 1 ? 0x10 : 0);
	}
	CHECK_EQ(vgic_init(&sys), 0);

	root.cpu_mask = 0x3;
	cell.id = 1;
	cell.cpu_mask = 0xc;
	root.irq_bitmap[0] = cell.irq_bitmap[0] = CELL_PER_CPU_IRQS;
	for (irq = 32; irq < 64; irq++)
		set_bit32(irq == CELL_SPI ? cell.irq_bitmap : root.irq_bitmap, irq);
	for (cpu = 0; cpu < NCPUS; cpu++) {
		gic_frame_cpus[cpu] = per_cpu(cpu);
		per_cpu(cpu)->cpu_id = cpu;
		per_cpu(cpu)->cell = cpu < 2 ? &root : &cell;
	}
	CHECK_EQ(arch_cell_irqchip_init(&root), 0);
	CHECK_EQ(arch_cell_irqchip_init(&cell), 0);
}

/* The same access through the cell's region table, not the GIC's short way. */
static enum mmio_result table_access(struct cell *c, u64 addr, unsigned int size)
{
	struct mmio_access acc = { .addr = addr, .size = size, .is_write = true };

	return mmio_dispatch(&c->mmio, &acc);
}

/* Accesses the tables refuse: an error, and not a byte of the GIC changes. */
static void test_refused(void)
{
	static const struct { u64 off; unsigned int size; } bad[] = {
		{ 0xfffe, 4 },		/* runs past GICD: the access that killed a CPU */
		{ 0xfffc, 8 },
		{ 0x0402, 4 },		/* unaligned IPRIORITYR */
		{ 0x0101, 4 },		/* unaligned ISENABLER */
		{ 0x0104, 1 },		/* ISENABLER is 32-bit only */
		{ 0x0104, 2 },
		{ 0x0100, 8 },		/* two registers at once */
		{ 0x0c02, 2 },
		{ 0x6144, 8 },		/* straddles two IROUTERs */
		{ 0x6142, 4 },
		{ 0x6140, 2 },
		{ 0x0000, 8 },		/* CTLR and TYPER */
		{ 0x0421, 2 },
	};
	static const struct { u64 off; unsigned int size; } bad_gicr[] = {
		{ 2 * FRAME + 0x0002, 4 },	/* GICR_CTLR, unaligned */
		{ 2 * FRAME + 0x0014, 8 },	/* WAKER and the next */
		{ 2 * FRAME + 0x0008, 2 },	/* TYPER */
		{ 2 * FRAME + 0x000c, 8 },	/* half TYPER, half STATUSR */
		{ 2 * FRAME + 0x10100, 8 },	/* ISENABLER0 */
		{ 2 * FRAME + 0x10401, 2 },	/* IPRIORITYR */
		{ 3 * FRAME + 0x1fffe, 4 },	/* past the last frame */
		{ FRAME - 2, 4 },		/* straddles two frames */
	};
	static u8 gicd_before[sizeof(gicd_mem)], gicr_before[sizeof(gicr_mem)];
	u64 v = 0xffffffffffffffffULL;
	unsigned int i;

	memset(gicd_mem + 0x100, 0x5a, 0x7f00);
	memcpy(gicd_before, gicd_mem, sizeof(gicd_mem));
	memcpy(gicr_before, gicr_mem, sizeof(gicr_mem));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(access(&cell, sys.platform.gicd_base + bad[i].off, bad[i].size, true, &v),
			 MMIO_ERROR);
		CHECK_EQ(access(&root, sys.platform.gicd_base + bad[i].off, bad[i].size, false, &v),
			 MMIO_ERROR);
		CHECK_EQ(table_access(&cell, sys.platform.gicd_base + bad[i].off, bad[i].size),
			 MMIO_ERROR);
	}
	for (i = 0; i < sizeof(bad_gicr) / sizeof(bad_gicr[0]); i++) {
		CHECK_EQ(access(&cell, sys.platform.gicr_base + bad_gicr[i].off, bad_gicr[i].size,
				true, &v), MMIO_ERROR);
		CHECK_EQ(table_access(&cell, sys.platform.gicr_base + bad_gicr[i].off,
				      bad_gicr[i].size), MMIO_ERROR);
	}
	CHECK(memcmp(gicd_before, gicd_mem, sizeof(gicd_mem)) == 0);
	CHECK(memcmp(gicr_before, gicr_mem, sizeof(gicr_mem)) == 0);
	memset(gicd_mem, 0, sizeof(gicd_mem));
}

static void test_distributor(void)
{
	const u64 d = sys.platform.gicd_base;

	/* enable bits: the cell's SPI 40 only, both ways */
	wr(&cell, d + GICD_ISENABLER + 4, 4, 0xffffffff);
	CHECK_EQ(*gicd32(GICD_ISENABLER + 4), 1U << (CELL_SPI - 32));
	*gicd32(GICD_ISENABLER + 4) = 0xffffffff;
	CHECK_EQ(rd(&cell, d + GICD_ISENABLER + 4, 4), 1U << (CELL_SPI - 32));
	CHECK_EQ(rd(&root, d + GICD_ISENABLER + 4, 4), ~(1U << (CELL_SPI - 32)));
	wr(&root, d + GICD_ICENABLER + 4, 4, 0xffffffff);
	CHECK_EQ(*gicd32(GICD_ICENABLER + 4), ~(1U << (CELL_SPI - 32)));
	/* a word of nobody's IRQs */
	wr(&cell, d + GICD_ISPENDR + 8, 4, 0xffffffff);
	CHECK_EQ(*gicd32(GICD_ISPENDR + 8), 0);

	/* priorities: the cell's byte only, as a word or as bytes */
	memset(gicd_mem + 0x400, 0x11, 0x400);
	wr(&cell, d + 0x400 + 40, 4, 0xa0a0a0a0);
	CHECK_EQ(*gicd32(0x400 + 40), 0x111111a0);
	wr(&cell, d + 0x400 + 41, 1, 0x00);
	CHECK_EQ(*gicd32(0x400 + 40), 0x111111a0);
	wr(&cell, d + 0x400 + 40, 1, 0x80);
	CHECK_EQ(*gicd32(0x400 + 40), 0x11111180);
	CHECK_EQ(rd(&cell, d + 0x400 + 40, 4), 0x80);
	CHECK_EQ(rd(&cell, d + 0x400 + 41, 1), 0);
	wr(&root, d + 0x400 + 40, 4, 0x22222222);
	CHECK_EQ(*gicd32(0x400 + 40), 0x22222280);

	/* trigger config: IRQ 40 is bits 17:16 of ICFGR2 */
	*gicd32(GICD_ICFGR + 8) = 0x55555555;
	wr(&cell, d + GICD_ICFGR + 8, 4, 0xffffffff);
	CHECK_EQ(*gicd32(GICD_ICFGR + 8), 0x55575555);
	wr(&root, d + GICD_ICFGR + 8, 4, 0);
	CHECK_EQ(*gicd32(GICD_ICFGR + 8), 0x00030000);
	CHECK_EQ(rd(&cell, d + GICD_ICFGR + 8, 4), 0x00030000);

	/* routing: to the cell's own CPUs, never IRM, never a root CPU */
	*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8) = 2;
	wr(&cell, d + GICD_IROUTER + CELL_SPI * 8, 8, 0);		/* CPU 0 */
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8), 2);
	wr(&cell, d + GICD_IROUTER + CELL_SPI * 8, 8, 1ULL << 31);	/* IRM */
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8), 2);
	wr(&cell, d + GICD_IROUTER + CELL_SPI * 8, 8, 3);
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8), 3);
	wr(&cell, d + GICD_IROUTER + CELL_SPI * 8 + 4, 4, 1);		/* Aff3 = 1: nobody */
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8), 3);
	wr(&cell, d + GICD_IROUTER + CELL_SPI * 8, 4, 2);		/* low half: CPU 2 */
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + CELL_SPI * 8), 2);
	CHECK_EQ(rd(&cell, d + GICD_IROUTER + CELL_SPI * 8, 8), 2);
	/* someone else's SPI: reads 0, writes ignored */
	*(u64 *)(gicd_mem + GICD_IROUTER + 33 * 8) = 1;
	CHECK_EQ(rd(&cell, d + GICD_IROUTER + 33 * 8, 8), 0);
	wr(&cell, d + GICD_IROUTER + 33 * 8, 8, 3);
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + 33 * 8), 1);
	/* the root cannot route its SPIs to the cell's CPUs */
	wr(&root, d + GICD_IROUTER + 33 * 8, 8, 3);
	CHECK_EQ(*(u64 *)(gicd_mem + GICD_IROUTER + 33 * 8), 1);

	/* fixed: groups (group 1), group modifiers, the distributor's control */
	*gicd32(0x80 + 4) = 0;
	CHECK_EQ(rd(&cell, d + 0x80 + 4, 4), 1U << (CELL_SPI - 32));
	wr(&cell, d + 0x80 + 4, 4, 0);
	wr(&root, d + 0x80 + 4, 4, 0);
	CHECK_EQ(*gicd32(0x80 + 4), 0);
	*gicd32(0xd00 + 4) = 0;
	wr(&cell, d + 0xd00 + 4, 4, 0xffffffff);
	CHECK_EQ(*gicd32(0xd00 + 4), 0);
	*gicd32(GICD_CTLR) = 0x12;
	wr(&cell, d + GICD_CTLR, 4, 0);
	wr(&root, d + GICD_CTLR, 4, 0);
	CHECK_EQ(*gicd32(GICD_CTLR), 0x12);
	CHECK_EQ(rd(&cell, d + GICD_CTLR, 4), 0x12);
	/* TYPER: no LPIs, no message-based SPIs to find */
	*gicd32(4) = 0x7f001f;
	CHECK_EQ(rd(&root, d + 4, 4), 0x78001f);
	/* message-based SPIs: nobody sets a pending bit this way */
	wr(&cell, d + 0x40, 4, 33);
	CHECK_EQ(*gicd32(0x40), 0);
}

static void test_redistributors(void)
{
	const u64 r = sys.platform.gicr_base;
	const u64 sgi = GICR_SGI_BASE;

	/* another cell's frame: only IIDR, TYPER and the IDs read; nothing written */
	*gicr32(0, sgi + 0x100) = 0x5;
	CHECK_EQ(rd(&cell, r + sgi + 0x100, 4), 0);
	wr(&cell, r + sgi + 0x180, 4, 0xffffffff);
	CHECK_EQ(*gicr32(0, sgi + 0x180), 0);
	CHECK_EQ(rd(&cell, r + 8, 8), 0x2);		/* TYPER of CPU 0, no PLPIS, DirectLPI */
	CHECK_EQ(rd(&cell, r + 3 * FRAME + 8, 8), (3ULL << 32) | 0x12);
	CHECK_EQ(rd(&cell, r + 3 * FRAME + 12, 4), 3);

	/* its own frame: SGIs/PPIs but the hypervisor's (SGI 0, 1, PPIs 25, 26) */
	wr(&cell, r + 2 * FRAME + sgi + 0x100, 4, 0xffffffff);
	CHECK_EQ(*gicr32(2, sgi + 0x100), ~(0x3U | (3U << 25)));
	wr(&cell, r + 2 * FRAME + sgi + 0x400, 4, 0);		/* IPRIORITYR0: SGIs 0-3 */
	memset(gicr_mem + 2 * FRAME + sgi + 0x400, 0xa0, 32);
	wr(&cell, r + 2 * FRAME + sgi + 0x400, 4, 0);
	CHECK_EQ(*gicr32(2, sgi + 0x400), 0x0000a0a0);
	wr(&cell, r + 2 * FRAME + sgi + 0x419, 1, 0);		/* PPI 25's byte */
	CHECK_EQ(gicr_mem[2 * FRAME + sgi + 0x419], 0xa0);
	wr(&cell, r + 2 * FRAME + sgi + 0x402, 1, 0x60);		/* SGI 2's byte */
	CHECK_EQ(*gicr32(2, sgi + 0x400), 0x0060a0a0);
	CHECK_EQ(rd(&cell, r + 2 * FRAME + sgi + 0x400, 4), 0x00600000);
	wr(&cell, r + 2 * FRAME + sgi + 0x404, 4, 0x11223344);	/* SGIs 4-7: all the cell's */
	CHECK_EQ(*gicr32(2, sgi + 0x404), 0x11223344);
	*gicr32(2, sgi + 0xc04) = 0;
	wr(&cell, r + 2 * FRAME + sgi + 0xc04, 4, 0xffffffff);	/* ICFGR1: PPIs 16-31 */
	CHECK_EQ(*gicr32(2, sgi + 0xc04), ~(0xfU << 18));
	CHECK_EQ(rd(&cell, r + 2 * FRAME + sgi + 0xc04, 4), ~(0xfU << 18));
	*gicr32(2, sgi + 0xc00) = 0xaaaaaaaa;
	wr(&cell, r + 2 * FRAME + sgi + 0xc00, 4, 0);		/* ICFGR0: SGIs 0, 1 kept */
	CHECK_EQ(*gicr32(2, sgi + 0xc00), 0xa);

	/* fixed: CTLR (EnableLPIs refused), WAKER (awake), STATUSR, LPI tables */
	wr(&cell, r + 2 * FRAME, 4, 1);
	CHECK_EQ(*gicr32(2, 0), 0);
	CHECK_EQ(rd(&cell, r + 2 * FRAME, 4), 0);
	*gicr32(2, 0x14) = 0;
	wr(&cell, r + 2 * FRAME + 0x14, 4, 0x2);			/* ProcessorSleep */
	CHECK_EQ(*gicr32(2, 0x14), 0);
	wr(&root, r + 0x14, 4, 0x2);
	CHECK_EQ(*gicr32(0, 0x14), 0);
	wr(&cell, r + 2 * FRAME + 0x70, 8, 0x80000000ULL);	/* PROPBASER */
	wr(&cell, r + 2 * FRAME + 0x78, 8, 0x80000000ULL);	/* PENDBASER */
	CHECK_EQ(*(u64 *)(gicr_mem + 2 * FRAME + 0x70), 0);
	CHECK_EQ(*(u64 *)(gicr_mem + 2 * FRAME + 0x78), 0);
	wr(&cell, r + 2 * FRAME + sgi + 0x80, 4, 0);		/* IGROUPR0 */
	CHECK_EQ(rd(&cell, r + 2 * FRAME + sgi + 0x80, 4), ~(0x3U | (3U << 25)));
}

static void test_sgi1r(void)
{
	memset(pended, 0, sizeof(pended));
	/* IRM from CPU 2: CPU 3 only */
	vgic_sgi1r_write(per_cpu(2), (1ULL << 40) | (5ULL << 24));
	CHECK_EQ(pended[3][5], 1);
	CHECK_EQ(pended[0][5] + pended[1][5] + pended[2][5], 0);
	/* a target list of every CPU: its own CPUs, itself included */
	vgic_sgi1r_write(per_cpu(2), (6ULL << 24) | 0xffff);
	CHECK_EQ(pended[2][6] + pended[3][6], 2);
	CHECK_EQ(pended[0][6] + pended[1][6], 0);
	/* the root's CPUs, by name: nothing */
	vgic_sgi1r_write(per_cpu(3), (2ULL << 24) | 0x3);
	CHECK_EQ(pended[0][2] + pended[1][2], 0);
	/* the root reaches its own, not the cell's */
	vgic_sgi1r_write(per_cpu(0), (1ULL << 40) | (2ULL << 24));
	CHECK_EQ(pended[1][2], 1);
	CHECK_EQ(pended[2][2] + pended[3][2], 0);
}

int main(void)
{
	setup();
	test_refused();
	test_distributor();
	test_redistributors();
	test_sgi1r();
	return tap_done();
}
