// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell (Linux): built from the system config at enable; which of
 * its regions holds a range of physical memory; the memory it names in
 * hypercalls, which must be RAM it owns now and is read or written once,
 * through a copy in the hypervisor; and its doorbells.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/printk.h>
#include <hv/setup.h>

struct cell root_cell;

int cell_root_init(const struct cv_system_config *sys)
{
	const struct cv_cell_config *cfg = &sys->root_cell;
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	unsigned int i;
	int err;

	root_cell.id = 0;
	root_cell.config = cfg;
	root_cell.cpu_mask = cfg->cpu_mask;
	memcpy(root_cell.irq_bitmap, cfg->irq_bitmap, sizeof(root_cell.irq_bitmap));
	root_cell.irq_bitmap[0] = CELL_PER_CPU_IRQS;

	err = arch_cell_create(&root_cell);
	if (err)
		return err;
	for (i = 0; i < cfg->num_mem_regions; i++) {
		err = arch_map_region(&root_cell, &mem[i]);
		if (err) {
			pr_err("cannot map root region 0x%llx: %d\n", mem[i].phys_start, err);
			return err;
		}
	}
	err = arch_cell_irqchip_init(&root_cell);
	if (!err)
		err = ivshmem_root_init();
	return err;
}

const struct cv_mem_region *root_region_of(paddr_t pa, u64 size)
{
	const struct cv_cell_config *cfg = root_cell.config;
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	unsigned int i;

	for (i = 0; i < cfg->num_mem_regions; i++)
		if (pa >= mem[i].phys_start && size <= mem[i].size &&
		    pa - mem[i].phys_start <= mem[i].size - size)
			return &mem[i];
	return NULL;
}

bool root_owns_ram(paddr_t pa, u64 size)
{
	const struct cv_mem_region *r = root_region_of(pa, size);
	const u64 rw = CV_MEM_READ | CV_MEM_WRITE;

	/* not a byte of a cell's, shared or loadable regions included */
	return r && !(r->flags & CV_MEM_IO) && (r->flags & rw) == rw &&
	       !cell_holding(pa, size, false);
}

int root_copy_from(void *dst, paddr_t pa, u64 len)
{
	const void *src;

	if (!root_owns_ram(pa, len))
		return -CV_EINVAL;
	src = arch_map_guest(pa, len);
	if (!src)
		return -CV_ENOMEM;
	memcpy(dst, src, len);
	arch_unmap_guest(pa, len);
	return 0;
}

int root_copy_to(paddr_t pa, const void *src, u64 len)
{
	void *dst;

	if (!root_owns_ram(pa, len))
		return -CV_EINVAL;
	dst = arch_map_guest(pa, len);
	if (!dst)
		return -CV_ENOMEM;
	memcpy(dst, src, len);
	arch_unmap_guest(pa, len);
	return 0;
}

void root_doorbell(unsigned int n)
{
	const struct cv_platform *p = &system_config->platform;

	if (n < p->root_doorbell_count)
		arch_irq_raise(p->root_doorbell_base + n);
}
