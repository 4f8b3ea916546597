// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of the inmate library's UART drivers against register models
 * (tests/models/uart-model.c): the driver a console type names, bytes in
 * order with a wait for TX room before every write, 8- and 32-bit PL011
 * registers, received bytes, and no hang on a switched-off i.MX UART.
 */
#include <stdio.h>

#include "tap.h"
#include <string.h>

#include <cellvisor/hypercall.h>
#include "mmio.h"
#include "uart.h"
#include "uart-model.h"

#define UART4		0x30a60000UL

static struct uart_model model;

u8 mmio_read8(unsigned long addr)
{
	return (u8)uart_model_read(&model, addr, 1);
}

u32 mmio_read32(unsigned long addr)
{
	return uart_model_read(&model, addr, 4);
}

void mmio_write8(unsigned long addr, u8 v)
{
	uart_model_write(&model, addr, 1, v);
}

void mmio_write32(unsigned long addr, u32 v)
{
	uart_model_write(&model, addr, 4, v);
}

static void send(const struct uart *u, const char *s)
{
	while (*s)
		u->driver->putc(u, *s++);
}

static void test_choice(void)
{
	struct uart u;

	CHECK(uart_init(&u, CV_CON_TYPE_IMX, UART4, true) && u.driver == &uart_imx && u.base == UART4);
	CHECK(uart_init(&u, CV_CON_TYPE_PL011, 0x09000000, false) && u.driver == &uart_pl011 && !u.regdist4);
	CHECK(!uart_init(&u, CV_CON_TYPE_8250, 0x09000000, true));
	CHECK(!uart_init(&u, CV_CON_TYPE_NONE, 0x09000000, true));
	CHECK(!uart_init(&u, CV_CON_TYPE_IMX, 0, true));	/* a console without an address */
	CHECK(!strcmp(uart_imx.name, "imx") && !strcmp(uart_pl011.name, "pl011"));
}

/* A one-entry FIFO that stays full for three polls after every write. */
static void test_tx(enum uart_model_kind kind, u16 type, bool regdist4)
{
	const char *text = "Timer fired, jitter:  901280 ns\r\n";
	struct uart u;

	uart_model_init(&model, kind, UART4);
	model.fifo_depth = 1;
	model.drain_polls = 3;
	CHECK(uart_init(&u, type, UART4, regdist4));
	send(&u, text);
	CHECK(uart_model_sent(&model, text));
	CHECK(model.full_polls == 2 * (strlen(text) - 1));
}

static void test_rx(enum uart_model_kind kind, u16 type, bool regdist4)
{
	struct uart u;

	uart_model_init(&model, kind, UART4);
	model.rx = "ok\r";
	CHECK(uart_init(&u, type, UART4, regdist4));
	CHECK(u.driver->getc(&u) == 'o');
	CHECK(u.driver->getc(&u) == 'k');
	CHECK(u.driver->getc(&u) == '\r');
	CHECK(u.driver->getc(&u) == -1);
	CHECK(model.bad_accesses == 0);
}

static void test_pl011_rx_irq(void)
{
	struct uart u;

	uart_model_init(&model, UART_MODEL_PL011, UART4);
	uart_init(&u, CV_CON_TYPE_PL011, UART4, true);
	u.driver->rx_irq_enable(&u, true);
	CHECK(model.ctrl == 0x50);			/* UARTIMSC: RXIM | RTIM */
	u.driver->rx_irq_ack(&u);
	u.driver->rx_irq_enable(&u, false);
	CHECK(model.ctrl == 0);
	CHECK(model.bad_accesses == 0);
	CHECK(!uart_imx.rx_irq_enable && !uart_imx.rx_irq_ack);
}

/* UCR1.UARTEN clear: nothing drains, so nothing is written and nothing waits. */
static void test_imx_switched_off(void)
{
	struct uart u;

	uart_model_init(&model, UART_MODEL_IMX, UART4);
	model.enabled = false;
	uart_init(&u, CV_CON_TYPE_IMX, UART4, true);
	send(&u, "lost");
	CHECK(model.n_sent == 0 && model.overruns == 0 && model.polls == 0);
}

int main(void)
{
	test_choice();
	test_tx(UART_MODEL_PL011, CV_CON_TYPE_PL011, true);
	test_tx(UART_MODEL_PL011, CV_CON_TYPE_PL011, false);
	test_tx(UART_MODEL_IMX, CV_CON_TYPE_IMX, true);
	/* the i.MX UART's registers are 32-bit whatever the console flags say */
	test_tx(UART_MODEL_IMX, CV_CON_TYPE_IMX, false);
	test_rx(UART_MODEL_PL011, CV_CON_TYPE_PL011, true);
	test_rx(UART_MODEL_IMX, CV_CON_TYPE_IMX, true);
	test_pl011_rx_irq();
	test_imx_switched_off();
	return tap_done();
}
