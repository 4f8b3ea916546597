/* SPDX-License-Identifier: GPL-2.0 */
/* Page pool: the hypervisor's only allocator, 4 KiB pages with a bitmap. */
#ifndef _HV_POOL_H
#define _HV_POOL_H

#include <hv/types.h>

#define POOL_MAX_PAGES		16384	/* 64 MiB of hypervisor memory */

struct page_pool {
	u8 *base;
	u64 pages;
	u64 used;
	u64 bitmap[POOL_MAX_PAGES / 64];
};

extern struct page_pool mem_pool;

/* Link-address minus physical address of the hypervisor image. */
extern u64 hv_virt_offset;

static inline paddr_t virt_to_phys(const void *p)
{
	return (paddr_t)(unsigned long)p - hv_virt_offset;
}

static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(unsigned long)(pa + hv_virt_offset);
}

/* Sets up pool over [base, base + pages * PAGE_SIZE); returns -CV_EINVAL if too big. */
int pool_init(struct page_pool *pool, void *base, u64 pages);
/* Zeroed page or NULL; caller holds no lock (the pool has its own). */
void *page_alloc(struct page_pool *pool);
void page_free(struct page_pool *pool, void *page);

#endif /* _HV_POOL_H */
