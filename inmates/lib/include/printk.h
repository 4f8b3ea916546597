/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatted output to the console (see format.h for the conversions). */
#ifndef _INMATE_PRINTK_H
#define _INMATE_PRINTK_H

#include "format.h"

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

#endif /* _INMATE_PRINTK_H */
