// SPDX-License-Identifier: GPL-2.0
/*
 * VMSAv8-64 translation tables with a 4 KiB granule, for the EL2 stage-1
 * regime and for stage 2. Pure logic: also built on the host for tests.
 */
#include <hv/lib.h>
#include <asm/paging.h>
#include <hv/pool.h>

#define DESC_VALID		BIT(0)
#define DESC_TABLE		BIT(1)	/* table at levels 0-2, page at level 3 */
#define DESC_AF			BIT(10)
#define DESC_SH_INNER		(3ULL << 8)
#define DESC_ADDR_MASK		0x0000fffffffff000ULL
#define DESC_XN			BIT(54)

/* Stage 1 (EL2): AttrIndx into MAIR_EL2, AP[2] = read-only. */
#define S1_ATTR_NORMAL		(0ULL << 2)
#define S1_ATTR_DEVICE		(1ULL << 2)
#define S1_AP_RO		BIT(7)
/* Stage 2: MemAttr and S2AP (Arm ARM D8.5.5). */
#define S2_MEMATTR_NORMAL_WB	(0xfULL << 2)
#define S2_MEMATTR_DEVICE	(0x1ULL << 2)
#define S2_MEMATTR_MASK		(0xfULL << 2)
#define S2AP_READ		BIT(6)
#define S2AP_WRITE		BIT(7)

#define ENTRIES			512

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * (3 - level);
}

static unsigned int index_of(u64 va, unsigned int level)
{
	return (va >> level_shift(level)) & (ENTRIES - 1);
}

u64 pt_leaf_attrs(enum pt_kind kind, unsigned int flags)
{
	u64 d = DESC_AF;

	if (kind == PT_STAGE1_EL2) {
		d |= (flags & PT_DEVICE) ? S1_ATTR_DEVICE : S1_ATTR_NORMAL | DESC_SH_INNER;
		if (!(flags & PT_WRITE))
			d |= S1_AP_RO;
		if (!(flags & PT_EXEC) || (flags & PT_DEVICE))
			d |= DESC_XN;
		return d;
	}
	d |= (flags & PT_DEVICE) ? S2_MEMATTR_DEVICE : S2_MEMATTR_NORMAL_WB | DESC_SH_INNER;
	if (flags & PT_READ)
		d |= S2AP_READ;
	if (flags & PT_WRITE)
		d |= S2AP_WRITE;
	return d;
}

unsigned int pt_leaf_flags(enum pt_kind kind, u64 desc)
{
	unsigned int f = 0;

	if (kind == PT_STAGE1_EL2) {
		f |= PT_READ;
		if (!(desc & S1_AP_RO))
			f |= PT_WRITE;
		if (!(desc & DESC_XN))
			f |= PT_EXEC;
		if ((desc & (7ULL << 2)) == S1_ATTR_DEVICE)
			f |= PT_DEVICE;
		return f;
	}
	if (desc & S2AP_READ)
		f |= PT_READ;
	if (desc & S2AP_WRITE)
		f |= PT_WRITE;
	if ((desc & S2_MEMATTR_MASK) == S2_MEMATTR_DEVICE)
		f |= PT_DEVICE;
	else
		f |= PT_EXEC;
	return f;
}

static bool is_table(u64 desc, unsigned int level)
{
	return level < 3 && (desc & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE);
}

static u64 *table_of(u64 desc)
{
	return phys_to_virt(desc & DESC_ADDR_MASK);
}

static u64 *alloc_table(struct pt *pt)
{
	u64 *t = page_alloc(pt->pool);

	if (t)
		pt->tables++;
	return t;
}

static void free_table(struct pt *pt, u64 *t)
{
	page_free(pt->pool, t);
	pt->tables--;
}

static void flush(struct pt *pt, u64 va, u64 size)
{
	if (pt->flush)
		pt->flush(pt, va, size);
}

int pt_init(struct pt *pt, enum pt_kind kind, unsigned int start_level,
	    struct page_pool *pool)
{
	pt->kind = kind;
	pt->start_level = start_level;
	pt->pool = pool;
	pt->tables = 0;
	pt->flush = NULL;
	pt->root = alloc_table(pt);
	return pt->root ? 0 : -CV_ENOMEM;
}

/* Replaces a block by a table of the next level with the same mapping. */
static int split_block(struct pt *pt, u64 *entry, unsigned int level, u64 va)
{
	u64 old = *entry, step = 1ULL << level_shift(level + 1);
	u64 attrs = old & ~DESC_ADDR_MASK & ~(DESC_VALID | DESC_TABLE);
	paddr_t pa = old & DESC_ADDR_MASK;
	u64 *t = alloc_table(pt);
	unsigned int i;

	if (!t)
		return -CV_ENOMEM;
	for (i = 0; i < ENTRIES; i++)
		t[i] = (pa + i * step) | attrs | DESC_VALID |
		       (level + 1 == 3 ? DESC_TABLE : 0);
	/* break-before-make (Arm ARM D8.14.1) */
	WRITE_ONCE(*entry, 0);
	flush(pt, va & ~((1ULL << level_shift(level)) - 1), 1ULL << level_shift(level));
	WRITE_ONCE(*entry, virt_to_phys(t) | DESC_VALID | DESC_TABLE);
	return 0;
}

static bool block_allowed(struct pt *pt, unsigned int level, u64 va, paddr_t pa,
			  u64 size, unsigned int flags)
{
	u64 bsize = 1ULL << level_shift(level);

	if (level == 3)
		return true;
	if (level == 0 || (flags & PT_NO_BLOCKS))
		return false;
	(void)pt;
	return IS_ALIGNED(va, bsize) && IS_ALIGNED(pa, bsize) && size >= bsize;
}

