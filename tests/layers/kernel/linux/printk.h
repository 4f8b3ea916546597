/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the kernel headers kmod/config-check.c includes: the
 * kernel's integer types and pr_err(), which the test keeps the last
 * line of (test-layers.c).
 */
#ifndef _LAYERS_LINUX_PRINTK_H
#define _LAYERS_LINUX_PRINTK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

typedef __u32 u32;
typedef __u64 u64;

#define KBUILD_MODNAME "cellvisor"

void layers_kmod_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define pr_err(fmt, ...) layers_kmod_log(pr_fmt(fmt), ##__VA_ARGS__)

#endif
