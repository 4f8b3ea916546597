// SPDX-License-Identifier: GPL-2.0
/* Page pool over the hypervisor memory that follows the image. */
#include <hv/lib.h>
#include <hv/pool.h>
#include <hv/spinlock.h>

struct page_pool mem_pool;
u64 hv_virt_offset;

static spinlock_t pool_lock;

int pool_init(struct page_pool *pool, void *base, u64 pages)
{
	if (pages > POOL_MAX_PAGES)
		return -CV_EINVAL;
	pool->base = base;
	pool->pages = pages;
	pool->used = 0;
	memset(pool->bitmap, 0, sizeof(pool->bitmap));
	return 0;
}

void *page_alloc(struct page_pool *pool)
{
	void *page = NULL;
	u64 i;

	spin_lock(&pool_lock);
	for (i = 0; i < pool->pages; i++) {
		if (pool->bitmap[i / 64] == ~0ULL) {
			i += 63;
			continue;
		}
		if (!(pool->bitmap[i / 64] & BIT(i % 64))) {
			pool->bitmap[i / 64] |= BIT(i % 64);
			pool->used++;
			page = pool->base + i * PAGE_SIZE;
			break;
		}
	}
	spin_unlock(&pool_lock);
	if (page)
		memset(page, 0, PAGE_SIZE);
	return page;
}

void page_free(struct page_pool *pool, void *page)
{
	u64 i = (u64)((u8 *)page - pool->base) / PAGE_SIZE;

	if (!page || i >= pool->pages)
		return;
	spin_lock(&pool_lock);
	if (pool->bitmap[i / 64] & BIT(i % 64)) {
		pool->bitmap[i / 64] &= ~BIT(i % 64);
		pool->used--;
	}
	spin_unlock(&pool_lock);
}
