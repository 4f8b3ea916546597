// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the PL011 vUART (core/vuart.c) against what drivers rely
 * on: Linux's amba bus reads the peripheral and PrimeCell IDs to bind
 * amba-pl011; polled drivers use FR; interrupt-driven ones IMSC, RIS/MIS,
 * ICR and a virtual SPI that rises once per new (RIS & IMSC); both wait
 * while the console ring is full (core/cell-console.c, stubbed here).
 */
#include <string.h>
#include <hv/cell.h>
#include <hv/cell-console.h>
#include <hv/percpu.h>
#include <hv/vuart.h>
#include "vuart-access.h"

#define BASE		0x09000000ULL
#define IRQ		64

/* What vuart.c calls outside itself: a console ring of tx_room bytes. */
static char tx[256];
static unsigned int tx_len, injected, injected_irq, doorbells;
static u64 tx_room = 4096;
static u8 percpu_area[4][PERCPU_SIZE] __attribute__((aligned(4096)));
struct per_cpu *per_cpu_base = (struct per_cpu *)percpu_area;

enum console_put console_put(struct cell *cell, char c, bool may_wait)
{
	(void)cell;
	CHECK(!may_wait);
	if (tx_len < sizeof(tx))
		tx[tx_len++] = c;
	return CONSOLE_PUT_DONE;
}

bool console_tx_full(struct cell *cell)
{
	(void)cell;
	return !tx_room;
}

u64 console_tx_room(struct cell *cell)
{
	(void)cell;
	return tx_room;
}

void root_doorbell(unsigned int n)
{
	CHECK_EQ(n, CV_ROOT_DOORBELL_CONSOLE);
	doorbells++;
}

void arch_inject_virq(struct per_cpu *target, unsigned int irq)
{
	CHECK(target == per_cpu(2));	/* the cell's first CPU */
	injected++;
	injected_irq = irq;
}

static struct cell cell;
static struct cv_cell_config config;

static u32 rd(u64 off)
{
	return vuart_read(&cell, BASE + off);
}

static void wr(u64 off, u32 val)
{
	vuart_write(&cell, BASE + off, val);
}

#define FR	0x18
#define IMSC	0x38
#define RIS	0x3c
#define MIS	0x40
#define ICR	0x44
#define RXIM	(1U << 4)
#define TXIM	(1U << 5)
#define RTIM	(1U << 6)

