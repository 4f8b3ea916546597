/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor log: a ring readable by the root plus the debug UART. */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <stdarg.h>
#include <cellvisor/header.h>
#include <hv/types.h>

#define HV_LOG_SIZE		CV_HV_LOG_SIZE	/* power of two */

/* The log ring, page aligned; its offset is in the firmware header. */
struct hv_log {
	volatile u64 tail;		/* bytes ever written */
	char buf[HV_LOG_SIZE];
};

extern struct hv_log hv_log;

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Appends to the ring and the UART; safe from any CPU once the MMU is on. */
void printk(const char *fmt, ...) __printf(1, 2);

/*
 * Copies log bytes from stream position *pos (or the oldest byte held)
 * into buf; advances *pos. Returns the number of bytes copied; with @len
 * 0, how many wait from *pos (moved to the oldest byte held, if older). A
 * reader that is (or gets) to the end hears of the next line: the root's
 * console doorbell.
 */
u64 hv_log_read(u64 *pos, char *buf, u64 len);

#define pr_info(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk("ERROR: " fmt, ##__VA_ARGS__)

#endif /* _HV_PRINTK_H */
