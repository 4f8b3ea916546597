// SPDX-License-Identifier: GPL-2.0
/*
 * NXP i.MX UART (i.MX 6/7/8M "UART" block; i.MX8M Mini reference manual,
 * UART chapter): 32-bit registers, a 32-byte TX FIFO, polled TX.
 */
#include <cellvisor/hypercall.h>
#include <asm/io.h>
#include <hv/uart.h>

#define UTXD			0x40
#define UCR1			0x80
#define UCR1_UARTEN		BIT(0)
#define UTS			0xb4
#define UTS_TXFULL		BIT(4)

/* A disabled UART never drains its FIFO: it would hold every wait to its end. */
static bool imx_enabled(unsigned long base)
{
	return io_read32(base + UCR1) & UCR1_UARTEN;
}

static bool imx_tx_full(unsigned long base)
{
	return io_read32(base + UTS) & UTS_TXFULL;
}

static void imx_tx_write(unsigned long base, char c)
{
	io_write32(base + UTXD, (u8)c);
}

const struct uart_driver uart_imx = {
	.type = CV_CON_TYPE_IMX,
	.enabled = imx_enabled,
	.tx_full = imx_tx_full,
	.tx_write = imx_tx_write,
};
