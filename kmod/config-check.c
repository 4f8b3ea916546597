// SPDX-License-Identifier: GPL-2.0
/*
 * The module's checks of the configs it passes on, before anything
 * changes: the shared rules (common/config-check.c, the same the
 * hypervisor applies again on its own copy), then what only Linux knows:
 * which RAM it uses. Also built for the host (tests/layers/), against
 * stand-ins for the few kernel interfaces it uses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include <cellvisor/config-check.h>

#include "config-check.h"

static void cv_print_verdict(const char *what, const struct cv_verdict *v)
{
	const char *subject = cv_rule_subject(v->rule);

	if (*subject)
		pr_err("%s refused: %s (%s %u)\n", what, cv_rule_text(v->rule), subject, v->index);
	else
		pr_err("%s refused: %s\n", what, cv_rule_text(v->rule));
}

static bool cv_linux_ram(u64 start, u64 size)
{
	return region_intersects(start, size, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
	       REGION_DISJOINT;
}

/* Called for each range of Linux's System RAM: inside a root-ram region? */
static int cv_ram_declared(struct resource *res, void *arg)
{
	const struct cv_cell_config *root = arg;
	const struct cv_mem_region *mem = cv_cell_mem_regions(root);
	u64 start = res->start, size = res->end - res->start + 1;
	unsigned int i;

	for (i = 0; i < root->num_mem_regions; i++)
		if ((mem[i].flags & CV_MEM_ROOT_RAM) && start >= mem[i].phys_start &&
		    size <= mem[i].size && start - mem[i].phys_start <= mem[i].size - size)
			return 0;
	pr_err("system config refused: Linux uses RAM at 0x%llx+0x%llx, which no root region flagged root-ram holds\n",
	       start, size);
	return -ERANGE;
}

int cv_check_system_config(const struct cv_system_config *cfg, size_t size)
{
	struct cv_check chk = {};
	u64 hv_phys = cfg->hypervisor.phys_start, hv_size = cfg->hypervisor.size;

	if (cv_check_system(&chk, cfg, size)) {
		cv_print_verdict("system config", &chk.first);
		return -EINVAL;
	}
	if (cv_linux_ram(hv_phys, hv_size)) {
		pr_err("hypervisor memory 0x%llx+0x%llx overlaps Linux RAM (limit Linux with mem= or reserve it)\n",
		       hv_phys, hv_size);
		return -EINVAL;
	}
	/* the hypervisor gives no cell a root-ram region: they must hold all of Linux's */
	if (walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY, 0, -1,
				(void *)&cfg->root_cell, cv_ram_declared) == -ERANGE)
		return -EINVAL;
	return 0;
}

int cv_check_cell_config(const struct cv_system_config *sys, const struct cv_cell_config *cfg,
			 size_t size)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	struct cv_check chk = {};
	unsigned int i;

	if (cv_check_cell(&chk, cfg, size, sys)) {
		cv_print_verdict("cell config", &chk.first);
		return -EINVAL;
	}
	/* any flags, io and root-shared included: Linux's RAM is Linux's */
	for (i = 0; i < cfg->num_mem_regions; i++) {
		if (mem[i].flags & CV_MEM_COMM_REGION)
			continue;
		if (cv_linux_ram(mem[i].phys_start, mem[i].size)) {
			pr_err("cell \"%s\": memory 0x%llx+0x%llx is RAM Linux still uses\n",
			       cfg->name, mem[i].phys_start, mem[i].size);
			return -EBUSY;
		}
	}
	return 0;
}
