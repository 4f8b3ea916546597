/* SPDX-License-Identifier: GPL-2.0 */
/* A cell's comm region: contents at start, messages (core/cell-comm.c). */
#ifndef _HV_CELL_COMM_H
#define _HV_CELL_COMM_H

#include <hv/types.h>

struct cell;

/* Fills the region for a start ("JHCOMM", revision 2, flags, console, platform). */
void comm_init(struct cell *cell);
/* The state the cell itself reports (CV_CELL_*). */
u32 comm_cell_state(struct cell *cell);
/*
 * SHUTDOWN_REQUEST to a running cell: false if it vetoes. A cell that does
 * not answer in time is failed (CV_FAIL_COMM_TIMEOUT) and true returned.
 */
bool comm_shutdown_ok(struct cell *cell);
/* RECONFIG_COMPLETED to every running cell, after a create or destroy. */
void comm_reconfig_completed(void);
/*
 * While a running cell other than @except holds RUNNING_LOCKED, no cell
 * is created or destroyed (Jailhouse's lock, e.g. for a cell in a
 * critical phase): true, and the log says which cell.
 */
bool comm_cells_locked(const struct cell *except);

#endif /* _HV_CELL_COMM_H */
