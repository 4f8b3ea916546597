/* SPDX-License-Identifier: GPL-2.0 */
/* A cell's comm region: contents at start, messages (core/comm.c). */
#ifndef _HV_COMM_H
#define _HV_COMM_H

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
/* A running cell other than @except that holds RUNNING_LOCKED, or NULL. */
struct cell *comm_locked_cell(const struct cell *except);

#endif /* _HV_COMM_H */