int main(void)
{
	static const u8 ids[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	unsigned int i;

	config.flags = CV_CELL_VUART;
	config.vuart.base = BASE;
	config.vuart.irq = IRQ;
	cell.config = &config;
	cell.cpu_mask = 0xc;		/* CPUs 2 and 3 */

	/* the SPI must be one of the cell's */
	CHECK_EQ(vuart_cell_init(&cell), -CV_EINVAL);
	config.irq_bitmap[IRQ / 32] |= 1U << (IRQ % 32);
	CHECK_EQ(vuart_cell_init(&cell), 0);
	CHECK(cell.vuart.present);

	/* amba-pl011 binds by these: PeriphID 0x00341011 (PL011 r1p5), PrimeCell 0xb105f00d */
	for (i = 0; i < 8; i++)
		CHECK_EQ(rd(0xfe0 + 4 * i), ids[i]);

	/* reset state: TX FIFO empty, RX FIFO empty, TXE|RXE, no interrupt enabled */
	CHECK_EQ(rd(FR), (1U << 7) | (1U << 4));
	CHECK_EQ(rd(0x30), 0x300);
	CHECK_EQ(rd(IMSC), 0);

	/* TX: every byte written to DR reaches the console, in order */
	wr(0x00, 'o');
	wr(0x00, 'k');
	CHECK_EQ(tx_len, 2);
	CHECK(memcmp(tx, "ok", 2) == 0);
	CHECK_EQ(injected, 0);

	/* baud and line settings read back, masked to their widths */
	wr(0x24, 0x12345);
	CHECK_EQ(rd(0x24), 0x2345);
	wr(0x2c, 0x70);
	CHECK_EQ(rd(0x2c), 0x70);

	/* RX, polled: FR.RXFE clears, DR gives the bytes in order, then RXFE again */
	CHECK_EQ(vuart_input(&cell, "hi", 2), 2);
	CHECK_EQ(rd(FR) & (1U << 4), 0);
	CHECK_EQ(injected, 0);			/* nothing unmasked */
	CHECK_EQ(rd(RIS) & (RXIM | RTIM), RXIM | RTIM);
	CHECK_EQ(rd(MIS) & (RXIM | RTIM), 0);
	CHECK_EQ(rd(0x00), 'h');
	CHECK_EQ(rd(0x00), 'i');
	CHECK_EQ(rd(FR) & (1U << 4), 1U << 4);
	CHECK_EQ(rd(RIS) & (RXIM | RTIM), 0);	/* drained: no RX interrupt */

	/* RX by interrupt: unmasking with data pending raises the SPI once */
	CHECK_EQ(vuart_input(&cell, "x", 1), 1);
	wr(IMSC, RXIM | RTIM);
	CHECK_EQ(injected, 1);
	CHECK_EQ(injected_irq, IRQ);
	CHECK_EQ(rd(MIS), RXIM | RTIM);
	CHECK_EQ(vuart_input(&cell, "y", 1), 1);
	CHECK_EQ(injected, 1);			/* still high: no new edge */
	wr(ICR, RXIM | RTIM);			/* handler acknowledges ... */
	CHECK_EQ(rd(MIS), 0);
	CHECK_EQ(vuart_input(&cell, "z", 1), 1);	/* ... and new input raises it again */
	CHECK_EQ(injected, 2);
	CHECK_EQ(rd(0x00), 'x');
	CHECK_EQ(rd(0x00), 'y');
	CHECK_EQ(rd(0x00), 'z');
	CHECK_EQ(rd(MIS), 0);

	/* TX interrupt: the ring has room, so unmasking TXIM raises at once */
	wr(IMSC, TXIM);
	CHECK_EQ(injected, 3);
	CHECK_EQ(rd(MIS), TXIM);

	/*
	 * Back-pressure: with less room than a FIFO's worth TX is not ready;
	 * with none FR says TXFF and BUSY (and not TXFE); when the root has
	 * read, the TX interrupt rises again.
	 */
	tx_room = VUART_FIFO_SIZE - 1;
	CHECK_EQ(rd(MIS), 0);
	CHECK_EQ(rd(FR) & ((1U << 5) | (1U << 3)), 0);
	tx_room = 0;
	CHECK_EQ(rd(FR) & ((1U << 7) | (1U << 5) | (1U << 3)), (1U << 5) | (1U << 3));
	CHECK_EQ(injected, 3);
	tx_room = VUART_FIFO_SIZE;
	vuart_tx_ready(&cell);
	CHECK_EQ(injected, 4);
	CHECK_EQ(rd(FR) & ((1U << 7) | (1U << 5)), 1U << 7);
	vuart_tx_ready(&cell);			/* no new edge */
	CHECK_EQ(injected, 4);
	wr(IMSC, 0);

	/*
	 * A full RX FIFO takes no more and says so in FR.RXFF; the root,
	 * refused, hears from the doorbell once the cell has read half.
	 */
	for (i = 0; i < VUART_RX_SIZE; i++)
		REQUIRE_EQ(vuart_input(&cell, "a", 1), 1);
	CHECK_EQ(vuart_input(&cell, "bc", 2), 0);
	CHECK_EQ(rd(FR) & (1U << 6), 1U << 6);
	for (i = 0; i < VUART_RX_SIZE / 2; i++) {
		REQUIRE_EQ(doorbells, 0);
		REQUIRE_EQ(rd(0x00), 'a');
	}
	CHECK_EQ(doorbells, 1);
	for (i = 0; i < VUART_RX_SIZE / 2; i++)
		REQUIRE_EQ(rd(0x00), 'a');
	CHECK_EQ(doorbells, 1);
	CHECK_EQ(rd(0x00), 0);			/* empty reads 0 */
	CHECK_EQ(vuart_input(&cell, "b", 1), 1);	/* taken whole: no doorbell asked */
	CHECK_EQ(rd(0x00), 'b');
	CHECK_EQ(doorbells, 1);

	/* byte and halfword accesses at the register work as word ones */
	{
		struct mmio_access acc = { .addr = BASE + FR, .size = 1 };

		REQUIRE_EQ(mmio_dispatch(&cell.mmio, &acc), MMIO_HANDLED);
		CHECK_EQ(acc.value & (1U << 7), 1U << 7);
		acc = (struct mmio_access){ .addr = BASE + FR, .size = 2 };
		REQUIRE_EQ(mmio_dispatch(&cell.mmio, &acc), MMIO_HANDLED);
		CHECK_EQ(acc.value & (1U << 7), 1U << 7);
	}
	/*
	 * What the PL011 has no register for is refused before the vUART sees
	 * it (the cell then fails): inside a register, unaligned, straddling
	 * two, wider than one, past the page.
	 */
	{
		static const struct { u64 off; unsigned int size; } bad[] = {
			{ FR + 1, 1 }, { FR + 2, 2 }, { FR + 2, 4 }, { FR, 8 },
			{ 0xffe, 4 }, { 0xfff, 1 }, { 0x1000, 4 },
		};
		unsigned int k, tx_before = tx_len;

		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			struct mmio_access acc = { .addr = BASE + bad[k].off, .size = bad[k].size,
						   .value = 'X', .is_write = true };

			CHECK(mmio_dispatch(&cell.mmio, &acc) != MMIO_HANDLED);
		}
		CHECK_EQ(tx_len, tx_before);	/* none of the writes reached DR */
	}

	/* a cell without a vUART takes no input */
	{
		static struct cell plain;
		static struct cv_cell_config plain_cfg;

		plain.config = &plain_cfg;
		CHECK_EQ(vuart_cell_init(&plain), 0);
		CHECK_EQ(vuart_input(&plain, "q", 1), 0);
	}
	return tap_done();
}
