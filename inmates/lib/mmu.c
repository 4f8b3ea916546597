// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL1 identity map: 4 KiB granule, 39-bit VA so the walk starts at level 1
 * (Arm ARM D8.2 "Translation table walk"), one level-2 table per 1 GiB in
 * use, 2 MiB block entries.
 */
#include "cmdline.h"
#include "comm.h"
#include "mmu.h"
#include "sysreg.h"

#define PT_ENTRIES	512
#define L2_TABLES	3		/* image+devices, comm region, one spare */
#define BLOCK_SIZE	(2UL << 20)

#define DESC_TABLE	3UL
#define DESC_BLOCK	1UL
#define DESC_ATTR(i)	((u64)(i) << 2)	/* MAIR index */
#define DESC_SH_INNER	(3UL << 8)
#define DESC_AF		BIT(10)
#define DESC_PXN	BIT(53)
#define DESC_UXN	BIT(54)

#define ATTR_NORMAL	0		/* MAIR attr0: 0xff, write-back RW-allocate */
#define ATTR_DEVICE	1		/* MAIR attr1: 0x00, Device-nGnRnE */
#define MAIR_VALUE	0x00ffUL

#define TCR_T0SZ(n)	((u64)(n))
#define TCR_IRGN0_WBWA	(1UL << 8)
#define TCR_ORGN0_WBWA	(1UL << 10)
#define TCR_SH0_INNER	(3UL << 12)
#define TCR_EPD1	BIT(23)		/* no TTBR1 walks */
#define TCR_IPS_SHIFT	32

#define SCTLR_M		BIT(0)
#define SCTLR_C		BIT(2)
#define SCTLR_I		BIT(12)

static u64 l1_table[PT_ENTRIES] __attribute__((aligned(4096)));
static u64 l2_tables[L2_TABLES][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned int l2_used;
static bool enabled;

extern char __image_start[], __image_end[];

static u64 *l2_for(unsigned long va)
{
	u64 *l1e = &l1_table[(va >> 30) & (PT_ENTRIES - 1)];

	if (*l1e & DESC_TABLE)
		return (u64 *)(*l1e & 0xfffffffff000UL);
	if (l2_used == L2_TABLES)
		return NULL;
	*l1e = (unsigned long)l2_tables[l2_used] | DESC_TABLE;
	return l2_tables[l2_used++];
}

static void map_block(unsigned long va, unsigned int attr)
{
	u64 *l2 = l2_for(va);
	u64 desc;

	if (!l2)
		return;
	desc = (va & ~(BLOCK_SIZE - 1)) | DESC_BLOCK | DESC_AF |
	       DESC_ATTR(attr);
	desc |= attr == ATTR_NORMAL ? DESC_SH_INNER : DESC_PXN | DESC_UXN;
	/* Invalid -> valid needs no TLB maintenance: faulting entries are never cached (D8.16). */
	if (!(l2[(va >> 21) & (PT_ENTRIES - 1)] & 1))
		l2[(va >> 21) & (PT_ENTRIES - 1)] = desc;
}

static void map_range(unsigned long addr, unsigned long size, unsigned int attr)
{
	unsigned long va = addr & ~(BLOCK_SIZE - 1);

	for (; va < addr + size; va += BLOCK_SIZE)
		map_block(va, attr);
}

void mmu_map_device(unsigned long addr, unsigned long size)
{
	if (!enabled)
		return;
	map_range(addr, size, ATTR_DEVICE);
	dsb(ishst);
	isb();
}

bool mmu_enabled(void)
{
	return enabled;
}

/*
 * Everything so far was written with the data cache off, straight to memory.
 * Drop any cache lines the loader may have left for the image, or the first
 * cacheable reads (table walks included) could see them instead.
 */
static void dcache_inval_image(void)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)__image_start & ~(line - 1);

	for (; p < (unsigned long)__image_end; p += line)
		asm volatile("dc ivac, %0" : : "r" (p) : "memory");
	dsb(ish);
}

static u64 tcr_value(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (parange > 5)
		parange = 5;
	return TCR_T0SZ(25) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	       TCR_EPD1 | (parange << TCR_IPS_SHIFT);
}

void mmu_init(void)
{
	if (!cmdline_get_bool("mmu", true))
		return;
	map_range(0, BLOCK_SIZE, ATTR_NORMAL);
	map_range(CV_COMM_REGION_IPA, BLOCK_SIZE, ATTR_NORMAL);
	dsb(ish);
	dcache_inval_image();

	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, tcr_value());
	write_sysreg(ttbr0_el1, (unsigned long)l1_table);
	isb();
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	asm volatile("ic iallu" : : : "memory");
	dsb(nsh);
	isb();
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
	enabled = true;
}
