// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the debug console's UART drivers against register models
 * (tests/models/uart-model.c): the driver the console type names, bytes in
 * order, a wait for TX room before every write, nothing on a switched-off
 * UART, a bounded wait on one that never drains, printk's "\r\n"; and
 * the root's console doorbell when a reader that caught up has news.
 */
#include <string.h>
#include <cellvisor/config.h>
#include <asm/io.h>
#include <hv/printk.h>
#include <hv/uart.h>
#include "uart-model.h"
#include "tap.h"

#define BASE		0x30890000UL

static struct uart_model model;
static unsigned int doorbells;

void root_doorbell(unsigned int n)
{
	CHECK_EQ(n, CV_ROOT_DOORBELL_CONSOLE);
	doorbells++;
}

u32 io_read32(unsigned long addr)
{
	return uart_model_read(&model, addr, 4);
}

void io_write32(unsigned long addr, u32 v)
{
	uart_model_write(&model, addr, 4, v);
}

static void use(enum uart_model_kind kind, u16 type)
{
	uart_model_init(&model, kind, BASE);
	debug_uart_base = BASE;
	debug_uart_type = type;
}

static void send(const char *s)
{
	while (*s)
		uart_debug_putc(*s++);
}

static void test_driver_choice(void)
{
	CHECK(uart_driver_find(CV_CON_TYPE_PL011) == &uart_pl011);
	CHECK(uart_driver_find(CV_CON_TYPE_IMX) == &uart_imx);
	CHECK(uart_driver_find(CV_CON_TYPE_NONE) == NULL);
	CHECK(uart_driver_find(CV_CON_TYPE_8250) == NULL);
}

/* Every write waits: a one-entry FIFO that stays full for three polls. */
static void test_waits_for_tx(enum uart_model_kind kind, u16 type)
{
	const char *text = "cellvisor: enabling on 4 CPUs";

	use(kind, type);
	model.fifo_depth = 1;
	model.drain_polls = 3;
	send(text);
	CHECK(uart_model_sent(&model, text));
	CHECK_EQ(model.overruns, 0);
	CHECK_EQ(model.bad_accesses, 0);
	/* after each write but the first the driver found the FIFO full, twice */
	CHECK_EQ(model.full_polls, 2 * (strlen(text) - 1));

	/* a real 32-entry FIFO: a long line goes out whole, in order */
	use(kind, type);
	model.drain_polls = 5;
	text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	send(text);
	CHECK(uart_model_sent(&model, text));
	CHECK(model.full_polls > 0);
}

/* A UART that never drains costs a bounded wait per character, not a hang. */
static void test_stuck_uart(enum uart_model_kind kind, u16 type)
{
	use(kind, type);
	model.fifo_depth = 1;
	model.drain_polls = 0;
	send("ab");
	CHECK_EQ(model.n_sent, 1);
	CHECK(model.polls > 1000);
}

static void test_imx_switched_off(void)
{
	use(UART_MODEL_IMX, CV_CON_TYPE_IMX);
	model.enabled = false;
	send("lost");
	CHECK_EQ(model.n_sent, 0);
	CHECK_EQ(model.overruns, 0);
	CHECK_EQ(model.polls, 0);
}

static void test_no_uart(void)
{
	use(UART_MODEL_PL011, CV_CON_TYPE_NONE);
	send("x");
	use(UART_MODEL_PL011, CV_CON_TYPE_8250);
	send("x");
	use(UART_MODEL_PL011, CV_CON_TYPE_PL011);
	debug_uart_base = 0;
	send("x");
	CHECK_EQ(model.polls + model.n_sent + model.bad_accesses, 0);
}

/* printk goes to the log ring and, with "\r" before "\n", to the UART. */
static void test_printk(void)
{
	char buf[64];
	u64 pos = 0, n;

	use(UART_MODEL_IMX, CV_CON_TYPE_IMX);
	printk("CPU %u: up\n", 3);
	CHECK(uart_model_sent(&model, "CPU 3: up\r\n"));
	CHECK_EQ(hv_log_read(&pos, buf, 0), 10);	/* waiting, not read */
	CHECK_EQ(pos, 0);
	pos = 20;
	CHECK_EQ(hv_log_read(&pos, buf, 0), 0);		/* past the end: moved back */
	CHECK_EQ(pos, 10);
	pos = 0;
	n = hv_log_read(&pos, buf, sizeof(buf));
	CHECK_EQ(n, 10);
	CHECK(memcmp(buf, "CPU 3: up\n", 10) == 0);

	/* the reader caught up: one doorbell for the next line, none for more */
	CHECK_EQ(doorbells, 0);
	printk("a\n");
	printk("b\n");
	CHECK_EQ(doorbells, 1);
	CHECK_EQ(hv_log_read(&pos, buf, 2), 2);		/* not at the end yet */
	printk("c\n");
	CHECK_EQ(doorbells, 1);
	CHECK_EQ(hv_log_read(&pos, buf, 0), 4);
	CHECK_EQ(hv_log_read(&pos, buf, sizeof(buf)), 4);
	printk("d\n");
	CHECK_EQ(doorbells, 2);
	CHECK_EQ(hv_log_read(&pos, buf, 0), 2);		/* asked: news already rung */
	CHECK_EQ(hv_log_read(&pos, buf, 2), 2);
	CHECK_EQ(hv_log_read(&pos, buf, 0), 0);		/* asked with nothing waiting */
	printk("e\n");
	CHECK_EQ(doorbells, 3);
}

int main(void)
{
	test_driver_choice();
	test_waits_for_tx(UART_MODEL_PL011, CV_CON_TYPE_PL011);
	test_waits_for_tx(UART_MODEL_IMX, CV_CON_TYPE_IMX);
	test_stuck_uart(UART_MODEL_PL011, CV_CON_TYPE_PL011);
	test_stuck_uart(UART_MODEL_IMX, CV_CON_TYPE_IMX);
	test_imx_switched_off();
	test_no_uart();
	test_printk();
	return tap_done();
}
