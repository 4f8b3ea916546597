/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register models of the PL011 and the i.MX UART for host tests of the
 * UART drivers (hypervisor and inmate library). Time is counted in status
 * register reads, the only thing a polling driver does while it waits: the
 * TX FIFO loses one character every drain_polls of them.
 */
#ifndef UART_MODEL_H
#define UART_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum uart_model_kind {
	UART_MODEL_PL011,
	UART_MODEL_IMX,
};

struct uart_model {
	/* set up by the test */
	enum uart_model_kind kind;
	unsigned long base;
	unsigned int fifo_depth;	/* TX FIFO entries: 32 on both, 1 to make every write wait */
	unsigned int drain_polls;	/* status reads per character sent; 0: the FIFO never drains */
	bool enabled;			/* UARTCR.UARTEN / UCR1.UARTEN */
	const char *rx;			/* characters waiting to be received */

	/* what the driver did */
	char sent[4096];		/* accepted characters, in order */
	size_t n_sent;
	unsigned int fifo;		/* characters in the TX FIFO */
	unsigned int polls;		/* status register reads */
	unsigned int full_polls;	/* of them, reads that reported the TX FIFO full */
	unsigned int overruns;		/* characters written to a full FIFO (lost) */
	unsigned int bad_accesses;	/* other registers, widths or addresses */
	uint32_t ctrl;			/* UARTIMSC / UCR1 as last written */
	unsigned int polls_since_drain;
};

/* A model in its reset state with Linux's set-up: enabled, FIFO of 32. */
void uart_model_init(struct uart_model *m, enum uart_model_kind kind, unsigned long base);

/* Accesses of width 1 or 4 bytes at an absolute address inside the model. */
uint32_t uart_model_read(struct uart_model *m, unsigned long addr, unsigned int width);
void uart_model_write(struct uart_model *m, unsigned long addr, unsigned int width, uint32_t v);

/* Did the driver send exactly s (in order, nothing lost, only its registers)? */
bool uart_model_sent(const struct uart_model *m, const char *s);

#endif /* UART_MODEL_H */
