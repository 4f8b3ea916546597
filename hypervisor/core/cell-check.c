// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's check of a new cell's config, on its own copy in EL2
 * memory and before anything changes hands: the shared rules against
 * the system config (common/config-check.c: shape, name, regions, what
 * belongs to the hypervisor and which RAM the root uses), then what only
 * the hypervisor knows: what the root owns now (parked CPUs other than
 * the caller's, its SPIs, memory no other cell holds).
 */
#include <cellvisor/config-check.h>
#include <hv/cell.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/setup.h>

static int refuse(int err, const char *why, u64 arg)
{
	printk("cell config refused: %s 0x%llx\n", why, arg);
	return err;
}

static int check_resources(struct per_cpu *caller, const struct cv_cell_config *c)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(c);
	unsigned int i;

	if (c->cpu_mask & ~root_cell.cpu_mask)
		return refuse(-CV_EBUSY, "CPUs not the root's: mask", c->cpu_mask);
	if (c->cpu_mask & BIT(caller->cpu_id))
		return refuse(-CV_EBUSY, "includes the calling CPU", caller->cpu_id);
	for_each_cpu_in(i, c->cpu_mask)
		if (!per_cpu(i)->parked)
			return refuse(-CV_EBUSY, "CPU still online in the root:", i);
	for (i = CV_FIRST_SPI; i <= CV_LAST_SPI; i++)
		if (cv_irq_owned(c->irq_bitmap, i) && !cell_owns_irq(&root_cell, i))
			return refuse(-CV_EBUSY, "IRQ not the root's:", i);
	for (i = 0; i < c->num_mem_regions; i++)
		if (!(mem[i].flags & CV_MEM_COMM_REGION) &&
		    cell_holding(mem[i].phys_start, mem[i].size, mem[i].flags & CV_MEM_ROOTSHARED))
			return refuse(-CV_EBUSY, "memory already another cell's at",
				      mem[i].phys_start);
	return 0;
}

int cell_config_check(struct per_cpu *caller, const struct cv_cell_config *c, u64 size)
{
	struct cv_check chk = { 0 };

	if (cv_check_cell(&chk, c, size, system_config)) {
		const char *subject = cv_rule_subject(chk.first.rule);

		/* the name may be what is wrong: not printed */
		if (*subject)
			printk("cell config refused: %s (%s %u)\n", cv_rule_text(chk.first.rule),
			       subject, chk.first.index);
		else
			printk("cell config refused: %s\n", cv_rule_text(chk.first.rule));
		return -CV_EINVAL;
	}
	return check_resources(caller, c) ?: ivshmem_cell_check(c);
}
