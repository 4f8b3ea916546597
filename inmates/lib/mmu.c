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
#define L2_TABLES	4		/* image+devices, comm region, two spare (shared memory, BARs) */
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

/*
 * A section of their own: were they in .bss with the small variables, the
 * whole of this file's .bss would be 4 KiB aligned and padded.
 */
#define PT_SECTION	__attribute__((aligned(4096), section(".bss.pgtables")))
static u64 l1_table[PT_ENTRIES] PT_SECTION;
static u64 l2_tables[L2_TABLES][PT_ENTRIES] PT_SECTION;
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

static void map_now(unsigned long addr, unsigned long size, unsigned int attr)
{
	if (!enabled)
		return;
	map_range(addr, size, attr);
	dsb(ishst);
	isb();
}

void mmu_map_device(unsigned long addr, unsigned long size)
{
	map_now(addr, size, ATTR_DEVICE);
}

void mmu_map_normal(unsigned long addr, unsigned long size)
{
	map_now(addr, size, ATTR_NORMAL);
}

bool mmu_enabled(void)
{
	return enabled;
}

static u64 tcr_value(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (parange > 5)
		parange = 5;
	return TCR_T0SZ(25) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	       TCR_EPD1 | (parange << TCR_IPS_SHIFT);
}

/*
 * The translation registers, the same on every CPU of the cell: they all
 * walk the one set of tables. Only constants and ID registers are read,
 * since a secondary runs this with the MMU off, when a plain variable may
 * be stale in memory.
 */
static void mmu_set_regs(void)
{
	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, tcr_value());
	write_sysreg(ttbr0_el1, (unsigned long)l1_table);
	isb();
}

/*
 * Invalidates [from, to) to the point of coherency, then turns on MMU,
 * D- and I-cache. Whatever the caller wrote there with the MMU off is in
 * memory, but a cache may hold older lines of it that cacheable accesses
 * would then see. One asm statement, inlined: no compiled stack access can
 * fall between the invalidation and the switch.
 */
static inline __attribute__((always_inline))
void mmu_switch_on(unsigned long from, unsigned long to)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 sctlr = read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I;
	unsigned long p = from & ~(line - 1);

	asm volatile("1:	dc	ivac, %0\n"
		     "	add	%0, %0, %1\n"
		     "	cmp	%0, %2\n"
		     "	b.lo	1b\n"
		     "	dsb	ish\n"
		     "	tlbi	vmalle1\n"
		     "	dsb	nsh\n"
		     "	ic	iallu\n"
		     "	dsb	nsh\n"
		     "	isb\n"
		     "	msr	sctlr_el1, %3\n"
		     "	isb\n"
		     : "+r" (p) : "r" (line), "r" (to), "r" (sctlr)
		     : "memory", "cc");
}

void mmu_init(void)
{
	if (!cmdline_get_bool("mmu", true))
		return;
	map_range(0, BLOCK_SIZE, ATTR_NORMAL);
	map_range(CV_COMM_REGION_IPA, BLOCK_SIZE, ATTR_NORMAL);
	dsb(ish);
	mmu_set_regs();
	/*
	 * Everything so far, tables included, was written with the data
	 * cache off, straight to memory: drop any lines the loader may have
	 * left for the image.
	 */
	mmu_switch_on((unsigned long)__image_start, (unsigned long)__image_end);
	enabled = true;
}

void mmu_enable_secondary(unsigned long stack_top)
{
	unsigned long sp;

	mmu_set_regs();
	/*
	 * Our frames (from sp up) went straight to memory. Another CPU may
	 * hold older lines of this stack, e.g. speculative fills on the
	 * first CPU, which maps it cacheable: drop them. The tables need
	 * nothing, walks are cacheable (TCR IRGN0/ORGN0) and so see the
	 * first CPU's cached writes.
	 */
	asm volatile("mov %0, sp" : "=r" (sp));
	mmu_switch_on(sp, stack_top);
}
