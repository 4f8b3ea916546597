// SPDX-License-Identifier: GPL-2.0-only
/*
 * uart-demo: a line-echo shell on the cell's UART (a PL011, real or the
 * hypervisor's vUART, or an i.MX UART). Typed characters are echoed; Enter
 * prints "echo: <line>". RX is interrupt driven with uart-irq=<INTID> on
 * the command line (the vUART's SPI from the cell config) if the UART's
 * driver has an RX interrupt, otherwise the UART is polled every 10 ms on
 * the virtual timer. Input waits in the UART while the demo's own buffer
 * is full, so a long paste arrives whole.
 *
 * flood=1 on the command line makes it print "Hello N from cell!" lines
 * (N from 1) as fast as the console takes them instead, as Jailhouse's
 * uart-demo does; lines=K stops after K lines.
 */
#include "inmate.h"

#define LINE_MAX	128
#define RX_RING		256
#define POLL_US		10000

static const struct uart *uart;
static unsigned int uart_irq;
static u64 poll_ticks;

static char ring[RX_RING];
static volatile unsigned int ring_head, ring_tail;

static char line[LINE_MAX];
static unsigned int line_len;
static bool last_was_cr;

/* The ring was full: the UART may hold more than its interrupt says. */
static bool rx_left;

/* Takes what the ring has room for; the rest waits in the UART (flow control). */
static void rx_drain(void)
{
	int c;

	while (ring_head - ring_tail < RX_RING && (c = uart->driver->getc(uart)) >= 0)
		ring[ring_head++ % RX_RING] = (char)c;
	rx_left = ring_head - ring_tail == RX_RING;
}

static void handle_irq(unsigned int irq)
{
	if (uart_irq && irq == uart_irq) {
		rx_drain();
		uart->driver->rx_irq_ack(uart);
	} else if (irq == TIMER_VIRT_IRQ) {
		rx_drain();
		timer_start(poll_ticks);
	}
}

/* Sleeps until the ring has a byte; masking first closes the check-then-wfi race. */
static char next_char(void)
{
	char c;

	for (;;) {
		irq_mask();
		if (ring_head != ring_tail)
			break;
		wfi();
		irq_unmask();
	}
	c = ring[ring_tail++ % RX_RING];
	if (rx_left)
		rx_drain();
	irq_unmask();
	return c;
}

static void prompt(void)
{
	printk("uart-demo> ");
}

static void end_of_line(void)
{
	line[line_len] = '\0';
	printk("\necho: %s\n", line);
	line_len = 0;
	prompt();
}

static void handle_char(char c)
{
	bool cr_lf = last_was_cr && c == '\n';

	last_was_cr = c == '\r';
	if (cr_lf)
		return;
	if (c == '\r' || c == '\n') {
		end_of_line();
	} else if (c == 0x7f || c == '\b') {
		if (line_len) {
			line_len--;
			console_puts("\b \b");
		}
	} else if (c >= 0x20 && c < 0x7f && line_len < LINE_MAX - 1) {
		line[line_len++] = c;
		console_putc(c);
	}
}

static void rx_setup(void)
{
	irq_init(handle_irq);
	if (uart_irq) {
		gic_enable_irq(uart_irq);
		uart->driver->rx_irq_enable(uart, true);
	} else {
		poll_ticks = timer_us_to_ticks(POLL_US);
		gic_enable_irq(TIMER_VIRT_IRQ);
		timer_start(poll_ticks);
	}
	irq_unmask();
}

static void flood(void)
{
	s64 lines = cmdline_get_int("lines", 0);
	u64 n;

	for (n = 1; lines <= 0 || n <= (u64)lines; n++)
		printk("Hello %lu from cell!\n", (unsigned long)n);
	printk("uart-demo: %lu lines printed\n", (unsigned long)lines);
}

void inmate_main(void)
{
	if (cmdline_get_bool("flood", false)) {
		flood();
		return;
	}
	uart = console_uart();
	if (!uart) {
		printk("uart-demo: no UART (a comm console of type pl011 or imx, or con-base=ADDR)\n");
		return;
	}
	/* Answer where the input comes from, even if printk used the hypercall. */
	console_select(CONSOLE_UART);
	if (uart->driver->rx_irq_enable)
		uart_irq = (unsigned int)cmdline_get_int("uart-irq", 0);
	printk("\nuart-demo: line echo on the %s at 0x%lx, RX %s",
	       uart->driver->name, uart->base, uart_irq ? "interrupt INTID " : "polled every 10 ms");
	if (uart_irq)
		printk("%u", uart_irq);
	printk("\nType a line and press Enter.\n");
	if (gic_init())
		return;
	rx_setup();
	prompt();
	for (;;)
		handle_char(next_char());
}