/*
 * Puts a block back at @entry (a table at @level) when the table of level
 * + 1 under it maps the block's whole range contiguously with one set of
 * attributes: what a split made, once what was cut out came back. The
 * table page returns to the pool, so a root that lent memory to a cell
 * gets its blocks back when the cell is destroyed. Only stage 2 merges:
 * the EL2 windows are unmapped again right after use, and an unmap that
 * must split a block needs a page.
 */
static void merge_table(struct pt *pt, u64 *entry, unsigned int level, u64 va)
{
	u64 bsize = 1ULL << level_shift(level), step = 1ULL << level_shift(level + 1);
	u64 *t = table_of(*entry), first = t[0];
	unsigned int i;

	if (pt->kind != PT_STAGE2 || level == 0 || is_table(first, level + 1) ||
	    !(first & DESC_VALID) || !IS_ALIGNED(first & DESC_ADDR_MASK, bsize))
		return;
	for (i = 1; i < ENTRIES; i++)
		if (t[i] != first + i * step)
			return;
	/* break-before-make, as in split_block() */
	WRITE_ONCE(*entry, 0);
	flush(pt, va & ~(bsize - 1), bsize);
	WRITE_ONCE(*entry, first & ~DESC_TABLE);
	free_table(pt, t);
}

static int map_level(struct pt *pt, u64 *table, unsigned int level, u64 va,
		     paddr_t pa, u64 size, unsigned int flags)
{
	while (size) {
		u64 bsize = 1ULL << level_shift(level);
		u64 chunk = MIN(size, bsize - (va & (bsize - 1)));
		u64 *e = &table[index_of(va, level)];
		int err;

		if (block_allowed(pt, level, va, pa, chunk, flags)) {
			if (*e & DESC_VALID) {
				if (is_table(*e, level))
					return -CV_EBUSY;
				if ((*e & DESC_ADDR_MASK) != pa)
					return -CV_EBUSY;
			}
			*e = pa | pt_leaf_attrs(pt->kind, flags) | DESC_VALID |
			     (level == 3 ? DESC_TABLE : 0);
		} else {
			if (!(*e & DESC_VALID)) {
				u64 *t = alloc_table(pt);

				if (!t)
					return -CV_ENOMEM;
				WRITE_ONCE(*e, virt_to_phys(t) | DESC_VALID | DESC_TABLE);
			} else if (!is_table(*e, level)) {
				err = split_block(pt, e, level, va);
				if (err)
					return err;
			}
			err = map_level(pt, table_of(*e), level + 1, va, pa, chunk, flags);
			if (err)
				return err;
			if (!(flags & PT_NO_BLOCKS))
				merge_table(pt, e, level, va);
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, unsigned int flags)
{
	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || !size)
		return -CV_EINVAL;
	return map_level(pt, pt->root, pt->start_level, va, pa, size, flags);
}

static bool table_empty(const u64 *t)
{
	unsigned int i;

	for (i = 0; i < ENTRIES; i++)
		if (t[i] & DESC_VALID)
			return false;
	return true;
}

static int unmap_level(struct pt *pt, u64 *table, unsigned int level, u64 va, u64 size)
{
	while (size) {
		u64 bsize = 1ULL << level_shift(level);
		u64 chunk = MIN(size, bsize - (va & (bsize - 1)));
		u64 *e = &table[index_of(va, level)];
		int err;

		if (!(*e & DESC_VALID))
			goto next;
		if (!is_table(*e, level)) {
			if (chunk == bsize) {
				WRITE_ONCE(*e, 0);
				goto next;
			}
			err = split_block(pt, e, level, va);
			if (err)
				return err;
		}
		err = unmap_level(pt, table_of(*e), level + 1, va, chunk);
		if (err)
			return err;
		if (table_empty(table_of(*e))) {
			u64 *t = table_of(*e);

			WRITE_ONCE(*e, 0);
			flush(pt, va & ~(bsize - 1), bsize);
			free_table(pt, t);
		}
next:
		va += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_unmap(struct pt *pt, u64 va, u64 size)
{
	int err;

	if (!IS_ALIGNED(va | size, PAGE_SIZE))
		return -CV_EINVAL;
	err = unmap_level(pt, pt->root, pt->start_level, va, size);
	flush(pt, va, size);
	return err;
}

paddr_t pt_lookup(struct pt *pt, u64 va, unsigned int *flags)
{
	u64 *table = pt->root;
	unsigned int level;

	for (level = pt->start_level; level <= 3; level++) {
		u64 e = table[index_of(va, level)];
		u64 off_mask = (1ULL << level_shift(level)) - 1;

		if (!(e & DESC_VALID))
			return INVALID_PADDR;
		if (!is_table(e, level)) {
			if (flags)
				*flags = pt_leaf_flags(pt->kind, e);
			return (e & DESC_ADDR_MASK & ~off_mask) | (va & off_mask);
		}
		table = table_of(e);
	}
	return INVALID_PADDR;
}

static void destroy_level(struct pt *pt, u64 *table, unsigned int level)
{
	unsigned int i;

	for (i = 0; i < ENTRIES && level < 3; i++)
		if (is_table(table[i], level))
			destroy_level(pt, table_of(table[i]), level + 1);
	free_table(pt, table);
}

void pt_destroy(struct pt *pt)
{
	if (!pt->root)
		return;
	destroy_level(pt, pt->root, pt->start_level);
	pt->root = NULL;
}
