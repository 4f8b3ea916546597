// SPDX-License-Identifier: GPL-2.0-only
/* UART driver choice by console type. */
#include "uart.h"

const struct uart_driver *const uart_drivers[] = { &uart_pl011, &uart_imx, NULL };

bool uart_init(struct uart *u, u16 type, unsigned long base, bool regdist4)
{
	for (unsigned int i = 0; uart_drivers[i]; i++)
		if (uart_drivers[i]->type == type && base) {
			*u = (struct uart){ uart_drivers[i], base, regdist4 };
			return true;
		}
	return false;
}
