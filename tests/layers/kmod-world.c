// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel around the module's config checks, for the host: Linux's
 * System RAM is the list the test sets (what a system config's root-ram
 * regions declare); pr_err keeps the last line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <linux/ioport.h>
#include "layers.h"

#define MAX_RAM		64

static struct resource ram[MAX_RAM];
static unsigned int n_ram;
char layers_kmod_said[256];

void layers_kmod_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(layers_kmod_said, sizeof(layers_kmod_said), fmt, ap);
	va_end(ap);
}

void layers_linux_ram(const struct cv_system_config *sys)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(&sys->root_cell);

	n_ram = 0;
	for (unsigned int i = 0; i < sys->root_cell.num_mem_regions && n_ram < MAX_RAM; i++)
		if (mem[i].flags & CV_MEM_ROOT_RAM)
			ram[n_ram++] = (struct resource){ mem[i].phys_start,
							  mem[i].phys_start + mem[i].size - 1 };
}

int region_intersects(u64 start, size_t size, unsigned long flags, unsigned long desc)
{
	(void)flags;
	(void)desc;
	for (unsigned int i = 0; i < n_ram; i++)
		if (start <= ram[i].end && ram[i].start <= start + size - 1)
			return REGION_INTERSECTS;
	return REGION_DISJOINT;
}

int walk_iomem_res_desc(unsigned long desc, unsigned long flags, u64 start, u64 end,
			void *arg, int (*func)(struct resource *, void *))
{
	int ret = -EINVAL;

	(void)desc;
	(void)flags;
	for (unsigned int i = 0; i < n_ram; i++) {
		if (ram[i].end < start || ram[i].start > end)
			continue;
		ret = func(&ram[i], arg);
		if (ret)
			break;
	}
	return ret;
}
