// SPDX-License-Identifier: GPL-2.0-only
/*
 * PL011 access. The UART is assumed set up by whoever owns the board (or
 * emulated by the hypervisor), so baud rate and line control are not
 * touched: comm.console.divider is 0 in every config we know.
 */
#include "mmio.h"
#include "pl011.h"

static u32 reg_read(const struct pl011 *u, unsigned int reg)
{
	if (u->regdist4)
		return mmio_read32(u->base + reg);
	return mmio_read8(u->base + reg);
}

static void reg_write(const struct pl011 *u, unsigned int reg, u32 v)
{
	if (u->regdist4)
		mmio_write32(u->base + reg, v);
	else
		mmio_write8(u->base + reg, (u8)v);
}

void pl011_putc(const struct pl011 *u, char c)
{
	while (reg_read(u, UARTFR) & UARTFR_TXFF)
		;
	reg_write(u, UARTDR, (u8)c);
}

int pl011_getc(const struct pl011 *u)
{
	if (reg_read(u, UARTFR) & UARTFR_RXFE)
		return -1;
	/* Bits 11:8 are error flags; the character is the low byte. */
	return reg_read(u, UARTDR) & 0xff;
}

void pl011_rx_irq_enable(const struct pl011 *u, bool on)
{
	u32 imsc = reg_read(u, UARTIMSC) & ~(UART_INT_RX | UART_INT_RT);

	if (on)
		imsc |= UART_INT_RX | UART_INT_RT;
	reg_write(u, UARTIMSC, imsc);
}

void pl011_rx_irq_ack(const struct pl011 *u)
{
	reg_write(u, UARTICR, UART_INT_RX | UART_INT_RT);
}
