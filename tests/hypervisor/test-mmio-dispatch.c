// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the MMIO region table, the register tables and the one
 * check every emulated access passes (size, alignment, one register).
 */
#include <hv/mmio.h>
#include "tap.h"

static u64 last_offset;
static int last_id, calls;

static enum mmio_result handler(void *arg, const struct mmio_reg *reg, struct mmio_access *acc)
{
	(void)reg;
	last_id = (int)(long)arg;
	last_offset = acc->addr;
	acc->value = 0x42;
	calls++;
	return MMIO_HANDLED;
}

/* A device: a 32-bit register block, bytes, a 64-bit block, a 32-bit one aligned to its start. */
static const struct mmio_reg table[] = {
	{ 0x000, 0x100, 4, MMIO_32, 1, handler },
	{ 0x100, 0x200, 4, MMIO_8 | MMIO_32, 1, handler },
	{ 0x200, 0x300, 8, MMIO_32 | MMIO_64, 1, handler },
	{ 0x400, 0x1000, 4, MMIO_8 | MMIO_16 | MMIO_32, 4, handler },
};
/* The same table scanned from its start, and through an index of 128-byte steps. */
static struct mmio_regs regs = { table, 4, 0, NULL, 0 };
static u8 index_128[0x1000 >> 7];
static struct mmio_regs indexed = { table, 4, 7, index_128, 0 };

/* One access to @t: its result, and whether a handler saw it. */
static enum mmio_result access(struct mmio_table *t, u64 addr, unsigned int size, bool *seen)
{
	struct mmio_access acc = { .addr = addr, .size = size, .is_write = true };
	int before = calls;
	enum mmio_result r = mmio_dispatch(t, &acc);

	*seen = calls != before;
	return r;
}

static void check_refused(struct mmio_table *t, u64 addr, unsigned int size)
{
	bool seen;

	CHECK_EQ(access(t, addr, size, &seen), MMIO_ERROR);
	CHECK(!seen);
}

static void check_taken(struct mmio_table *t, u64 addr, unsigned int size)
{
	bool seen;

	CHECK_EQ(access(t, addr, size, &seen), MMIO_HANDLED);
	CHECK(seen);
}

static void test_table(void)
{
	static struct mmio_table t;
	struct mmio_access acc = { 0 };
	unsigned int i;

	/* a table is used only for the span it was prepared for */
	CHECK_EQ(mmio_region_register(&t, 0x09000000, 0x1000, 0, &regs, (void *)3), -CV_EINVAL);
	CHECK_EQ(mmio_regs_prepare(&regs, 0x1000), 0);
	CHECK_EQ(mmio_region_register(&t, 0x08000000, 0x10000, 0, &regs, (void *)1), -CV_EINVAL);
	CHECK_EQ(mmio_region_register(&t, 0x080a0000, 0x80000, 0x1000, &regs, (void *)2), 0);
	CHECK_EQ(mmio_region_register(&t, 0x08000000, 0x1000, 0, &regs, (void *)1), 0);
	CHECK_EQ(mmio_region_register(&t, 0x09000000, 0x1000, 0, &regs, (void *)3), 0);
	CHECK_EQ(t.regions[0].start, 0x08000000);
	CHECK_EQ(t.regions[2].start, 0x09000000);
	/* overlaps are refused */
	CHECK_EQ(mmio_region_register(&t, 0x07fff000, 0x2000, 0x1000, &regs, NULL), -CV_EBUSY);
	CHECK_EQ(mmio_region_register(&t, 0x08000800, 0x1000, 0x1000, &regs, NULL), -CV_EBUSY);

	acc.addr = 0x080a0104;
	acc.size = 4;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_HANDLED);
	CHECK_EQ(last_id, 2);
	CHECK_EQ(last_offset, 0x104);
	acc.addr = 0x08000ffc;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_HANDLED);
	CHECK_EQ(last_id, 1);
	acc.addr = 0x08001000;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);
	acc.addr = 0x7fc00000;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);

	mmio_region_unregister(&t, 0x080a0000);
	CHECK_EQ(t.count, 2);
	acc.addr = 0x080a0104;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);
	for (i = t.count; i < MMIO_MAX_REGIONS; i++)
		CHECK_EQ(mmio_region_register(&t, 0x10000000 + i * 0x1000, 0x1000, 0, &regs,
					      NULL), 0);
	CHECK_EQ(mmio_region_register(&t, 0x20000000, 0x1000, 0, &regs, NULL), -CV_ENOMEM);
}

