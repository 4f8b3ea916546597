// SPDX-License-Identifier: GPL-2.0
/* Arm PL011 (PrimeCell UART, DDI0183): 32-bit registers, polled TX. */
#include <cellvisor/hypercall.h>
#include <asm/io.h>
#include <hv/uart.h>

#define UARTDR			0x00
#define UARTFR			0x18
#define UARTFR_TXFF		BIT(5)

static bool pl011_tx_full(unsigned long base)
{
	return io_read32(base + UARTFR) & UARTFR_TXFF;
}

static void pl011_tx_write(unsigned long base, char c)
{
	io_write32(base + UARTDR, (u8)c);
}

/*
 * No enable check: Linux keeps UARTCR.UARTEN set on its console, and
 * QEMU's PL011 sends whatever UARTCR says.
 */
const struct uart_driver uart_pl011 = {
	.type = CV_CON_TYPE_PL011,
	.tx_full = pl011_tx_full,
	.tx_write = pl011_tx_write,
};
