// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO dispatch: binary search over a cell's sorted region table, then
 * over the region's registers, and the one check of every emulated access
 * (hv/mmio.h).
 */
#include <hv/lib.h>
#include <hv/mmio.h>

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

bool mmio_regs_valid(const struct mmio_reg *regs, unsigned int nregs, u64 span)
{
	u32 prev_end = 0;
	unsigned int i;

	for (i = 0; i < nregs; i++) {
		const struct mmio_reg *r = &regs[i];

		if (!r->handler || !is_pow2(r->width) || r->width > 8 || !is_pow2(r->align) ||
		    r->align > r->width || r->start < prev_end || r->end <= r->start ||
		    r->end > span || !IS_ALIGNED(r->start, r->width) ||
		    !IS_ALIGNED(r->end, r->width))
			return false;
		/* sizes: some of 1, 2, 4, 8 and none wider than the register */
		if (!r->sizes || (r->sizes & ~(2U * r->width - 1) & 0xff))
			return false;
		prev_end = r->end;
	}
	return nregs > 0;
}

int mmio_region_register(struct mmio_table *t, u64 start, u64 size, u64 frame_size,
			 const struct mmio_reg *regs, unsigned int nregs, void *arg)
{
	unsigned int i, pos;

	if (frame_size && (!is_pow2(frame_size) || size % frame_size))
		return -CV_EINVAL;
	if (!mmio_regs_valid(regs, nregs, frame_size ? frame_size : size))
		return -CV_EINVAL;
	if (t->count >= MMIO_MAX_REGIONS)
		return -CV_ENOMEM;
	for (pos = 0; pos < t->count && t->regions[pos].start < start; pos++)
		;
	if (pos > 0 && t->regions[pos - 1].start + t->regions[pos - 1].size > start)
		return -CV_EBUSY;
	if (pos < t->count && start + size > t->regions[pos].start)
		return -CV_EBUSY;
	for (i = t->count; i > pos; i--)
		t->regions[i] = t->regions[i - 1];
	t->regions[pos] = (struct mmio_region){
		.start = start,
		.size = size,
		.frame_mask = frame_size ? frame_size - 1 : ~0ULL,
		.regs = regs,
		.nregs = nregs,
		.arg = arg,
	};
	t->count++;
	return 0;
}

void mmio_region_unregister(struct mmio_table *t, u64 start)
{
	unsigned int i;

	for (i = 0; i < t->count; i++) {
		if (t->regions[i].start != start)
			continue;
		for (; i + 1 < t->count; i++)
			t->regions[i] = t->regions[i + 1];
		t->count--;
		return;
	}
}

static const struct mmio_region *find_region(const struct mmio_table *t, u64 addr)
{
	unsigned int lo = 0, hi = t->count;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct mmio_region *r = &t->regions[mid];

		if (addr < r->start)
			hi = mid;
		else if (addr - r->start >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

static const struct mmio_reg *find_reg(const struct mmio_region *r, u64 off)
{
	unsigned int lo = 0, hi = r->nregs;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct mmio_reg *reg = &r->regs[mid];

		if (off < reg->start)
			hi = mid;
		else if (off >= reg->end)
			lo = mid + 1;
		else
			return reg;
	}
	return NULL;
}

enum mmio_result mmio_dispatch(const struct mmio_table *t, struct mmio_access *acc)
{
	const struct mmio_region *r = find_region(t, acc->addr);
	const struct mmio_reg *reg;
	u64 off, in_frame;

	if (!r)
		return MMIO_UNHANDLED;
	off = acc->addr - r->start;
	in_frame = off & r->frame_mask;
	reg = find_reg(r, in_frame);
	/*
	 * The check (hv/mmio.h): a size the register takes, aligned to the
	 * size and the register's alignment; with the table's rules that
	 * keeps the access inside one register of the region.
	 */
	if (!reg || !(reg->sizes & acc->size) ||
	    (in_frame & ((acc->size - 1) | (reg->align - 1))))
		return MMIO_ERROR;
	acc->addr = off;
	return reg->handler(r->arg, reg, acc);
}

enum mmio_result mmio_raz_wi(void *arg, const struct mmio_reg *reg, struct mmio_access *acc)
{
	(void)arg;
	(void)reg;
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}
