// SPDX-License-Identifier: GPL-2.0
/*
 * Memory handed between the root and a cell: at create a cell's regions
 * leave the root's stage 2 (root-shared and comm regions aside) and enter
 * the cell's, the comm region backed by the cell's comm page; while the
 * cell is shut down its loadable regions are the root's again; at destroy
 * everything returns, identity-mapped with the root's own flags.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/pool.h>

/* Gives a cell region's memory back to the root (identity, root's flags). */
static void root_map(const struct cv_mem_region *r)
{
	const struct cv_mem_region *rr = root_region_of(r->phys_start, r->size);
	struct cv_mem_region m;

	if (!rr || (r->flags & CV_MEM_COMM_REGION))
		return;
	m = *rr;
	m.phys_start = m.virt_start = r->phys_start;
	m.size = r->size;
	arch_map_region(&root_cell, &m);
}

/*
 * Takes a cell region's memory from the root. It can fail: cutting it out
 * of a block of the root's needs a table page (-CV_ENOMEM).
 */
static int root_unmap(const struct cv_mem_region *r)
{
	struct cv_mem_region m = *r;

	if (r->flags & (CV_MEM_COMM_REGION | CV_MEM_ROOTSHARED))
		return 0;
	m.virt_start = m.phys_start;
	return arch_unmap_region(&root_cell, &m);
}

/*
 * Takes the @n regions of @mem from the root (with @only, those that have
 * one of these flags), all or none: on failure what was taken goes back.
 */
static int root_unmap_all(const struct cv_mem_region *mem, unsigned int n, u32 only)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < n && !err; i++)
		if (!only || (mem[i].flags & only))
			err = root_unmap(&mem[i]);
	if (err)
		while (i--)
			if (!only || (mem[i].flags & only))
				root_map(&mem[i]);
	return err;
}

int cell_map_memory(struct cell *cell)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;
	int err;

	for (i = 0; i < cell->config->num_mem_regions; i++) {
		struct cv_mem_region m = mem[i];

		if (m.flags & CV_MEM_COMM_REGION)
			m.phys_start = virt_to_phys(cell->comm);
		err = arch_map_region(cell, &m);
		if (err)
			return err;
	}
	return 0;
}

int cell_take_memory(struct cell *cell)
{
	int err = root_unmap_all(cv_cell_mem_regions(cell->config),
				 cell->config->num_mem_regions, 0);

	if (!err)
		cell->loadable = false;
	return err;
}

int cell_set_loadable(struct cell *cell, bool loadable)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i, n = cell->config->num_mem_regions;
	int err = 0;

	if (cell->loadable == loadable)
		return 0;
	if (loadable)
		for (i = 0; i < n; i++)
			if (mem[i].flags & CV_MEM_LOADABLE)
				root_map(&mem[i]);
	if (!loadable)
		err = root_unmap_all(mem, n, CV_MEM_LOADABLE);
	if (!err)
		cell->loadable = loadable;
	return err;
}

void cell_return_memory(struct cell *cell)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;

	cell->loadable = true;	/* every region goes back, loadable or not */
	for (i = 0; i < cell->config->num_mem_regions; i++)
		if (!(mem[i].flags & CV_MEM_ROOTSHARED))
			root_map(&mem[i]);
}

struct cell *cell_holding(paddr_t pa, u64 size, bool skip_shared)
{
	unsigned int id, i;

	for (id = 1; id < CV_MAX_CELLS; id++) {
		const struct cv_cell_config *c = cells[id] ? cells[id]->config : NULL;

		for (i = 0; c && i < c->num_mem_regions; i++) {
			const struct cv_mem_region *o = &cv_cell_mem_regions(c)[i];

			if (o->flags & CV_MEM_COMM_REGION)
				continue;
			if (skip_shared && (o->flags & CV_MEM_ROOTSHARED))
				continue;
			if (ranges_overlap(o->phys_start, o->size, pa, size))
				return cells[id];
		}
	}
	return NULL;
}

int cell_scrub_memory(struct cell *cell)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;
	int err = 0;

	for (i = 0; i < cell->config->num_mem_regions; i++) {
		const struct cv_mem_region *rr = root_region_of(mem[i].phys_start, mem[i].size);

		/*
		 * By the root's flags, not the cell's: RAM a cell maps as io is
		 * RAM all the same, and a device's registers are not memory.
		 */
		if (!err && rr && !(rr->flags & CV_MEM_IO) &&
		    !(mem[i].flags & (CV_MEM_COMM_REGION | CV_MEM_ROOTSHARED)))
			err = arch_scrub(mem[i].phys_start, mem[i].size);
	}
	return err;
}
