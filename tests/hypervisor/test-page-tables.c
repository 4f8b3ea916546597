// SPDX-License-Identifier: GPL-2.0
/* Host tests of the translation-table code: blocks, splits, lookups, frees. */
#include <asm/paging.h>
#include <hv/pool.h>
#include <stdlib.h>

#include "tap.h"

#define POOL_PAGES	64
#define GiB		(1ULL << 30)
#define MiB		(1ULL << 20)

static unsigned int flushes;

static void count_flush(struct pt *pt, u64 va, u64 size)
{
	(void)pt;
	(void)va;
	(void)size;
	flushes++;
}

static void test_blocks(struct page_pool *pool)
{
	struct pt pt;
	unsigned int f;

	CHECK_EQ(pt_init(&pt, PT_STAGE2, 1, pool), 0);
	/* 1 GiB aligned: one level-1 block, no extra table */
	CHECK_EQ(pt_map(&pt, 0x40000000, 0x40000000, GiB, PT_READ | PT_WRITE), 0);
	CHECK_EQ(pt.tables, 1);
	CHECK_EQ(pt_lookup(&pt, 0x40001234, &f), 0x40001234);
	CHECK_EQ(f, PT_READ | PT_WRITE | PT_EXEC);
	/* 2 MiB aligned region: one L2 table with blocks */
	CHECK_EQ(pt_map(&pt, 0x9000000, 0x9000000, 4 * MiB, PT_READ | PT_WRITE | PT_DEVICE), 0);
	CHECK_EQ(pt.tables, 2);
	CHECK_EQ(pt_lookup(&pt, 0x9200010, &f), 0x9200010);
	CHECK(f & PT_DEVICE);
	/* an unaligned 4 KiB piece needs an L3 table */
	CHECK_EQ(pt_map(&pt, 0x8000000 + 0x3000, 0x8000000 + 0x3000, 0x1000, PT_READ), 0);
	CHECK_EQ(pt.tables, 3);
	CHECK_EQ(pt_lookup(&pt, 0x8003008, &f), 0x8003008);
	CHECK_EQ(f & (PT_READ | PT_WRITE), PT_READ);
	CHECK_EQ(pt_lookup(&pt, 0x8004000, NULL), INVALID_PADDR);
	pt_destroy(&pt);
	CHECK_EQ(pool->used, 0);
}

static void test_split_and_unmap(struct page_pool *pool)
{
	struct pt pt;

	CHECK_EQ(pt_init(&pt, PT_STAGE2, 1, pool), 0);
	pt.flush = count_flush;
	CHECK_EQ(pt_map(&pt, 0x40000000, 0x40000000, GiB, PT_READ | PT_WRITE), 0);
	flushes = 0;
	/* punch a 4 KiB hole: 1G block -> L2 table -> 2M block -> L3 table */
	CHECK_EQ(pt_unmap(&pt, 0x7fc00000, 0x1000), 0);
	CHECK(flushes > 0);
	CHECK_EQ(pt.tables, 3);
	CHECK_EQ(pt_lookup(&pt, 0x7fc00000, NULL), INVALID_PADDR);
	CHECK_EQ(pt_lookup(&pt, 0x7fc01000, NULL), 0x7fc01000);
	CHECK_EQ(pt_lookup(&pt, 0x7fbff000, NULL), 0x7fbff000);
	CHECK_EQ(pt_lookup(&pt, 0x40000000, NULL), 0x40000000);
	/* remove the rest of that 2 MiB: the L3 table is freed */
	CHECK_EQ(pt_unmap(&pt, 0x7fc01000, 2 * MiB - 0x1000), 0);
	CHECK_EQ(pt.tables, 2);
	CHECK_EQ(pt_lookup(&pt, 0x7fd00000, NULL), INVALID_PADDR);
	/* remapping the same range works and re-uses blocks */
	CHECK_EQ(pt_map(&pt, 0x7fc00000, 0x7fc00000, 2 * MiB, PT_READ), 0);
	CHECK_EQ(pt.tables, 2);
	CHECK_EQ(pt_lookup(&pt, 0x7fc00000, NULL), 0x7fc00000);
	pt_destroy(&pt);
	CHECK_EQ(pool->used, 0);
}

