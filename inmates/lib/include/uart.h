/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The library's UART drivers, chosen by the comm region's console type
 * (or con-type= on the command line). A UART is used as whoever owns the
 * board set it up: baud rate, clocks and pins are never touched (the
 * console's divider is 0 in every config we know).
 */
#ifndef _INMATE_UART_H
#define _INMATE_UART_H

#include "types.h"

struct uart;

struct uart_driver {
	const char *name;		/* as configs spell the type: "pl011", "imx" */
	u16 type;			/* CV_CON_TYPE_* */
	/* Waits for room in the transmitter, then sends c. */
	void (*putc)(const struct uart *u, char c);
	/* The next received byte, or -1 if none is waiting. */
	int (*getc)(const struct uart *u);
	/* RX interrupt per received byte on or off, and its acknowledgement; NULL: none. */
	void (*rx_irq_enable)(const struct uart *u, bool on);
	void (*rx_irq_ack)(const struct uart *u);
};

struct uart {
	const struct uart_driver *driver;
	unsigned long base;
	bool regdist4;			/* 32-bit registers 4 bytes apart, else 8-bit (PL011 only) */
};

extern const struct uart_driver uart_pl011, uart_imx;
/* Every driver, NULL-terminated. */
extern const struct uart_driver *const uart_drivers[];

/* Sets up u for a console of a type (CV_CON_TYPE_*); false if no driver has it. */
bool uart_init(struct uart *u, u16 type, unsigned long base, bool regdist4);

#endif /* _INMATE_UART_H */
