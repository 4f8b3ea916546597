// SPDX-License-Identifier: GPL-2.0-only
/*
 * NXP i.MX UART (i.MX8M Mini reference manual, UART chapter): 32-bit
 * registers whatever the console's REGDIST flag says, polled TX and RX.
 */
#include <cellvisor/hypercall.h>
#include "mmio.h"
#include "uart.h"

#define URXD		0x00
#define UTXD		0x40
#define UCR1		0x80
#define USR2		0x98
#define UTS		0xb4

#define UCR1_UARTEN	BIT(0)
#define USR2_RDR	BIT(0)		/* receive data ready */
#define UTS_TXFULL	BIT(4)

static void imx_putc(const struct uart *u, char c)
{
	/* Switched off, the UART would never drain: drop the output instead of hanging. */
	if (!(mmio_read32(u->base + UCR1) & UCR1_UARTEN))
		return;
	while (mmio_read32(u->base + UTS) & UTS_TXFULL)
		;
	mmio_write32(u->base + UTXD, (u8)c);
}

static int imx_getc(const struct uart *u)
{
	if (!(mmio_read32(u->base + USR2) & USR2_RDR))
		return -1;
	/* Bits 15:10 are the valid and error flags; the character is the low byte. */
	return mmio_read32(u->base + URXD) & 0xff;
}

/*
 * No RX interrupt: its threshold (UFCR.RXTL) and aging timer are Linux's
 * set-up, and unverified without the board. Readers poll.
 */
const struct uart_driver uart_imx = {
	.name = "imx",
	.type = CV_CON_TYPE_IMX,
	.putc = imx_putc,
	.getc = imx_getc,
};
