/* SPDX-License-Identifier: GPL-2.0 */
/* Cells: the root cell now, the non-root cells of issue 4 next to it. */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <cellvisor/config.h>
#include <hv/mmio.h>
#include <hv/paging.h>
#include <hv/types.h>

struct cell {
	int id;
	const struct cv_cell_config *config;
	u64 cpu_mask;			/* CPUs currently owned */
	u32 irq_bitmap[CV_NUM_IRQS / 32];	/* INTIDs owned, SGIs/PPIs included */
	struct pt stage2;
	u64 vttbr;
	struct mmio_table mmio;
};

extern struct cell root_cell;
extern const struct cv_system_config *system_config;

/* Builds the root cell from the system config (master CPU, during enable). */
int cell_root_init(const struct cv_system_config *sys);

static inline bool cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	return irq < CV_NUM_IRQS && (cell->irq_bitmap[irq / 32] >> (irq % 32)) & 1;
}

static inline bool cell_is_root(const struct cell *cell)
{
	return cell->id == 0;
}

#endif /* _HV_CELL_H */
