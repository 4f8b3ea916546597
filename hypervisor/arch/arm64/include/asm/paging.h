/* SPDX-License-Identifier: GPL-2.0 */
/* Translation tables (EL2 stage 1 and per-cell stage 2), 4 KiB granule. */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <hv/types.h>

struct page_pool;

/* Neutral mapping flags, turned into descriptor bits per table kind. */
#define PT_READ			0x01
#define PT_WRITE		0x02
#define PT_EXEC			0x04
#define PT_DEVICE		0x08
#define PT_NO_BLOCKS		0x10	/* force 4 KiB pages */

enum pt_kind {
	PT_STAGE1_EL2,
	PT_STAGE2,
};

struct pt {
	u64 *root;			/* hypervisor virtual address */
	unsigned int start_level;	/* 0 or 1 */
	enum pt_kind kind;
	struct page_pool *pool;
	/* called after entries were removed or changed (TLB maintenance) */
	void (*flush)(struct pt *pt, u64 va, u64 size);
	u64 tables;			/* table pages in use, root included */
};

/* Allocates the root table. Returns 0 or -CV_ENOMEM. */
int pt_init(struct pt *pt, enum pt_kind kind, unsigned int start_level,
	    struct page_pool *pool);
/* Maps [va, va+size) to pa with blocks where alignment allows. */
int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, unsigned int flags);
/* Unmaps [va, va+size), splitting blocks that stick out. */
int pt_unmap(struct pt *pt, u64 va, u64 size);
/* Physical address va maps to, or INVALID_PADDR; *flags gets PT_* if given. */
paddr_t pt_lookup(struct pt *pt, u64 va, unsigned int *flags);
/* Frees every table page, the root included. */
void pt_destroy(struct pt *pt);

/* Maps a device range 1:1 into the EL2 stage-1 tables (setup.c). */
int el2_map_device(paddr_t pa, u64 size);
/*
 * Maps [pa, pa+size) (up to 4 MiB with the offset into the first page)
 * at the calling CPU's window, normal memory, read-write; with @blocks,
 * 2 MiB blocks where aligned. NULL if it does not fit or tables ran out.
 * One mapping per CPU at a time, undone by el2_unmap_window().
 */
void *el2_map_window(paddr_t pa, u64 size, bool blocks);
void el2_unmap_window(paddr_t pa, u64 size);

/* Descriptor helpers, exposed for tests. */
u64 pt_leaf_attrs(enum pt_kind kind, unsigned int flags);
unsigned int pt_leaf_flags(enum pt_kind kind, u64 desc);

#endif /* _ASM_PAGING_H */
