/* SPDX-License-Identifier: GPL-2.0-only */
/* The cell's communication region ("JHCOMM" rev 2) at guest physical 0x80000000. */
#ifndef _INMATE_COMM_H
#define _INMATE_COMM_H

#include "types.h"
#include <cellvisor/hypercall.h>

#define comm_region	((volatile struct cv_comm_region *)CV_COMM_REGION_IPA)

/*
 * Checks signature and revision. On a mismatch it reports
 * CV_CELL_FAILED_COMM_REV in cell_state and halts (nothing else can be
 * trusted, the console address included).
 */
void comm_check(void);

/*
 * Answers a pending hypervisor message: a shutdown request is approved
 * (returns true, the caller should stop), anything else is acknowledged.
 * Call it from idle loops; cells without it rely on PASSIVE_COMMREG or the
 * hypervisor's reply timeout.
 */
bool comm_poll(void);
/*
 * Reports RUNNING_LOCKED (no other cell may be created or destroyed) and
 * denies the next @deny_shutdowns shutdown requests; the last denial
 * unlocks again, so the request after it is approved.
 */
void comm_lock(unsigned int deny_shutdowns);

#endif /* _INMATE_COMM_H */
