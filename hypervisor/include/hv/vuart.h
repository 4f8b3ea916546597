/* SPDX-License-Identifier: GPL-2.0 */
/* An emulated PL011 in a cell: TX to the cell's console, RX from the root. */
#ifndef _HV_VUART_H
#define _HV_VUART_H

#include <hv/spinlock.h>
#include <hv/types.h>

struct cell;

#define VUART_RX_SIZE		256
/* A PL011's FIFO depth, what drivers write per TX interrupt at most. */
#define VUART_FIFO_SIZE		32

struct vuart {
	spinlock_t lock;
	bool present;
	unsigned int irq;
	u8 rx[VUART_RX_SIZE];
	unsigned int rx_head, rx_tail;
	bool rx_latched;		/* RX/RT raw interrupt until cleared */
	bool rx_root_waits;		/* the root had more input than room */
	bool irq_level;			/* (RIS & IMSC) as last seen */
	u32 imsc, cr, lcr_h, ibrd, fbrd, ifls;
};

/* Registers the vUART of @cell if its config has one. */
int vuart_cell_init(struct cell *cell);
/*
 * Root input for the cell's RX FIFO; returns the bytes taken. If not all,
 * the root's console doorbell rings when the cell has made room.
 */
u64 vuart_input(struct cell *cell, const char *buf, u64 len);
/* The root read the cell's console: TX may be ready again. */
void vuart_tx_ready(struct cell *cell);

#endif /* _HV_VUART_H */
