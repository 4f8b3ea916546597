// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO dispatch: a cell's sorted region table, the region's register
 * table, and the one check of every emulated access (hv/mmio.h).
 */
#include <hv/lib.h>
#include <hv/mmio.h>

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

bool mmio_regs_valid(const struct mmio_reg *table, unsigned int count, u64 span)
{
	u32 prev_end = 0;
	unsigned int i;

	for (i = 0; i < count; i++) {
		const struct mmio_reg *r = &table[i];

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
	return count > 0 && count < 256;	/* the index holds u8 */
}

int mmio_regs_prepare(struct mmio_regs *regs, u64 span)
{
	unsigned int g, i = 0;

	if (!mmio_regs_valid(regs->table, regs->count, span))
		return -CV_EINVAL;
	for (g = 0; regs->index_shift && g < span >> regs->index_shift; g++) {
		while (i < regs->count && regs->table[i].end <= (u64)g << regs->index_shift)
			i++;
		regs->index[g] = (u8)i;
	}
	regs->span = span;
	return 0;
}

/* Writers of a table: one at a time, seq odd while the table changes. */
static void update_begin(struct mmio_table *t)
{
	spin_lock(&t->lock);
	__atomic_store_n(&t->seq, t->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void update_end(struct mmio_table *t)
{
	__atomic_store_n(&t->seq, t->seq + 1, __ATOMIC_RELEASE);
	spin_unlock(&t->lock);
}

static int insert(struct mmio_table *t, const struct mmio_region *new)
{
	unsigned int i, pos;

	if (t->count >= MMIO_MAX_REGIONS)
		return -CV_ENOMEM;
	for (pos = 0; pos < t->count && t->regions[pos].start < new->start; pos++)
		;
	if (pos > 0 && t->regions[pos - 1].start + t->regions[pos - 1].size > new->start)
		return -CV_EBUSY;
	if (pos < t->count && new->start + new->size > t->regions[pos].start)
		return -CV_EBUSY;
	for (i = t->count; i > pos; i--)
		t->regions[i] = t->regions[i - 1];
	t->regions[pos] = *new;
	t->count++;
	return 0;
}

int mmio_region_register(struct mmio_table *t, u64 start, u64 size, u64 frame_size,
			 const struct mmio_regs *regs, void *arg)
{
	u64 span = frame_size ? frame_size : size;
	struct mmio_region r = {
		.start = start,
		.size = size,
		.frame_mask = frame_size ? frame_size - 1 : ~0ULL,
		.regs = regs,
		.arg = arg,
	};
	int err;

	if (frame_size && (!is_pow2(frame_size) || size % frame_size))
		return -CV_EINVAL;
	if (regs->span != span)
		return -CV_EINVAL;
	update_begin(t);
	err = insert(t, &r);
	update_end(t);
	return err;
}

void mmio_region_unregister(struct mmio_table *t, u64 start)
{
	unsigned int i;

	update_begin(t);
	for (i = 0; i < t->count; i++) {
		if (t->regions[i].start != start)
			continue;
		for (; i + 1 < t->count; i++)
			t->regions[i] = t->regions[i + 1];
		t->count--;
		break;
	}
	update_end(t);
}

/* The region holding @addr, copied, and the offset into it; false if none. */
static bool lookup(const struct mmio_table *t, u64 addr, struct mmio_region *ret, u64 *off)
{
	const struct mmio_region *r = t->regions;
	unsigned int i, n = MIN(t->count, MMIO_MAX_REGIONS);

	for (i = 0; i < n && addr >= r[i].start; i++) {
		if (addr - r[i].start < r[i].size) {
			*ret = r[i];
			*off = addr - r[i].start;
			return true;
		}
	}
	return false;
}

/*
 * A cell has a few regions, the GIC's first, and a large register table
 * has an index: scans, not searches, are the short way here. A cell's
 * table may change while its other CPUs dispatch (a guest moves a PCI
 * BAR): the region is copied out under the sequence count, and looked up
 * again if a writer was at work.
 */
enum mmio_result mmio_dispatch(const struct mmio_table *t, struct mmio_access *acc)
{
	struct mmio_region r;
	bool found;
	u64 off;
	u32 seq;

	do {
		seq = __atomic_load_n(&t->seq, __ATOMIC_ACQUIRE);
		found = !(seq & 1) && lookup(t, acc->addr, &r, &off);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || __atomic_load_n(&t->seq, __ATOMIC_RELAXED) != seq);
	if (!found)
		return MMIO_UNHANDLED;
	return mmio_regs_dispatch(r.regs, r.arg, off, r.frame_mask, acc);
}

enum mmio_result mmio_raz_wi(void *arg, const struct mmio_reg *reg, struct mmio_access *acc)
{
	(void)arg;
	(void)reg;
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}
