// SPDX-License-Identifier: GPL-2.0-only
/* Arm PL011 (PrimeCell UART r1p5 TRM, DDI0183): polled TX, polled or IRQ RX. */
#include <cellvisor/hypercall.h>
#include "mmio.h"
#include "uart.h"

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTIMSC	0x38
#define UARTICR		0x44

#define UARTFR_RXFE	BIT(4)
#define UARTFR_TXFF	BIT(5)
#define UART_INT_RX	BIT(4)		/* RXIM / RXIC */
#define UART_INT_RT	BIT(6)		/* receive timeout, FIFO mode */

static u32 reg_read(const struct uart *u, unsigned int reg)
{
	if (u->regdist4)
		return mmio_read32(u->base + reg);
	return mmio_read8(u->base + reg);
}

static void reg_write(const struct uart *u, unsigned int reg, u32 v)
{
	if (u->regdist4)
		mmio_write32(u->base + reg, v);
	else
		mmio_write8(u->base + reg, (u8)v);
}

static void pl011_putc(const struct uart *u, char c)
{
	while (reg_read(u, UARTFR) & UARTFR_TXFF)
		;
	reg_write(u, UARTDR, (u8)c);
}

static int pl011_getc(const struct uart *u)
{
	if (reg_read(u, UARTFR) & UARTFR_RXFE)
		return -1;
	/* Bits 11:8 are error flags; the character is the low byte. */
	return reg_read(u, UARTDR) & 0xff;
}

static void pl011_rx_irq_enable(const struct uart *u, bool on)
{
	u32 imsc = reg_read(u, UARTIMSC) & ~(UART_INT_RX | UART_INT_RT);

	if (on)
		imsc |= UART_INT_RX | UART_INT_RT;
	reg_write(u, UARTIMSC, imsc);
}

/* Clears RX interrupts after the FIFO was drained. */
static void pl011_rx_irq_ack(const struct uart *u)
{
	reg_write(u, UARTICR, UART_INT_RX | UART_INT_RT);
}

const struct uart_driver uart_pl011 = {
	.name = "pl011",
	.type = CV_CON_TYPE_PL011,
	.putc = pl011_putc,
	.getc = pl011_getc,
	.rx_irq_enable = pl011_rx_irq_enable,
	.rx_irq_ack = pl011_rx_irq_ack,
};
