/* SPDX-License-Identifier: GPL-2.0-only */
/* Console output: the debug-putc hypercall or the cell's UART, chosen at start-up. */
#ifndef _INMATE_CONSOLE_H
#define _INMATE_CONSOLE_H

#include "uart.h"

enum console_backend {
	CONSOLE_NONE,
	CONSOLE_HYPERCALL,		/* CV_HC_DEBUG_CONSOLE_PUTC per character */
	CONSOLE_UART,			/* the UART from comm.console or con-base= */
};

/*
 * Picks the backend. The hypercall is used when comm.flags has
 * DBG_PUTC_ACTIVE (cmdline con-virtual=0/1 overrides, honoured only if
 * DBG_PUTC_PERMITTED); otherwise the UART comm.console describes, if a
 * driver has its type (pl011, imx), or con-base=ADDR [con-type=pl011|imx]
 * [con-regdist=1]. Output goes to exactly one of them because both feed
 * the same console ring under cellvisor.
 */
void console_init(void);

/* The cell's UART, or NULL if it has none (valid even when output uses the hypercall). */
const struct uart *console_uart(void);
/* Switches output, e.g. to the UART for a program that also reads from it. */
void console_select(enum console_backend backend);
enum console_backend console_backend(void);

/* Writes c; "\n" goes out as "\r\n". */
void console_putc(char c);
void console_puts(const char *s);

#endif /* _INMATE_CONSOLE_H */
