/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Telling the gap of a break-before-make from a real stage-2 fault.
 *
 * A cell keeps running while its stage 2 changes (the root, while cells
 * come and go): a split or merge of a block takes its entry away for a
 * moment, and a CPU whose walk falls in that gap takes a stage-2 fault on
 * memory it owns. Each stage 2 counts its changes: the count is odd while
 * one is under way and goes up by 2 with each. A CPU retries a fault that
 * no emulated device claims while a change is under way, and once after
 * each change it has not seen yet; a second fault with no change between
 * is the cell's own. Changes of one stage 2 must be serialised by their
 * callers; a change that begins while another is under way says so (the
 * count moves atomically, so two at once are told apart). Pure logic, so
 * the host tests run it against paging.c.
 */
#ifndef _ASM_STAGE2_CHANGES_H
#define _ASM_STAGE2_CHANGES_H

#include <asm/barrier.h>
#include <hv/types.h>

struct s2_changes {
	unsigned long count;	/* odd while the tables change, +2 per change */
};

/* One CPU's last retry: of which tables, at which count. */
struct s2_retry {
	const struct s2_changes *tables;
	unsigned long count;
};

/* False if another change of these tables was under way: its callers are not serialised. */
static inline bool s2_change_begin(struct s2_changes *c)
{
	unsigned long was = __atomic_fetch_add(&c->count, 1, __ATOMIC_RELAXED);

	dsb(ish);	/* odd before any entry goes */
	return !(was & 1);
}

static inline void s2_change_end(struct s2_changes *c)
{
	dsb(ish);	/* every entry back before the count says so */
	__atomic_fetch_add(&c->count, 1, __ATOMIC_RELAXED);
}

/* A fault no emulated device claims, in tables @c: true to try the access again. */
static inline bool s2_fault_retry(const struct s2_changes *c, struct s2_retry *r)
{
	unsigned long count;

	dsb(ish);	/* the count as it is now, after the walk that faulted */
	count = __atomic_load_n(&c->count, __ATOMIC_RELAXED);
	if (count & 1)
		return true;
	if (r->tables == c && r->count == count)
		return false;
	r->tables = c;
	r->count = count;
	return true;
}

#endif /* _ASM_STAGE2_CHANGES_H */