static void test_check(struct mmio_regs *r)
{
	static struct mmio_table t;
	const u64 b = 0x08000000;

	t.count = 0;
	CHECK_EQ(mmio_regs_prepare(r, 0x1000), 0);
	CHECK_EQ(mmio_region_register(&t, b, 0x1000, 0, r, NULL), 0);
	/* 32-bit registers: 32-bit aligned only */
	check_taken(&t, b + 0x04, 4);
	check_refused(&t, b + 0x02, 4);		/* unaligned */
	check_refused(&t, b + 0x04, 1);		/* narrower than allowed */
	check_refused(&t, b + 0x04, 2);
	check_refused(&t, b + 0x08, 8);		/* wider than the register */
	check_refused(&t, b + 0xfe, 4);		/* straddles into the next block */
	/* byte registers: any byte, or aligned words */
	check_taken(&t, b + 0x103, 1);
	check_taken(&t, b + 0x104, 4);
	check_refused(&t, b + 0x101, 4);
	check_refused(&t, b + 0x102, 2);
	/* 64-bit registers: both halves or the whole */
	check_taken(&t, b + 0x208, 8);
	check_taken(&t, b + 0x20c, 4);
	check_refused(&t, b + 0x204, 8);	/* straddles two registers */
	check_refused(&t, b + 0x20a, 4);
	/* no register there */
	check_refused(&t, b + 0x300, 4);
	check_refused(&t, b + 0x3fc, 4);
	/* sub-word accesses only at the register's offset (align 4) */
	check_taken(&t, b + 0x400, 1);
	check_taken(&t, b + 0x404, 2);
	check_refused(&t, b + 0x401, 1);
	check_refused(&t, b + 0x406, 2);
	check_refused(&t, b + 0x400, 8);
	/* the region's last bytes: a word fits, nothing runs past the end */
	check_taken(&t, b + 0xffc, 4);
	check_refused(&t, b + 0xffe, 4);
	check_refused(&t, b + 0xfff, 2);
}

static void test_frames(void)
{
	static struct mmio_table t;
	const u64 b = 0x080a0000;
	static const struct mmio_reg frame_table[] = {
		{ 0x0, 0x10, 4, MMIO_32, 1, handler },
		{ 0x10000, 0x10010, 4, MMIO_32, 1, handler },
	};
	static u8 frame_index[0x20000 >> 8];
	static struct mmio_regs frame = { frame_table, 2, 8, frame_index, 0 };

	/* four frames of 128 KiB: the table applies to each */
	CHECK_EQ(mmio_regs_prepare(&frame, 0x20000), 0);
	CHECK_EQ(mmio_region_register(&t, b, 0x80000, 0x20000, &frame, NULL), 0);
	check_taken(&t, b + 0x60004, 4);
	CHECK_EQ(last_offset, 0x60004);		/* handlers get the region offset */
	check_taken(&t, b + 0x7000c, 4);
	check_refused(&t, b + 0x60010, 4);
	check_refused(&t, b + 0x7fffe, 4);
	/* frames must be a power of two that divides the region */
	CHECK_EQ(mmio_region_register(&t, 0x1000000, 0x60000, 0x30000, &frame, NULL),
		 -CV_EINVAL);
	CHECK_EQ(mmio_region_register(&t, 0x1000000, 0x50000, 0x20000, &frame, NULL),
		 -CV_EINVAL);
}

/* Tables that would let an access out of its register are refused. */
static void test_bad_tables(void)
{
	static struct mmio_table t;
	static const struct mmio_reg wide[] = { { 0x0, 0x10, 4, MMIO_64, 1, handler } };
	static const struct mmio_reg odd_start[] = { { 0x2, 0x12, 4, MMIO_32, 1, handler } };
	static const struct mmio_reg odd_end[] = { { 0x0, 0x12, 4, MMIO_32, 1, handler } };
	static const struct mmio_reg overlap[] = {
		{ 0x0, 0x10, 4, MMIO_32, 1, handler },
		{ 0x8, 0x20, 4, MMIO_32, 1, handler },
	};
	static const struct mmio_reg unsorted[] = {
		{ 0x10, 0x20, 4, MMIO_32, 1, handler },
		{ 0x0, 0x10, 4, MMIO_32, 1, handler },
	};
	static const struct mmio_reg width3[] = { { 0x0, 0x18, 3, MMIO_8, 1, handler } };
	static const struct mmio_reg align8[] = { { 0x0, 0x10, 4, MMIO_32, 8, handler } };
	static const struct mmio_reg no_sizes[] = { { 0x0, 0x10, 4, 0, 1, handler } };
	static const struct mmio_reg no_handler[] = { { 0x0, 0x10, 4, MMIO_32, 1, NULL } };
	static const struct mmio_reg too_far_table[] = { { 0x0, 0x2000, 4, MMIO_32, 1, handler } };
	static struct mmio_regs too_far = { too_far_table, 1, 0, NULL, 0 };

	CHECK(mmio_regs_valid(table, 4, 0x1000));
	CHECK(!mmio_regs_valid(wide, 1, 0x1000));
	CHECK(!mmio_regs_valid(odd_start, 1, 0x1000));
	CHECK(!mmio_regs_valid(odd_end, 1, 0x1000));
	CHECK(!mmio_regs_valid(overlap, 2, 0x1000));
	CHECK(!mmio_regs_valid(unsorted, 2, 0x1000));
	CHECK(!mmio_regs_valid(width3, 1, 0x1000));
	CHECK(!mmio_regs_valid(align8, 1, 0x1000));
	CHECK(!mmio_regs_valid(no_sizes, 1, 0x1000));
	CHECK(!mmio_regs_valid(no_handler, 1, 0x1000));
	CHECK(!mmio_regs_valid(table, 0, 0x1000));
	CHECK_EQ(mmio_regs_prepare(&too_far, 0x1000), -CV_EINVAL);
	CHECK_EQ(mmio_region_register(&t, 0x1000, 0x1000, 0, &too_far, NULL), -CV_EINVAL);
	CHECK_EQ(t.count, 0);
}

int main(void)
{
	test_table();
	test_check(&regs);
	test_check(&indexed);
	test_frames();
	test_bad_tables();
	return tap_done();
}
