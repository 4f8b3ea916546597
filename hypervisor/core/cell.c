// SPDX-License-Identifier: GPL-2.0
/* The root cell: built from the system config at enable. */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/printk.h>

struct cell root_cell;

/*
 * The root's SPIs, and the SGIs and PPIs every cell may use (the
 * hypervisor's own, SGI 0/1 and the maintenance PPI, are filtered by
 * the interrupt controller emulation).
 */
static void cell_init_irqs(struct cell *cell, const struct cv_cell_config *cfg)
{
	unsigned int i;

	for (i = 1; i < CV_NUM_IRQS / 32; i++)
		cell->irq_bitmap[i] = cfg->irq_bitmap[i];
	cell->irq_bitmap[0] = ~0U;
}

int cell_root_init(const struct cv_system_config *sys)
{
	const struct cv_cell_config *cfg = &sys->root_cell;
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	unsigned int i;
	int err;

	root_cell.id = 0;
	root_cell.config = cfg;
	root_cell.cpu_mask = cfg->cpu_mask;
	cell_init_irqs(&root_cell, cfg);

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
	if (err)
		return err;
	printk("root cell: %u memory regions, stage 2 uses %llu table pages\n",
	       cfg->num_mem_regions, arch_cell_table_pages(&root_cell));
	return 0;
}
