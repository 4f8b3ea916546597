// SPDX-License-Identifier: GPL-2.0
/* System config validation; pure logic, unit-tested on the host. */
#include <hv/config.h>
#include <hv/lib.h>

#define HV_MEM_ALIGN		(2ULL << 20)
#define HV_MEM_MAX		(64ULL << 20)

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -CV_EINVAL;
}

static int check_region(const struct cv_mem_region *r, const char **why)
{
	if (!r->size)
		return fail(why, "memory region of size 0");
	if (!IS_ALIGNED(r->phys_start | r->virt_start | r->size, PAGE_SIZE))
		return fail(why, "memory region not 4 KiB aligned");
	if (r->phys_start + r->size < r->phys_start ||
	    r->virt_start + r->size < r->virt_start)
		return fail(why, "memory region wraps around");
	if (r->virt_start + r->size > CONFIG_IPA_LIMIT)
		return fail(why, "memory region above the 39-bit IPA limit");
	return 0;
}

static int check_root_regions(const struct cv_system_config *sys, const char **why)
{
	const struct cv_cell_config *root = &sys->root_cell;
	const struct cv_mem_region *mem = cv_cell_mem_regions(root);
	const struct cv_platform *p = &sys->platform;
	u64 gicr_size = p->gicr_stride * p->num_cpus;
	unsigned int i, j;
	int err;

	for (i = 0; i < root->num_mem_regions; i++) {
		err = check_region(&mem[i], why);
		if (err)
			return err;
		if (mem[i].phys_start != mem[i].virt_start)
			return fail(why, "root cell region is not an identity mapping");
		if (mem[i].flags & CV_MEM_COMM_REGION)
			return fail(why, "root cell cannot have a comm region");
		if (ranges_overlap(mem[i].phys_start, mem[i].size,
				   sys->hypervisor.phys_start, sys->hypervisor.size))
			return fail(why, "root cell region overlaps hypervisor memory");
		if (ranges_overlap(mem[i].phys_start, mem[i].size, p->gicd_base, 0x10000) ||
		    ranges_overlap(mem[i].phys_start, mem[i].size, p->gicr_base, gicr_size))
			return fail(why, "root cell region covers the GIC distributor or redistributors");
		for (j = 0; j < i; j++)
			if (ranges_overlap(mem[i].phys_start, mem[i].size,
					   mem[j].phys_start, mem[j].size))
				return fail(why, "root cell regions overlap");
	}
	return 0;
}

static int check_platform(const struct cv_system_config *sys, const char **why)
{
	const struct cv_platform *p = &sys->platform;
	u64 cpus = sys->root_cell.cpu_mask;
	unsigned int i;

	if (p->gic_version != CV_GIC_V3)
		return fail(why, "only GICv3 is supported");
	if (p->maintenance_irq < 16 || p->maintenance_irq > 31)
		return fail(why, "maintenance IRQ must be a PPI (16..31)");
	if (!p->num_cpus || p->num_cpus > CV_MAX_CPUS)
		return fail(why, "platform CPU count out of range");
	if (!IS_ALIGNED(p->gicd_base | p->gicr_base, 0x10000) || !p->gicd_base ||
	    !p->gicr_base || p->gicr_stride < 0x20000 || !IS_ALIGNED(p->gicr_stride, 0x10000))
		return fail(why, "GIC distributor/redistributor base or stride invalid");
	if (p->root_doorbell_count > CV_MAX_ROOT_DOORBELLS)
		return fail(why, "too many root doorbells");
	for (i = 0; i < p->root_doorbell_count; i++)
		if (p->root_doorbell_base + i < 32 || p->root_doorbell_base + i > 1019 ||
		    !cv_irq_owned(sys->root_cell.irq_bitmap, p->root_doorbell_base + i))
			return fail(why, "root doorbells must be SPIs of the root cell");
	if (!cpus)
		return fail(why, "root cell has no CPUs");
	if (p->num_cpus < 64 && (cpus >> p->num_cpus))
		return fail(why, "root cell CPU beyond the platform's CPU count");
	return 0;
}

int config_check_system(const struct cv_system_config *sys, u64 size,
			const char **why)
{
	const struct cv_cell_config *root = &sys->root_cell;
	const struct cv_mem_region *hv = &sys->hypervisor;
	int err;

	if (size < sizeof(*sys))
		return fail(why, "system config truncated");
	if (memcmp(sys->signature, CV_SYSTEM_SIGNATURE, sizeof(sys->signature)))
		return fail(why, "bad system config signature");
	if (sys->revision != CV_CONFIG_REVISION)
		return fail(why, "system config revision mismatch");
	if (memcmp(root->signature, CV_CELL_SIGNATURE, sizeof(root->signature)) ||
	    root->revision != CV_CONFIG_REVISION)
		return fail(why, "bad root cell signature or revision");
	if (root->num_mem_regions > CV_MAX_MEM_REGIONS)
		return fail(why, "too many root cell memory regions");
	if (sys->size != size ||
	    offsetof(struct cv_system_config, root_cell) + cv_cell_config_size(root) != size)
		return fail(why, "system config size does not match its contents");
	if (root->size != cv_cell_config_size(root))
		return fail(why, "root cell size does not match its regions");
	if (!hv->size || !IS_ALIGNED(hv->phys_start | hv->size, HV_MEM_ALIGN) ||
	    hv->size > HV_MEM_MAX)
		return fail(why, "hypervisor memory must be 2 MiB aligned, 2..64 MiB");
	err = check_platform(sys, why);
	if (err)
		return err;
	return check_root_regions(sys, why);
}
