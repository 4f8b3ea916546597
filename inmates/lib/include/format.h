/* SPDX-License-Identifier: GPL-2.0-only */
/* printf-style formatting into a character sink; pure code, also built for host tests. */
#ifndef _INMATE_FORMAT_H
#define _INMATE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink_t)(char c, void *ctx);

/*
 * Formats fmt into sink, one character at a time, and returns the number of
 * characters produced. Conversions: %d %i %u %x %X %p %s %c %%, with the
 * flags '-' and '0', a field width (digits or '*'), a precision for %s and
 * the length modifiers l, ll and z.
 */
int vformat(format_sink_t sink, void *ctx, const char *fmt, va_list ap);

/* Like snprintf: always NUL-terminates when size > 0, returns the full length. */
int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
int snprintk(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* _INMATE_FORMAT_H */
