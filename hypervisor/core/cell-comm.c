// SPDX-License-Identifier: GPL-2.0
/*
 * The comm region of a non-root cell (Jailhouse's "JHCOMM", revision 2):
 * filling it at start, the message handshake through it, and the lock a
 * cell can hold through it.
 *
 * Handshake: the hypervisor clears reply_from_cell and writes msg_to_cell;
 * the cell clears msg_to_cell and writes its reply. It busy-waits on the
 * calling root CPU up to the cell's msg_reply_timeout_us. A cell is not
 * asked when its comm region is passive or its own state says it is no
 * longer running (shut down, failed, comm ABI mismatch). The expected
 * reply lets the operation go on, any other reply vetoes it, and no reply
 * in time fails the cell (its CPUs parked) and lets it go on. A veto
 * (a refusal, or RUNNING_LOCKED holding up creates and destroys) counts
 * only from a cell whose config says it may veto (CV_CELL_MAY_VETO).
 *
 * A cell may use the region with its MMU and caches off (Jailhouse's
 * inmates check it before turning their MMU on), so everything the
 * hypervisor writes is cleaned to memory and every word it reads comes
 * from memory.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cell-comm.h>
#include <hv/lib.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define MSG_REPLY_TIMEOUT_US	1000000	/* when the config says 0 */

/* A message word of the packed comm region; all of them are 4-byte aligned. */
#define COMM_WORD(comm, field)						\
	((volatile u32 *)((u8 *)(comm) + __builtin_offsetof(struct cv_comm_region, field)))
_Static_assert(__builtin_offsetof(struct cv_comm_region, cell_state) % 4 == 0 &&
	       __builtin_offsetof(struct cv_comm_region, msg_to_cell) % 4 == 0 &&
	       __builtin_offsetof(struct cv_comm_region, reply_from_cell) % 4 == 0,
	       "comm region message words are aligned");

static void comm_store(volatile u32 *word, u32 v)
{
	arch_dcache_flush((const void *)word, sizeof(*word));
	__atomic_store_n(word, v, __ATOMIC_SEQ_CST);
	arch_dcache_clean((const void *)word, sizeof(*word));
}

static u32 comm_load(volatile u32 *word)
{
	arch_dcache_flush((const void *)word, sizeof(*word));
	return __atomic_load_n(word, __ATOMIC_SEQ_CST);
}

void comm_init(struct cell *cell)
{
	struct cv_comm_region *comm = cell->comm;
	u32 flags = cell->config->flags;

	memset(comm, 0, PAGE_SIZE);
	memcpy(comm->signature, CV_COMM_SIGNATURE, 6);
	comm->revision = CV_COMM_REVISION;
	comm->cell_state = CV_CELL_RUNNING;
	if (flags & (CV_CELL_VIRTUAL_CONSOLE_PERMITTED | CV_CELL_VIRTUAL_CONSOLE_ACTIVE))
		comm->flags |= CV_COMM_FLAG_DBG_PUTC_PERMITTED;
	if (flags & CV_CELL_VIRTUAL_CONSOLE_ACTIVE)
		comm->flags |= CV_COMM_FLAG_DBG_PUTC_ACTIVE;
	comm->console = cell->config->console;
	comm->pci_mmconfig_base = system_config->platform.pci_mmconfig_base;
	arch_comm_region_init(comm);
	/* Jailhouse's field is the SPI number, INTID - 32 */
	if (cell->config->vpci_irq_base >= 32)
		comm->vpci_irq_base = cell->config->vpci_irq_base - 32;
	/* the cell may read it with its caches off */
	arch_dcache_clean(comm, PAGE_SIZE);
}

u32 comm_cell_state(struct cell *cell)
{
	return comm_load(COMM_WORD(cell->comm, cell_state));
}

/* Running, by the hypervisor's account and by its own. */
static bool cell_running(struct cell *cell)
{
	u32 state;

	if (cell->state != CV_CELL_RUNNING)
		return false;
	state = comm_cell_state(cell);
	return state == CV_CELL_RUNNING || state == CV_CELL_RUNNING_LOCKED;
}

static const char *msg_name(u32 msg)
{
	return msg == CV_MSG_SHUTDOWN_REQUEST ? "shutdown request" : "reconfiguration notice";
}

/* Sends @msg and waits for @expected: true unless the cell vetoed. */
static bool exchange(struct cell *cell, u32 msg, u32 expected)
{
	struct cv_comm_region *comm = cell->comm;
	u64 us = cell->config->msg_reply_timeout_us ?: MSG_REPLY_TIMEOUT_US;
	u64 end = arch_counter() + arch_counter_freq() / 1000000 * us;
	u32 reply = CV_MSG_NONE;

	if (!cell_running(cell))
		return true;
	if (cell->config->flags & CV_CELL_PASSIVE_COMMREG) {
		if (msg == CV_MSG_SHUTDOWN_REQUEST)
			printk("cell %d \"%s\": passive comm region, shut down at once\n",
			       cell->id, cell->config->name);
		return true;
	}
	comm_store(COMM_WORD(comm, reply_from_cell), CV_MSG_NONE);
	comm_store(COMM_WORD(comm, msg_to_cell), msg);
	while (arch_counter() < end) {
		reply = comm_load(COMM_WORD(comm, reply_from_cell));
		if (reply != CV_MSG_NONE)
			break;
	}
	comm_store(COMM_WORD(comm, msg_to_cell), CV_MSG_NONE);
	if (reply == expected) {
		if (msg == CV_MSG_SHUTDOWN_REQUEST)
			printk("cell %d \"%s\": shutdown request approved\n", cell->id,
			       cell->config->name);
		return true;
	}
	if (reply == CV_MSG_NONE) {
		printk("cell %d \"%s\": no reply to its %s in %llu us, failing it\n",
		       cell->id, cell->config->name, msg_name(msg), us);
		cell_fail(cell, CV_FAIL_COMM_TIMEOUT);
		return true;
	}
	if (!(cell->config->flags & CV_CELL_MAY_VETO)) {
		printk("cell %d \"%s\": %s refused (reply %u), but it may not veto: going on\n",
		       cell->id, cell->config->name, msg_name(msg), reply);
		return true;
	}
	printk("cell %d \"%s\": %s refused (reply %u)\n", cell->id, cell->config->name,
	       msg_name(msg), reply);
	return false;
}

bool comm_shutdown_ok(struct cell *cell)
{
	return exchange(cell, CV_MSG_SHUTDOWN_REQUEST, CV_MSG_REQUEST_APPROVED);
}

void comm_reconfig_completed(void)
{
	unsigned int id;

	for (id = 1; id < CV_MAX_CELLS; id++)
		if (cells[id])
			(void)exchange(cells[id], CV_MSG_RECONFIG_COMPLETED, CV_MSG_RECEIVED);
}

bool comm_cells_locked(const struct cell *except)
{
	unsigned int id;

	for (id = 1; id < CV_MAX_CELLS; id++) {
		struct cell *c = cells[id];

		/* only a cell whose config lets it veto can hold the others up */
		if (c && c != except && c->state == CV_CELL_RUNNING &&
		    (c->config->flags & CV_CELL_MAY_VETO) &&
		    comm_cell_state(c) == CV_CELL_RUNNING_LOCKED) {
			printk("cell %d \"%s\" is locked: no cells are created or destroyed\n",
			       c->id, c->config->name);
			return true;
		}
	}
	return false;
}
