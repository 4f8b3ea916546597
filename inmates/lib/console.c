// SPDX-License-Identifier: GPL-2.0-only
/* Console backend selection and character output. */
#include "cmdline.h"
#include "comm.h"
#include "console.h"
#include "hvc.h"
#include "mmu.h"

static struct uart uart;
static bool have_uart;
static enum console_backend backend;

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* a equals the lower-case name b, in any case ("PL011" as Jailhouse's inmates spell it). */
static bool same_name(const char *a, const char *b)
{
	while (*a && lower(*a) == *b)
		a++, b++;
	return !*a && !*b;
}

/* con-type=NAME as configs spell the console type; the PL011 by default. */
static u16 cmdline_uart_type(void)
{
	char name[16];

	if (!cmdline_get_str("con-type", name, sizeof(name)))
		return CV_CON_TYPE_PL011;
	for (unsigned int i = 0; uart_drivers[i]; i++)
		if (same_name(name, uart_drivers[i]->name))
			return uart_drivers[i]->type;
	return CV_CON_TYPE_NONE;
}

static void find_uart(void)
{
	s64 base = cmdline_get_int("con-base", 0);

	if (base)
		have_uart = uart_init(&uart, cmdline_uart_type(), (unsigned long)base,
				      cmdline_get_bool("con-regdist", true));
	else
		have_uart = uart_init(&uart, comm_region->console.type,
				      comm_region->console.address,
				      comm_region->console.flags & CV_CON_FLAG_REGDIST_4);
	if (have_uart)
		mmu_map_device(uart.base, 0x1000);
}

static bool want_hypercall(void)
{
	u32 flags = comm_region->flags;
	bool active = flags & CV_COMM_FLAG_DBG_PUTC_ACTIVE;

	if (!(flags & (CV_COMM_FLAG_DBG_PUTC_PERMITTED |
		       CV_COMM_FLAG_DBG_PUTC_ACTIVE)))
		return false;
	return cmdline_get_bool("con-virtual", active);
}

void console_init(void)
{
	find_uart();
	if (want_hypercall())
		backend = CONSOLE_HYPERCALL;
	else if (have_uart)
		backend = CONSOLE_UART;
	else
		backend = CONSOLE_NONE;
}

const struct uart *console_uart(void)
{
	return have_uart ? &uart : NULL;
}

void console_select(enum console_backend b)
{
	if (b == CONSOLE_UART && !have_uart)
		return;
	backend = b;
}

enum console_backend console_backend(void)
{
	return backend;
}

static void raw_putc(char c)
{
	switch (backend) {
	case CONSOLE_HYPERCALL:
		hypercall(CV_HC_DEBUG_CONSOLE_PUTC, (u8)c, 0);
		break;
	case CONSOLE_UART:
		uart.driver->putc(&uart, c);
		break;
	case CONSOLE_NONE:
		break;
	}
}

void console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}
