// SPDX-License-Identifier: GPL-2.0-only
/* printk: the formatter writing straight to the console. */
#include "console.h"
#include "printk.h"

static void console_sink(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int vprintk(const char *fmt, va_list ap)
{
	return vformat(console_sink, NULL, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