/* A split block comes back when what was cut out of it is mapped again. */
static void test_merge(struct page_pool *pool)
{
	struct pt pt;
	unsigned int f;

	CHECK_EQ(pt_init(&pt, PT_STAGE2, 1, pool), 0);
	pt.flush = count_flush;
	CHECK_EQ(pt_map(&pt, 0x40000000, 0x40000000, GiB, PT_READ | PT_WRITE), 0);
	/* a 64 KiB cell carved out: 1G -> L2 table -> 2M -> L3 table */
	CHECK_EQ(pt_unmap(&pt, 0x7fa00000, 0x10000), 0);
	CHECK_EQ(pt.tables, 3);
	/* given back with other attributes: the tables stay */
	CHECK_EQ(pt_map(&pt, 0x7fa00000, 0x7fa00000, 0x10000, PT_READ), 0);
	CHECK_EQ(pt.tables, 3);
	CHECK_EQ(pt_unmap(&pt, 0x7fa00000, 0x10000), 0);
	/* at another address: the tables stay */
	CHECK_EQ(pt_map(&pt, 0x7fa00000, 0x50000000, 0x10000, PT_READ | PT_WRITE), 0);
	CHECK_EQ(pt.tables, 3);
	CHECK_EQ(pt_unmap(&pt, 0x7fa00000, 0x10000), 0);
	/* as it was: both levels merge back into the 1 GiB block */
	flushes = 0;
	CHECK_EQ(pt_map(&pt, 0x7fa00000, 0x7fa00000, 0x10000, PT_READ | PT_WRITE), 0);
	CHECK_EQ(pt.tables, 1);
	CHECK(flushes >= 2);
	CHECK_EQ(pt_lookup(&pt, 0x7fa08008, &f), 0x7fa08008);
	CHECK_EQ(f, PT_READ | PT_WRITE | PT_EXEC);
	CHECK_EQ(pt_lookup(&pt, 0x40000000, NULL), 0x40000000);
	/* NO_BLOCKS mappings never merge */
	CHECK_EQ(pt_unmap(&pt, 0x7fa00000, 0x10000), 0);
	CHECK_EQ(pt_map(&pt, 0x7fa00000, 0x7fa00000, 0x10000, PT_READ | PT_WRITE | PT_NO_BLOCKS), 0);
	CHECK_EQ(pt.tables, 3);
	pt_destroy(&pt);
	CHECK_EQ(pool->used, 0);
}

static void test_errors(struct page_pool *pool)
{
	struct pt pt;

	CHECK_EQ(pt_init(&pt, PT_STAGE1_EL2, 0, pool), 0);
	CHECK_EQ(pt_map(&pt, 0x1001, 0x1000, 0x1000, PT_READ), -CV_EINVAL);
	CHECK_EQ(pt_map(&pt, 0x1000, 0x1000, 0, PT_READ), -CV_EINVAL);
	/* level 0 never holds blocks: 512 GiB aligned still builds tables */
	CHECK_EQ(pt_map(&pt, 0, 0, 2 * MiB, PT_READ | PT_WRITE), 0);
	CHECK_EQ(pt.tables, 3);
	/* a different physical address over an existing block is refused */
	CHECK_EQ(pt_map(&pt, 0, 0x200000, 2 * MiB, PT_READ), -CV_EBUSY);
	/* NO_BLOCKS forces pages */
	CHECK_EQ(pt_map(&pt, 0x400000, 0x400000, 2 * MiB, PT_READ | PT_NO_BLOCKS), 0);
	CHECK_EQ(pt.tables, 4);
	pt_destroy(&pt);
	CHECK_EQ(pool->used, 0);
}

static void test_pool_exhaustion(void)
{
	static struct page_pool small;
	void *mem = aligned_alloc(4096, 2 * 4096);
	struct pt pt;

	pool_init(&small, mem, 2);
	CHECK_EQ(pt_init(&pt, PT_STAGE2, 1, &small), 0);
	CHECK_EQ(pt_map(&pt, 0x1000, 0x1000, 0x1000, PT_READ), -CV_ENOMEM);
	pt_destroy(&pt);
	CHECK_EQ(small.used, 0);
	free(mem);
}

int main(void)
{
	static struct page_pool pool;
	void *mem = aligned_alloc(4096, POOL_PAGES * 4096);

	hv_virt_offset = 0;
	CHECK_EQ(pool_init(&pool, mem, POOL_PAGES), 0);
	test_blocks(&pool);
	test_split_and_unmap(&pool);
	test_merge(&pool);
	test_errors(&pool);
	test_pool_exhaustion();
	CHECK_EQ(pool_init(&pool, mem, POOL_MAX_PAGES + 1), -CV_EINVAL);
	free(mem);
	return tap_done();
}
