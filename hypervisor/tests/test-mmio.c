// SPDX-License-Identifier: GPL-2.0
/* Host tests of the MMIO region table and dispatch. */
#include <hv/mmio.h>
#include "test.h"

static u64 last_offset;
static int last_id;

static enum mmio_result handler(void *arg, struct mmio_access *acc)
{
	last_id = (int)(long)arg;
	last_offset = acc->addr;
	acc->value = 0x42;
	return MMIO_HANDLED;
}

int main(void)
{
	static struct mmio_table t;
	struct mmio_access acc = { 0 };
	unsigned int i;

	CHECK_EQ(mmio_region_register(&t, 0x080a0000, 0x80000, handler, (void *)2), 0);
	CHECK_EQ(mmio_region_register(&t, 0x08000000, 0x10000, handler, (void *)1), 0);
	CHECK_EQ(mmio_region_register(&t, 0x09000000, 0x1000, handler, (void *)3), 0);
	CHECK_EQ(t.regions[0].start, 0x08000000);
	CHECK_EQ(t.regions[2].start, 0x09000000);
	/* overlaps are refused */
	CHECK_EQ(mmio_region_register(&t, 0x0800f000, 0x2000, handler, NULL), -CV_EBUSY);
	CHECK_EQ(mmio_region_register(&t, 0x07fff000, 0x2000, handler, NULL), -CV_EBUSY);

	acc.addr = 0x080a0104;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_HANDLED);
	CHECK_EQ(last_id, 2);
	CHECK_EQ(last_offset, 0x104);
	acc.addr = 0x0800ffff;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_HANDLED);
	CHECK_EQ(last_id, 1);
	acc.addr = 0x08010000;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);
	acc.addr = 0x7fc00000;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);

	mmio_region_unregister(&t, 0x080a0000);
	CHECK_EQ(t.count, 2);
	acc.addr = 0x080a0104;
	CHECK_EQ(mmio_dispatch(&t, &acc), MMIO_UNHANDLED);
	for (i = t.count; i < MMIO_MAX_REGIONS; i++)
		CHECK_EQ(mmio_region_register(&t, 0x10000000 + i * 0x1000, 0x1000, handler, NULL), 0);
	CHECK_EQ(mmio_region_register(&t, 0x20000000, 0x1000, handler, NULL), -CV_ENOMEM);
	return test_result("mmio");
}
