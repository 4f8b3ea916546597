// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the stage-2 change count (asm/stage2-changes.h) against
 * the real break-before-make of paging.c: the root's device block that a
 * cell's page is cut out of (the NIC page beside the root's disk, as in
 * linux-demo) is split and merged while a root CPU touches its disk in the
 * gap. The gap is where paging.c flushes, so the flush hook is that CPU.
 */
#include <asm/paging.h>
#include <asm/stage2-changes.h>
#include <hv/pool.h>
#include <stdlib.h>

#include "tap.h"

#define POOL_PAGES	16
#define MiB		(1ULL << 20)
#define WINDOW		0x0a000000ULL	/* a 2 MiB block of the root's devices */
#define CELL_PAGE	0x0a000000ULL	/* the page a cell takes out of it */
#define ROOT_DISK	0x0a003e60ULL	/* the root's own register in the same block */

static struct s2_changes changes;
static struct s2_retry root_cpu;
static bool counting = true;	/* the change wrapped in s2_change_begin/end */
static unsigned int gap_faults, gap_retries, gap_refused;

/* A root CPU's access in the gap: a fault, which it retries if it may, up to 3 times. */
static void root_touches_disk(struct pt *pt, u64 va, u64 size)
{
	(void)va;
	(void)size;
	for (int i = 0; i < 3 && pt_lookup(pt, ROOT_DISK, NULL) == INVALID_PADDR; i++) {
		gap_faults++;
		if (s2_fault_retry(&changes, &root_cpu))
			gap_retries++;
		else
			gap_refused++;
	}
}

static int change(struct pt *pt, bool map)
{
	int err;

	gap_faults = gap_retries = gap_refused = 0;
	if (counting)
		CHECK(s2_change_begin(&changes));	/* no other change under way */
	err = map ? pt_map(pt, CELL_PAGE, CELL_PAGE, 4096, PT_READ | PT_WRITE | PT_DEVICE) :
		    pt_unmap(pt, CELL_PAGE, 4096);
	if (counting)
		s2_change_end(&changes);
	return err;
}

static void test_gap_is_retried(struct page_pool *pool)
{
	struct pt pt;

	REQUIRE_EQ(pt_init(&pt, PT_STAGE2, 1, pool), 0);
	REQUIRE_EQ(pt_map(&pt, WINDOW, WINDOW, 2 * MiB, PT_READ | PT_WRITE | PT_DEVICE), 0);
	REQUIRE_EQ(pt.tables, 2);	/* the root table, and a level-2 table with the block */
	pt.flush = root_touches_disk;

	/* create: the cell's page leaves the root, its block is split */
	CHECK_EQ(change(&pt, false), 0);
	CHECK_EQ(gap_faults, 3);	/* the test reaches the gap, every time */
	CHECK_EQ(gap_retries, 3);	/* and every fault in it is retried */
	CHECK_EQ(gap_refused, 0);
	CHECK_EQ(changes.count, 2);
	CHECK_EQ(pt.tables, 3);		/* the block split into a level-3 table */
	CHECK_EQ(pt_lookup(&pt, ROOT_DISK, NULL), ROOT_DISK);
	CHECK_EQ(pt_lookup(&pt, CELL_PAGE, NULL), INVALID_PADDR);

	/* the root touching the cell's page: retried once, then its own fault */
	CHECK(s2_fault_retry(&changes, &root_cpu));
	CHECK(!s2_fault_retry(&changes, &root_cpu));
	CHECK(!s2_fault_retry(&changes, &root_cpu));

	/* destroy: the page comes back and the block is merged */
	CHECK_EQ(change(&pt, true), 0);
	CHECK_EQ(gap_faults, 3);
	CHECK_EQ(gap_retries, 3);
	CHECK_EQ(gap_refused, 0);
	CHECK_EQ(pt.tables, 2);		/* merged back into one block */
	CHECK_EQ(pt_lookup(&pt, ROOT_DISK, NULL), ROOT_DISK);
	CHECK_EQ(pt_lookup(&pt, CELL_PAGE, NULL), CELL_PAGE);

	/* a change this CPU has not seen: one more retry, then its own again */
	CHECK(s2_fault_retry(&changes, &root_cpu));
	CHECK(!s2_fault_retry(&changes, &root_cpu));
	pt_destroy(&pt);
}

static void test_records_are_per_cpu_and_table(void)
{
	struct s2_changes other = { 0 };
	struct s2_retry cpu1 = { 0 }, cpu2 = { 0 };

	/* a CPU's refusal in one stage 2 says nothing of another, nor of another CPU */
	CHECK(s2_fault_retry(&changes, &cpu1));
	CHECK(!s2_fault_retry(&changes, &cpu1));
	CHECK(s2_fault_retry(&other, &cpu1));
	CHECK(s2_fault_retry(&changes, &cpu2));
	CHECK(!s2_fault_retry(&other, &cpu1));
	/* under way: always retried */
	s2_change_begin(&other);
	CHECK(s2_fault_retry(&other, &cpu1));
	CHECK(s2_fault_retry(&other, &cpu1));
	s2_change_end(&other);
	CHECK(s2_fault_retry(&other, &cpu1));
	CHECK(!s2_fault_retry(&other, &cpu1));
}

/* Two changes at once (callers not serialised) are told apart, and the count stays whole. */
static void test_overlapping_changes(void)
{
	struct s2_changes c = { 0 };

	CHECK(s2_change_begin(&c));
	CHECK(!s2_change_begin(&c));	/* a second one while the first is under way */
	s2_change_end(&c);
	s2_change_end(&c);
	CHECK_EQ(c.count, 4);		/* even again: both ended */
	CHECK(s2_change_begin(&c));
	s2_change_end(&c);
}

/* What the count is for: without it, a CPU that faults twice in one gap is refused. */
static void test_without_the_count(struct page_pool *pool)
{
	struct pt pt;

	REQUIRE_EQ(pt_init(&pt, PT_STAGE2, 1, pool), 0);
	REQUIRE_EQ(pt_map(&pt, WINDOW, WINDOW, 2 * MiB, PT_READ | PT_WRITE | PT_DEVICE), 0);
	pt.flush = root_touches_disk;
	counting = false;
	root_cpu = (struct s2_retry){ 0 };
	CHECK_EQ(change(&pt, false), 0);
	CHECK_EQ(gap_faults, 3);
	CHECK_EQ(gap_retries, 1);
	CHECK_EQ(gap_refused, 2);	/* the root would have been sent an abort */
	counting = true;
	pt_destroy(&pt);
}

int main(void)
{
	static struct page_pool pool;
	void *mem = aligned_alloc(4096, POOL_PAGES * 4096);

	hv_virt_offset = 0;
	REQUIRE_EQ(pool_init(&pool, mem, POOL_PAGES), 0);
	test_gap_is_retried(&pool);
	test_records_are_per_cpu_and_table();
	test_overlapping_changes();
	test_without_the_count(&pool);
	CHECK_EQ(pool.used, 0);
	free(mem);
	return tap_done();
}
