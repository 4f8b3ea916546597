// SPDX-License-Identifier: GPL-2.0-only
/* Console backend selection and character output. */
#include "cmdline.h"
#include "comm.h"
#include "console.h"
#include "hvc.h"
#include "mmu.h"

static struct pl011 uart;
static bool have_uart;
static enum console_backend backend;

static void find_uart(void)
{
	s64 base = cmdline_get_int("con-base", 0);

	if (base) {
		uart.base = (unsigned long)base;
		uart.regdist4 = cmdline_get_bool("con-regdist", true);
	} else if (comm_region->console.type == CV_CON_TYPE_PL011 &&
		   comm_region->console.address) {
		uart.base = comm_region->console.address;
		uart.regdist4 = comm_region->console.flags & CV_CON_FLAG_REGDIST_4;
	} else {
		return;
	}
	mmu_map_device(uart.base, 0x1000);
	have_uart = true;
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

const struct pl011 *console_uart(void)
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
		pl011_putc(&uart, c);
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
