/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UART drivers for the hypervisor's debug console. The system config names
 * the UART (debug-console type and address); it is used as the firmware or
 * Linux left it: no driver touches baud rate, clocks or pins.
 */
#ifndef _HV_UART_H
#define _HV_UART_H

#include <hv/types.h>

struct uart_driver {
	u16 type;				/* the CV_CON_TYPE_* it drives */
	/* False if the UART is switched off and would never send (NULL: always on). */
	bool (*enabled)(unsigned long base);
	/* True while the transmitter has no room for another character. */
	bool (*tx_full)(unsigned long base);
	void (*tx_write)(unsigned long base, char c);
};

extern const struct uart_driver uart_pl011, uart_imx;

/* The driver for a console type, or NULL if the hypervisor has none. */
const struct uart_driver *uart_driver_find(u16 type);

/*
 * The debug UART, set by the arch boot code when it maps the UART (before
 * the first printk): its address, 0 for none, and its CV_CON_TYPE_*.
 */
extern u64 debug_uart_base;
extern u16 debug_uart_type;

/*
 * Sends one character on the debug UART, waiting a bounded time for room;
 * does nothing without a UART, without a driver for it or with it switched off.
 */
void uart_debug_putc(char c);

#endif /* _HV_UART_H */
