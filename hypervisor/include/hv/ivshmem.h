/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared-memory links between cells (ivshmem v2): the link and its peers
 * (core/ivshmem.c), and a cell's virtual PCI host where a cell finds its
 * links as PCI devices (core/vpci.c).
 */
#ifndef _HV_IVSHMEM_H
#define _HV_IVSHMEM_H

#include <cellvisor/config.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <hv/types.h>

struct cell;
struct ivshmem_link;

/* Register page of a peer (ivshmem v2), its BAR0 in a cell. */
#define IVSHMEM_REG_ID		0x00
#define IVSHMEM_REG_MAX_PEERS	0x04
#define IVSHMEM_REG_INT_CTRL	0x08
#define IVSHMEM_REG_DOORBELL	0x0c
#define IVSHMEM_REG_STATE	0x10

/* PCI command register bits a function of the virtual PCI host keeps. */
#define PCI_COMMAND_MEMORY		0x0002
#define PCI_COMMAND_MASTER		0x0004
#define PCI_COMMAND_INTX_DISABLE	0x0400

/* One peer of a link: what its register page and PCI function hold. */
struct ivshmem_peer {
	struct ivshmem_link *link;
	struct cell *cell;		/* NULL: nobody has this peer ID */
	const struct cv_link *cfg;	/* the member's description, in its config */
	unsigned int irq;		/* a cell's INTx SPI, the root's doorbell index; 0: none */
	u32 state;			/* its STATE register, also in the state table */
	bool int_enabled;		/* INT_CTRL bit 0 */
	bool one_shot;			/* INT_CTRL clears on each interrupt */
	/* PCI function (cells) */
	u16 command;
	u32 bar0;
	u64 bar0_mapped;		/* where its registers are in cell->mmio, 0: nowhere */
};

struct ivshmem_link {
	spinlock_t lock;		/* peers' registers, the state table, interrupts */
	struct cv_link layout;		/* the first member's; id, slot, virt mean nothing */
	u32 *state_table;		/* a pool page, read-only to every peer */
	unsigned int members;
	struct ivshmem_peer peer[CV_LINK_MAX_PEERS];
};

/*
 * ivshmem.c, from cell-check.c after the shared rules: the links of a new
 * cell's config against the links that exist and the memory others own.
 * 0 or -CV_E*, the reason in the log.
 */
int ivshmem_cell_check(const struct cv_cell_config *c);
/*
 * From cell-lifecycle.c: connects a new cell to its links (memory in its
 * stage 2, its virtual PCI host). Undone by ivshmem_cell_exit(), also
 * after a failure.
 */
int ivshmem_cell_init(struct cell *cell);
void ivshmem_cell_exit(struct cell *cell);
/*
 * The cell stopped (shut down, started again, failed): its devices are
 * reset and its peers see its state go to 0.
 */
void ivshmem_cell_reset(struct cell *cell);
/* From root-cell.c at enable: the root's links and register pages. */
int ivshmem_root_init(void);

/* The peer a cell has in @slot of its virtual PCI bus, or NULL. */
struct ivshmem_peer *ivshmem_cell_device(struct cell *cell, unsigned int slot);
/* Maps the register page of @p at @base of @cell's MMIO (BAR0, or the root's page). */
int ivshmem_registers_map(struct cell *cell, u64 base, struct ivshmem_peer *p);

/* CV_HC_LINK_GET_INFO: the @index-th link into the root's buffer at @info_pa. */
long ivshmem_link_info(u64 index, paddr_t info_pa);
/* Connects, disconnects and state changes so far (CV_INFO_LINK_EVENTS). */
u64 ivshmem_events(void);

/*
 * vpci.c: registers the configuration space of a cell's virtual PCI host
 * if the cell has links; it goes with the cell's MMIO table.
 */
int vpci_cell_init(struct cell *cell);
/* Resets a cell's function: memory decoding off, BAR0 unregistered. Link lock held. */
void vpci_reset_function(struct ivshmem_peer *p);

#endif /* _HV_IVSHMEM_H */
