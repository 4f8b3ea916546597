/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A non-root cell's console (core/cell-console.c): a ring the cell writes
 * through its vUART or debug putc and the root reads. What the root has
 * not read yet is never overwritten: a full ring makes the cell wait (its
 * vUART reports TX FIFO full, a debug putc is issued again) until the root
 * reads, or, after CONSOLE_STALL_MS without a read, drops whole lines
 * until the root reads again and leaves one "[cellvisor: N bytes dropped]"
 * line where they were.
 */
#ifndef _HV_CELL_CONSOLE_H
#define _HV_CELL_CONSOLE_H

#include <hv/spinlock.h>
#include <hv/types.h>

struct cell;
struct per_cpu;

#define CELL_CONSOLE_SIZE	PAGE_SIZE	/* the ring: one pool page */
#define CELL_PUTC_LINE		120
/* How long a cell waits for the root to read a full ring before dropping. */
#define CONSOLE_STALL_MS	1000

struct cell_console {
	spinlock_t lock;		/* the cell's CPUs and the root's reads */
	char *buf;			/* CELL_CONSOLE_SIZE bytes */
	u64 head;			/* stream position the root has read up to */
	u64 tail;			/* stream position of the next byte */
	u64 full_since;			/* arch_counter() when it filled up; 0: not full */
	u64 dropped;			/* bytes lost since the last marker */
	bool dropping;			/* until the cell ends the line it is in */
	bool root_away;			/* stalled, and the root has not read since */
	bool head_mid_line;		/* the last byte the root read was not a '\n' */
	bool news_wanted;		/* a root reader caught up: doorbell at the next byte */
	/* debug putc of a cell with a vUART: lines for the hypervisor log */
	char putc_line[CELL_PUTC_LINE];
	unsigned int putc_len;
};

enum console_put {
	CONSOLE_PUT_DONE,		/* stored, or counted as dropped */
	CONSOLE_PUT_WAIT,		/* full: the cell must try again */
};

/*
 * A byte of the cell's output. @may_wait: the caller can make the cell
 * try again (debug putc); otherwise (a vUART DR write that ignored
 * FR.TXFF) a byte that does not fit starts dropping at once.
 */
enum console_put console_put(struct cell *cell, char c, bool may_wait);
/*
 * FR.TXFF: the ring is full and the cell should wait. A cell that keeps
 * asking past CONSOLE_STALL_MS gets 'no' from then on, and its output is
 * dropped until the root reads again.
 */
bool console_tx_full(struct cell *cell);
/* Bytes the ring takes now without waiting (any number while dropping). */
u64 console_tx_room(struct cell *cell);

/* Debug putc (hypercall 8) of any cell: 0, -CV_E* or HYPERCALL_RETRY. */
long cell_putc(struct per_cpu *pc, char c);
/* CV_HC_CONSOLE_READ (@write false) and CV_HC_CONSOLE_WRITE from the root. */
long console_io(u64 io_pa, bool write);

#endif /* _HV_CELL_CONSOLE_H */
