/* SPDX-License-Identifier: GPL-2.0 */
/* The fake arch's part of a cell: nothing (host tests stub the arch hooks). */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

struct arch_cell {
	int unused;
};

#endif /* _ASM_CELL_H */
