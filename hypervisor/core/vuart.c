// SPDX-License-Identifier: GPL-2.0
/*
 * PL011 vUART (ARM DDI 0183): enough of the register file for Linux's
 * amba-pl011 driver and for polled or interrupt-driven bare-metal drivers.
 * TX goes to the cell's console ring, RX comes from the root through
 * CV_HC_CONSOLE_WRITE. The interrupt is a virtual SPI raised on the rising
 * edge of (RIS & IMSC), to the cell's first CPU.
 *
 * Flow control both ways, as on hardware: FR.TXFF and BUSY while the
 * console ring is full (hv/cell-console.h says for how long), the TX
 * interrupt only while it has room for a FIFO's worth; an RX FIFO the
 * root filled rings the root's console doorbell once the cell has read
 * half of it.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cell-console.h>
#include <hv/lib.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/vuart.h>

#define UARTDR		0x000
#define UARTRSR		0x004
#define UARTFR		0x018
#define UARTILPR	0x020
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048
#define UARTPERIPHID0	0xfe0

#define FR_BUSY		BIT(3)
#define FR_RXFE		BIT(4)
#define FR_TXFF		BIT(5)
#define FR_RXFF		BIT(6)
#define FR_TXFE		BIT(7)
#define INT_RX		BIT(4)
#define INT_TX		BIT(5)
#define INT_RT		BIT(6)

/* PL011 r1p5 peripheral ID, then the PrimeCell ID. */
static const u8 vuart_ids[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static unsigned int rx_count(const struct vuart *v)
{
	return v->rx_tail - v->rx_head;
}

/*
 * TX is ready while the ring takes a FIFO's worth: interrupt-driven
 * drivers (Linux's amba-pl011 among them) write half a FIFO per TX
 * interrupt without looking at FR.
 */
static u32 raw_irqs(struct cell *cell, const struct vuart *v)
{
	return (console_tx_room(cell) >= VUART_FIFO_SIZE ? INT_TX : 0) |
	       (v->rx_latched && rx_count(v) ? INT_RX | INT_RT : 0);
}

/* Called with the lock held; returns true if the IRQ must be raised. */
static bool update_irq(struct cell *cell, struct vuart *v)
{
	bool level = raw_irqs(cell, v) & v->imsc;
	bool rise = level && !v->irq_level;

	v->irq_level = level;
	return rise;
}

static void raise_irq(struct cell *cell)
{
	arch_inject_virq(per_cpu(__builtin_ctzll(cell->cpu_mask)), cell->vuart.irq);
}

/* The next RX byte; true in *news if the root waits for room and now has it. */
static u8 rx_take(struct vuart *v, bool *news)
{
	u8 c;

	if (!rx_count(v))
		return 0;
	c = v->rx[v->rx_head++ % VUART_RX_SIZE];
	if (!rx_count(v))
		v->rx_latched = false;
	if (v->rx_root_waits && rx_count(v) <= VUART_RX_SIZE / 2) {
		v->rx_root_waits = false;
		*news = true;
	}
	return c;
}

static u64 read_reg(struct cell *cell, struct vuart *v, u64 off, bool *news)
{
	bool full;

	switch (off) {
	case UARTDR:
		return rx_take(v, news);
	case UARTFR:
		full = console_tx_full(cell);
		return (full ? FR_TXFF | FR_BUSY : FR_TXFE) | (rx_count(v) ? 0 : FR_RXFE) |
		       (rx_count(v) == VUART_RX_SIZE ? FR_RXFF : 0);
	case UARTIBRD:
		return v->ibrd;
	case UARTFBRD:
		return v->fbrd;
	case UARTLCR_H:
		return v->lcr_h;
	case UARTCR:
		return v->cr;
	case UARTIFLS:
		return v->ifls;
	case UARTIMSC:
		return v->imsc;
	case UARTRIS:
		return raw_irqs(cell, v);
	case UARTMIS:
		return raw_irqs(cell, v) & v->imsc;
	default:
		if (off >= UARTPERIPHID0 && off < 0x1000)
			return vuart_ids[(off - UARTPERIPHID0) / 4];
		return 0;
	}
}

static void write_reg(struct cell *cell, struct vuart *v, u64 off, u32 val)
{
	switch (off) {
	case UARTDR:
		console_put(cell, (char)val, false);
		break;
	case UARTIBRD:
		v->ibrd = val & 0xffff;
		break;
	case UARTFBRD:
		v->fbrd = val & 0x3f;
		break;
	case UARTLCR_H:
		v->lcr_h = val & 0xff;
		break;
	case UARTCR:
		v->cr = val & 0xffff;
		break;
	case UARTIFLS:
		v->ifls = val & 0x3f;
		break;
	case UARTIMSC:
		v->imsc = val & 0x7ff;
		break;
	case UARTICR:
		if (val & (INT_RX | INT_RT))
			v->rx_latched = false;
		break;
	default:
		break;	/* RSR/ECR, ILPR, DMACR: no effect */
	}
}

static enum mmio_result vuart_access(void *arg, const struct mmio_reg *reg,
				     struct mmio_access *acc)
{
	struct cell *cell = arg;
	struct vuart *v = &cell->vuart;
	u64 off = acc->addr;
	bool rise, news = false;

	(void)reg;
	spin_lock(&v->lock);
	if (acc->is_write)
		write_reg(cell, v, off, (u32)acc->value);
	else
		acc->value = read_reg(cell, v, off, &news);
	rise = update_irq(cell, v);
	spin_unlock(&v->lock);
	if (rise)
		raise_irq(cell);
	if (news)
		root_doorbell(CV_ROOT_DOORBELL_CONSOLE);
	return MMIO_HANDLED;
}

/*
 * The PL011's registers are 32 bits wide; drivers use 8-, 16- or 32-bit
 * accesses at a register's offset (Linux's amba-pl011 16-bit ones).
 */
static const struct mmio_reg vuart_table[] = {
	{ 0x000, 0x1000, 4, MMIO_8 | MMIO_16 | MMIO_32, 4, vuart_access },
};
static struct mmio_regs vuart_regs = { vuart_table, ARRAY_SIZE(vuart_table), 0, NULL, 0 };

int vuart_cell_init(struct cell *cell)
{
	const struct cv_vuart *cfg = &cell->config->vuart;

	if (!(cell->config->flags & CV_CELL_VUART))
		return 0;
	if (!IS_ALIGNED(cfg->base, PAGE_SIZE) || cfg->irq < 32 || cfg->irq >= CV_NUM_IRQS ||
	    !cv_irq_owned(cell->config->irq_bitmap, cfg->irq))
		return -CV_EINVAL;
	/* the first vUART prepares the table (the same result, whoever does it) */
	if (!vuart_regs.span && mmio_regs_prepare(&vuart_regs, PAGE_SIZE))
		return -CV_EINVAL;
	memset(&cell->vuart, 0, sizeof(cell->vuart));
	cell->vuart.present = true;
	cell->vuart.irq = cfg->irq;
	cell->vuart.cr = 0x300;		/* TXE | RXE after reset */
	return mmio_region_register(&cell->mmio, cfg->base, PAGE_SIZE, 0, &vuart_regs, cell);
}

u64 vuart_input(struct cell *cell, const char *buf, u64 len)
{
	struct vuart *v = &cell->vuart;
	u64 n = 0;
	bool rise;

	if (!v->present)
		return 0;
	spin_lock(&v->lock);
	for (; n < len && rx_count(v) < VUART_RX_SIZE; n++)
		v->rx[v->rx_tail++ % VUART_RX_SIZE] = (u8)buf[n];
	if (n)
		v->rx_latched = true;
	if (n < len)
		v->rx_root_waits = true;
	rise = update_irq(cell, v);
	spin_unlock(&v->lock);
	if (rise)
		raise_irq(cell);
	return n;
}

void vuart_tx_ready(struct cell *cell)
{
	struct vuart *v = &cell->vuart;
	bool rise;

	if (!v->present)
		return;
	spin_lock(&v->lock);
	rise = update_irq(cell, v);
	spin_unlock(&v->lock);
	if (rise)
		raise_irq(cell);
}
