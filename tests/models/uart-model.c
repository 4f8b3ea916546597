// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register models of the PL011 (Arm DDI0183) and of the i.MX UART (i.MX8M
 * Mini reference manual), as much as a console driver touches: data,
 * status, control.
 */
#include <string.h>

#include "uart-model.h"

#define BIT(n)			(1u << (n))

/* PL011 */
#define UARTDR			0x00
#define UARTFR			0x18
#define UARTFR_BUSY		BIT(3)
#define UARTFR_RXFE		BIT(4)
#define UARTFR_TXFF		BIT(5)
#define UARTFR_TXFE		BIT(7)
#define UARTCR			0x30
#define UARTCR_UARTEN		BIT(0)
#define UARTCR_TXE		BIT(8)
#define UARTCR_RXE		BIT(9)
#define UARTIMSC		0x38
#define UARTICR			0x44

/* i.MX UART */
#define URXD			0x00
#define URXD_CHARRDY		BIT(15)
#define UTXD			0x40
#define UCR1			0x80
#define UCR1_UARTEN		BIT(0)
#define USR1			0x94
#define USR1_TRDY		BIT(13)
#define USR2			0x98
#define USR2_RDR		BIT(0)
#define USR2_TXDC		BIT(3)
#define USR2_TXFE		BIT(14)
#define UTS			0xb4
#define UTS_TXFULL		BIT(4)
#define UTS_RXEMPTY		BIT(5)
#define UTS_TXEMPTY		BIT(6)
/* UFCR.TXTL out of reset: TRDY while fewer than 2 characters wait. */
#define IMX_TXTL		2

void uart_model_init(struct uart_model *m, enum uart_model_kind kind, unsigned long base)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->base = base;
	m->fifo_depth = 32;
	m->drain_polls = 1;
	m->enabled = true;
}

/* One status read: time passes, maybe a character leaves the FIFO, then the read sees the rest. */
static void poll(struct uart_model *m)
{
	m->polls++;
	if (m->drain_polls && m->fifo && m->enabled && ++m->polls_since_drain >= m->drain_polls) {
		m->fifo--;
		m->polls_since_drain = 0;
	}
	if (m->fifo == m->fifo_depth)
		m->full_polls++;
}

static void transmit(struct uart_model *m, uint32_t v)
{
	if (m->fifo == m->fifo_depth) {
		m->overruns++;
		return;
	}
	if (m->n_sent < sizeof(m->sent))
		m->sent[m->n_sent++] = (char)v;
	if (m->fifo++ == 0)
		m->polls_since_drain = 0;
}

static int receive(struct uart_model *m)
{
	return m->rx && *m->rx ? (unsigned char)*m->rx++ : -1;
}

static bool rx_empty(const struct uart_model *m)
{
	return !m->rx || !*m->rx;
}

static uint32_t pl011_read(struct uart_model *m, unsigned int off)
{
	uint32_t fr = 0;
	int c;

	switch (off) {
	case UARTDR:
		c = receive(m);
		return c < 0 ? 0 : (uint32_t)c;
	case UARTFR:
		poll(m);
		if (m->fifo == m->fifo_depth)
			fr |= UARTFR_TXFF;
		if (m->fifo == 0)
			fr |= UARTFR_TXFE;
		else
			fr |= UARTFR_BUSY;
		if (rx_empty(m))
			fr |= UARTFR_RXFE;
		return fr;
	case UARTCR:
		return UARTCR_TXE | UARTCR_RXE | (m->enabled ? UARTCR_UARTEN : 0);
	case UARTIMSC:
		return m->ctrl;
	}
	m->bad_accesses++;
	return 0;
}

static void pl011_write(struct uart_model *m, unsigned int off, uint32_t v)
{
	switch (off) {
	case UARTDR:
		transmit(m, v & 0xff);
		return;
	case UARTIMSC:
		m->ctrl = v;
		return;
	case UARTICR:
		return;
	}
	m->bad_accesses++;
}

static uint32_t imx_read(struct uart_model *m, unsigned int off)
{
	uint32_t r = 0;
	int c;

	switch (off) {
	case URXD:
		c = receive(m);
		return c < 0 ? 0 : URXD_CHARRDY | (uint32_t)c;
	case UCR1:
		return (m->ctrl & ~UCR1_UARTEN) | (m->enabled ? UCR1_UARTEN : 0);
	case USR1:
		poll(m);
		return m->fifo < IMX_TXTL ? USR1_TRDY : 0;
	case USR2:
		poll(m);
		if (m->fifo == 0)
			r |= USR2_TXFE | USR2_TXDC;
		if (!rx_empty(m))
			r |= USR2_RDR;
		return r;
	case UTS:
		poll(m);
		if (m->fifo == m->fifo_depth)
			r |= UTS_TXFULL;
		if (m->fifo == 0)
			r |= UTS_TXEMPTY;
		if (rx_empty(m))
			r |= UTS_RXEMPTY;
		return r;
	}
	m->bad_accesses++;
	return 0;
}

static void imx_write(struct uart_model *m, unsigned int off, uint32_t v)
{
	switch (off) {
	case UTXD:
		/* A disabled UART takes nothing in. */
		if (m->enabled)
			transmit(m, v & 0xff);
		else
			m->overruns++;
		return;
	case UCR1:
		m->ctrl = v;
		m->enabled = v & UCR1_UARTEN;
		return;
	}
	m->bad_accesses++;
}

static bool inside(const struct uart_model *m, unsigned long addr, unsigned int width)
{
	/* the PL011 takes byte accesses too (8-bit register spacing); the i.MX UART word accesses only */
	if (width != 4 && !(width == 1 && m->kind == UART_MODEL_PL011))
		return false;
	return addr >= m->base && addr - m->base < 0x1000 && (addr & (width - 1)) == 0;
}

uint32_t uart_model_read(struct uart_model *m, unsigned long addr, unsigned int width)
{
	if (!inside(m, addr, width)) {
		m->bad_accesses++;
		return 0;
	}
	if (m->kind == UART_MODEL_PL011)
		return pl011_read(m, (unsigned int)(addr - m->base));
	return imx_read(m, (unsigned int)(addr - m->base));
}

void uart_model_write(struct uart_model *m, unsigned long addr, unsigned int width, uint32_t v)
{
	if (!inside(m, addr, width)) {
		m->bad_accesses++;
		return;
	}
	if (m->kind == UART_MODEL_PL011)
		pl011_write(m, (unsigned int)(addr - m->base), v);
	else
		imx_write(m, (unsigned int)(addr - m->base), v);
}

bool uart_model_sent(const struct uart_model *m, const char *s)
{
	return m->n_sent == strlen(s) && memcmp(m->sent, s, m->n_sent) == 0 &&
	       m->overruns == 0 && m->bad_accesses == 0;
}
