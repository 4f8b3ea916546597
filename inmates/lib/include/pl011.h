/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal PL011 driver (Arm PrimeCell UART r1p5 TRM, DDI0183): polled TX, polled or IRQ RX. */
#ifndef _INMATE_PL011_H
#define _INMATE_PL011_H

#include "types.h"

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTIMSC	0x38
#define UARTMIS		0x40
#define UARTICR		0x44

#define UARTFR_BUSY	BIT(3)
#define UARTFR_RXFE	BIT(4)
#define UARTFR_TXFF	BIT(5)
#define UART_INT_RX	BIT(4)		/* RXIM / RXMIS / RXIC */
#define UART_INT_RT	BIT(6)		/* receive timeout, FIFO mode */

struct pl011 {
	unsigned long base;
	bool regdist4;			/* 32-bit registers 4 bytes apart, else 8-bit */
};

void pl011_putc(const struct pl011 *u, char c);
/* Returns the next received byte, or -1 if the RX FIFO is empty. */
int pl011_getc(const struct pl011 *u);
void pl011_rx_irq_enable(const struct pl011 *u, bool on);
/* Clears RX interrupts after the FIFO was drained. */
void pl011_rx_irq_ack(const struct pl011 *u);

#endif /* _INMATE_PL011_H */
