/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of a cell (struct cell's arch member): its stage 2, where its CPUs may start. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <asm/paging.h>
#include <asm/stage2-changes.h>

struct arch_cell {
	struct pt stage2;	/* guest physical -> physical, this cell's VMID */
	u64 vttbr;		/* VMID | stage2.root, loaded when a CPU enters the cell */
	u64 exec_regions;	/* bit i: memory region i is executable (PSCI CPU_ON) */
	bool loaded;		/* a CPU has had vttbr: TLBs may hold the tables */
	struct s2_changes changes;	/* of stage2 (asm/stage2-changes.h) */
};

#endif /* _ASM_CELL_H */
