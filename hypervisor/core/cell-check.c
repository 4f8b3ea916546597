// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own check of a new cell's config, before anything is
 * allocated: well-formed, and asking only for what the root owns now
 * (parked CPUs other than the caller's, the root's SPIs except its
 * doorbells, memory inside one root region and clear of the hypervisor
 * and of other cells).
 */
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/setup.h>

static int refuse(int err, const char *why, u64 arg)
{
	/* the cell's name may lack a NUL: not printed */
	printk("cell config refused: %s 0x%llx\n", why, arg);
	return err;
}

static bool taken_by_other_cell(const struct cv_mem_region *r)
{
	unsigned int id, i;

	for (id = 1; id < CELL_MAX; id++) {
		const struct cv_cell_config *c = cells[id] ? cells[id]->config : NULL;

		for (i = 0; c && i < c->num_mem_regions; i++) {
			const struct cv_mem_region *o = &cv_cell_mem_regions(c)[i];

			if (!(o->flags & CV_MEM_COMM_REGION) &&
			    !((o->flags & r->flags) & CV_MEM_ROOTSHARED) &&
			    ranges_overlap(o->phys_start, o->size, r->phys_start, r->size))
				return true;
		}
	}
	return false;
}

static int check_resources(struct per_cpu *caller, const struct cv_cell_config *c)
{
	unsigned int i;

	if (!c->cpu_mask || (c->cpu_mask & ~root_cell.cpu_mask))
		return refuse(-CV_EBUSY, "CPUs not the root's: mask", c->cpu_mask);
	if (c->cpu_mask & BIT(caller->cpu_id))
		return refuse(-CV_EBUSY, "includes the calling CPU", caller->cpu_id);
	for_each_cpu_in(i, c->cpu_mask)
		if (!per_cpu(i)->parked)
			return refuse(-CV_EBUSY, "CPU still online in the root:", i);
	for (i = 32; i < CV_NUM_IRQS; i++) {
		if (!cv_irq_owned(c->irq_bitmap, i))
			continue;
		if (cv_is_root_doorbell(&system_config->platform, i))
			return refuse(-CV_EINVAL, "IRQ is a root doorbell:", i);
		if (!cell_owns_irq(&root_cell, i))
			return refuse(-CV_EBUSY, "IRQ not the root's:", i);
	}
	return 0;
}

static int check_region(const struct cv_cell_config *c, unsigned int n)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(c), *r = &mem[n];
	unsigned int j;

	if (!r->size || !IS_ALIGNED(r->phys_start | r->virt_start | r->size, PAGE_SIZE) ||
	    r->virt_start + r->size > CONFIG_IPA_LIMIT)
		return refuse(-CV_EINVAL, "bad memory region at", r->phys_start);
	for (j = 0; j < n; j++)
		if (ranges_overlap(r->virt_start, r->size, mem[j].virt_start, mem[j].size))
			return refuse(-CV_EINVAL, "regions overlap at guest address",
				      r->virt_start);
	if (r->flags & CV_MEM_COMM_REGION)
		return r->size == PAGE_SIZE ? 0 : refuse(-CV_EINVAL, "comm region size", r->size);
	if (ranges_overlap(r->phys_start, r->size, system_config->hypervisor.phys_start,
			   system_config->hypervisor.size))
		return refuse(-CV_EINVAL, "memory overlaps the hypervisor at", r->phys_start);
	if (!root_region_of(r->phys_start, r->size))
		return refuse(-CV_EINVAL, "memory not within one root region at", r->phys_start);
	if (taken_by_other_cell(r))
		return refuse(-CV_EBUSY, "memory already another cell's at", r->phys_start);
	return 0;
}

int cell_config_check(struct per_cpu *caller, const struct cv_cell_config *c, u64 size)
{
	unsigned int i;
	int err;

	if (size < sizeof(*c) || memcmp(c->signature, CV_CELL_SIGNATURE, 8) ||
	    c->revision != CV_CONFIG_REVISION || c->num_mem_regions > CV_MAX_MEM_REGIONS ||
	    c->size != size || cv_cell_config_size(c) != size)
		return -CV_EINVAL;
	err = check_resources(caller, c);
	for (i = 0; !err && i < c->num_mem_regions; i++)
		err = check_region(c, i);
	return err;
}
