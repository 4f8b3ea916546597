// SPDX-License-Identifier: GPL-2.0
/* MMIO dispatch: binary search over a cell's sorted region table. */
#include <hv/lib.h>
#include <hv/mmio.h>

int mmio_region_register(struct mmio_table *t, u64 start, u64 size,
			 mmio_handler_t handler, void *arg)
{
	unsigned int i, pos;

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
	t->regions[pos] = (struct mmio_region){ start, size, handler, arg };
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

enum mmio_result mmio_dispatch(const struct mmio_table *t, struct mmio_access *acc)
{
	unsigned int lo = 0, hi = t->count;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct mmio_region *r = &t->regions[mid];

		if (acc->addr < r->start) {
			hi = mid;
		} else if (acc->addr - r->start >= r->size) {
			lo = mid + 1;
		} else {
			acc->addr -= r->start;
			return r->handler(r->arg, acc);
		}
	}
	return MMIO_UNHANDLED;
}
