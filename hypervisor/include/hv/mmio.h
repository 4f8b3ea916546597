/* SPDX-License-Identifier: GPL-2.0 */
/* Trapped MMIO: a sorted per-cell table of emulated regions. */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

/* An access decoded by the arch from the trap syndrome. */
struct mmio_access {
	u64 addr;		/* guest physical; region-relative in handlers */
	u64 value;		/* written value, or read result */
	unsigned int size;	/* 1, 2, 4 or 8 bytes */
	bool is_write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED,		/* no region: illegal access */
	MMIO_ERROR,		/* region refused the access */
};

typedef enum mmio_result (*mmio_handler_t)(void *arg, struct mmio_access *acc);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

#define MMIO_MAX_REGIONS	16

struct mmio_table {
	unsigned int count;
	struct mmio_region regions[MMIO_MAX_REGIONS];
};

/* Inserts a region (sorted); -CV_ENOMEM when full, -CV_EBUSY on overlap. */
int mmio_region_register(struct mmio_table *t, u64 start, u64 size,
			 mmio_handler_t handler, void *arg);
void mmio_region_unregister(struct mmio_table *t, u64 start);
/* Finds the region for acc->addr and calls it with a relative address. */
enum mmio_result mmio_dispatch(const struct mmio_table *t, struct mmio_access *acc);

/* Plain device register access at EL2 (physical device mapped 1:1). */
static inline void mmio_perform(volatile void *reg, struct mmio_access *acc)
{
	switch (acc->size) {
	case 1:
		if (acc->is_write)
			*(volatile u8 *)reg = (u8)acc->value;
		else
			acc->value = *(volatile u8 *)reg;
		break;
	case 2:
		if (acc->is_write)
			*(volatile u16 *)reg = (u16)acc->value;
		else
			acc->value = *(volatile u16 *)reg;
		break;
	case 4:
		if (acc->is_write)
			*(volatile u32 *)reg = (u32)acc->value;
		else
			acc->value = *(volatile u32 *)reg;
		break;
	default:
		if (acc->is_write)
			*(volatile u64 *)reg = acc->value;
		else
			acc->value = *(volatile u64 *)reg;
		break;
	}
}

#endif /* _HV_MMIO_H */
