/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 32-bit accesses to a cell's vUART as its driver makes them, through the
 * real MMIO dispatcher; the access itself must be handled (what it does is
 * for the caller to check).
 */
#ifndef TEST_VUART_ACCESS_H
#define TEST_VUART_ACCESS_H

#include <hv/cell.h>
#include <hv/mmio.h>

#include "tap.h"

static inline u32 vuart_read(struct cell *cell, u64 addr)
{
	struct mmio_access acc = { .addr = addr, .size = 4 };

	REQUIRE_EQ(mmio_dispatch(&cell->mmio, &acc), MMIO_HANDLED);
	return (u32)acc.value;
}

static inline void vuart_write(struct cell *cell, u64 addr, u32 val)
{
	struct mmio_access acc = { .addr = addr, .size = 4, .value = val, .is_write = true };

	REQUIRE_EQ(mmio_dispatch(&cell->mmio, &acc), MMIO_HANDLED);
}

#endif /* TEST_VUART_ACCESS_H */
