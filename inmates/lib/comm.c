// SPDX-License-Identifier: GPL-2.0-only
/* Comm region checks and the message handshake with the hypervisor. */
#include "comm.h"
#include "inmate.h"

void comm_check(void)
{
	const char *sig = CV_COMM_SIGNATURE;

	for (int i = 0; i < 6; i++)
		if (comm_region->signature[i] != sig[i])
			goto mismatch;
	if (comm_region->revision == CV_COMM_REVISION)
		return;
mismatch:
	comm_region->cell_state = CV_CELL_FAILED_COMM_REV;
	halt();
}

/* The cell clears the message before replying, so a reply is sent once. */
static void reply(u32 answer)
{
	comm_region->msg_to_cell = CV_MSG_NONE;
	dsb(ish);
	comm_region->reply_from_cell = answer;
}

static unsigned int denials_left;

void comm_lock(unsigned int deny_shutdowns)
{
	denials_left = deny_shutdowns;
	comm_region->cell_state = CV_CELL_RUNNING_LOCKED;
}

bool comm_poll(void)
{
	switch (comm_region->msg_to_cell) {
	case CV_MSG_NONE:
		return false;
	case CV_MSG_SHUTDOWN_REQUEST:
		if (denials_left) {
			/* the last denial also lifts the lock */
			if (!--denials_left)
				comm_region->cell_state = CV_CELL_RUNNING;
			reply(CV_MSG_REQUEST_DENIED);
			return false;
		}
		/* The hypervisor records the new state itself once we approved. */
		reply(CV_MSG_REQUEST_APPROVED);
		return true;
	case CV_MSG_RECONFIG_COMPLETED:
		reply(CV_MSG_RECEIVED);
		return false;
	default:
		reply(CV_MSG_UNKNOWN);
		return false;
	}
}
