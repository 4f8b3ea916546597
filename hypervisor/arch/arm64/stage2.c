// SPDX-License-Identifier: GPL-2.0
/*
 * Stage 2: one translation table per cell (VMID = cell id), an IPA of
 * CV_IPA_BITS (the limit every config is checked against) starting at
 * level 1, blocks wherever alignment allows (paging.c).
 */
#include <asm/paging.h>
#include <asm/stage2.h>
#include <asm/sysregs.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>

/* a level-1 start with the 4 KiB granule covers 31..39 bits */
_Static_assert(CV_IPA_BITS >= 31 && CV_IPA_BITS <= 39, "stage 2 starts at level 1");
#define VTCR_T0SZ		(64 - CV_IPA_BITS)
#define VTCR_SL0_L1		(1ULL << 6)
#define VTCR_IRGN_WBWA		(1ULL << 8)
#define VTCR_ORGN_WBWA		(1ULL << 10)
#define VTCR_SH_INNER		(3ULL << 12)
#define VTCR_RES1		(1ULL << 31)

static u64 vtcr;

int stage2_init(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 7;

	if (parange < 1) {
		pr_err("physical address range below 36 bits is not supported\n");
		return -CV_ENODEV;
	}
	vtcr = VTCR_T0SZ | VTCR_SL0_L1 | VTCR_IRGN_WBWA | VTCR_ORGN_WBWA |
	       VTCR_SH_INNER | VTCR_RES1 | (MIN(parange, 5ULL) << 16);
	return 0;
}

void stage2_cpu_init(struct per_cpu *pc)
{
	write_sysreg(vtcr_el2, vtcr);
	stage2_activate(pc->cell);
}

/*
 * Every CPU drops what its TLBs hold for the VMID it loads, so a stage 2
 * no CPU has loaded yet (the root's while enable builds it, a new cell's)
 * has nothing cached anywhere: changes to it need no broadcast
 * invalidation (under emulation, each one stops every CPU).
 */
void stage2_activate(struct cell *cell)
{
	if (!cell->arch.loaded) {
		__atomic_store_n(&cell->arch.loaded, true, __ATOMIC_RELAXED);
		dsb(ish);	/* seen before this CPU walks the tables; pairs with s2_flush() */
	}
	write_sysreg(vttbr_el2, cell->arch.vttbr);
	isb();
	asm volatile("tlbi vmalls12e1" ::: "memory");
	dsb(nsh);
}

static void s2_flush(struct pt *pt, u64 va, u64 size)
{
	const struct cell *cell = (const void *)((const u8 *)pt -
						 __builtin_offsetof(struct cell, arch.stage2));

	(void)va;
	(void)size;
	dsb(ish);	/* the table change before the look at loaded */
	if (!__atomic_load_n(&cell->arch.loaded, __ATOMIC_RELAXED))
		return;
	asm volatile("tlbi alle1is" ::: "memory");
	dsb(ish);
	isb();
}

int arch_cell_create(struct cell *cell)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	int err = pt_init(&cell->arch.stage2, PT_STAGE2, 1, &mem_pool);
	unsigned int i;

	if (err)
		return err;
	/* configs have at most CV_MAX_MEM_REGIONS (64) regions: one bit each */
	_Static_assert(CV_MAX_MEM_REGIONS <= 64, "exec_regions has 64 bits");
	cell->arch.exec_regions = 0;
	for (i = 0; i < cell->config->num_mem_regions && i < 64; i++)
		if (mem[i].flags & CV_MEM_EXECUTE)
			cell->arch.exec_regions |= BIT(i);
	cell->arch.stage2.flush = s2_flush;
	cell->arch.loaded = false;
	cell->arch.changes.count = 0;
	cell->arch.vttbr = virt_to_phys(cell->arch.stage2.root) | ((u64)cell->id << 48);
	return 0;
}

void arch_cell_destroy(struct cell *cell)
{
	pt_destroy(&cell->arch.stage2);
}

u64 arch_cell_table_pages(const struct cell *cell)
{
	return cell->arch.stage2.tables;
}

/*
 * Break-before-make under a running cell (asm/stage2-changes.h). A cell's
 * stage 2 changes only under cells_lock, or at enable before any CPU runs
 * the root: the changes are serialised as the count needs.
 */
bool stage2_fault_retry(struct per_cpu *pc)
{
	return s2_fault_retry(&pc->cell->arch.changes, &pc->arch.s2_retry);
}

/* A change of @cell's stage 2 begins; two at once break the fault retry, and say so. */
static void s2_begin(struct cell *cell)
{
	if (!s2_change_begin(&cell->arch.changes))
		pr_err("cell %u: its stage 2 changed on two CPUs at once\n", cell->id);
}

int arch_map_region(struct cell *cell, const struct cv_mem_region *mem)
{
	unsigned int flags = 0;
	int err;

	if (mem->flags & CV_MEM_READ)
		flags |= PT_READ;
	if (mem->flags & CV_MEM_WRITE)
		flags |= PT_WRITE;
	if (mem->flags & CV_MEM_IO)
		flags |= PT_DEVICE;
	if (mem->flags & CV_MEM_NO_HUGEPAGES)
		flags |= PT_NO_BLOCKS;
	s2_begin(cell);
	err = pt_map(&cell->arch.stage2, mem->virt_start, mem->phys_start, mem->size, flags);
	s2_change_end(&cell->arch.changes);
	return err;
}

int arch_unmap_region(struct cell *cell, const struct cv_mem_region *mem)
{
	int err;

	s2_begin(cell);
	err = pt_unmap(&cell->arch.stage2, mem->virt_start, mem->size);
	s2_change_end(&cell->arch.changes);
	return err;
}
