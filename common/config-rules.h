/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * What the files of the config rules share: config-check.c (the rules'
 * texts, a cell's and the system's own description) and
 * config-check-links.c (links). Private to them; the rules' interface is
 * include/cellvisor/config-check.h.
 */
#ifndef CV_CONFIG_RULES_H
#define CV_CONFIG_RULES_H

#include <cellvisor/config-check.h>

#define PAGE_MASK_LOW		(CV_PAGE_SIZE - 1)
#define BIT64(n)		(1ULL << (n))

/* Reports a broken rule; nonzero if checking goes on. */
int cv_violate(struct cv_check *chk, unsigned int rule, unsigned int index,
	       unsigned int other);

/* Reports a broken rule, and returns 0 from the caller if checking stops there. */
#define VIOLATE(chk, rule, index, other)				\
	do {								\
		if (!cv_violate(chk, rule, index, other))		\
			return 0;					\
	} while (0)

static inline int overlaps(__u64 a, __u64 as, __u64 b, __u64 bs)
{
	return as && bs && a < b + bs && b < a + as;
}

/* All of [a, a+as) inside [b, b+bs). */
static inline int within(__u64 a, __u64 as, __u64 b, __u64 bs)
{
	return a >= b && as <= bs && a - b <= bs - as;
}

static inline const struct cv_mem_region *regions(const struct cv_cell_config *c)
{
	return cv_cell_mem_regions(c);
}

/* The root region holding all of [phys, phys+size), or -1. */
int cv_root_region_holding(const struct cv_cell_config *root, __u64 phys, __u64 size);

/*
 * config-check-links.c. Each returns 0 if checking stops; *sane gets a bit
 * for each link whose addresses can be compared, sane_regions has one for
 * each such region.
 */
int cv_check_links(struct cv_check *chk, const struct cv_cell_config *c, int root,
		   __u64 sane_regions, __u64 *sane);
/* A cell's links on the virtual PCI host, in memory the root set aside. */
int cv_check_links_against_system(struct cv_check *chk, const struct cv_cell_config *c,
				  const struct cv_system_config *sys, __u64 sane_links);
/* The root's links, in its memory, with their register pages and doorbells. */
int cv_check_root_links(struct cv_check *chk, const struct cv_system_config *sys);

#endif
