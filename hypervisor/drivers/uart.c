// SPDX-License-Identifier: GPL-2.0
/* The debug console: the UART driver the system config's debug-console type names. */
#include <hv/uart.h>

/* Polls of a full transmitter before a character goes out anyway. */
#define TX_SPINS		100000

u64 debug_uart_base;
u16 debug_uart_type;

static const struct uart_driver *const drivers[] = { &uart_pl011, &uart_imx };

const struct uart_driver *uart_driver_find(u16 type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i]->type == type)
			return drivers[i];
	return NULL;
}

void uart_debug_putc(char c)
{
	const struct uart_driver *drv = uart_driver_find(debug_uart_type);
	unsigned long base = (unsigned long)debug_uart_base;
	unsigned int spins = TX_SPINS;

	if (!base || !drv || (drv->enabled && !drv->enabled(base)))
		return;
	while (drv->tx_full(base) && --spins)
		;
	drv->tx_write(base, c);
}
