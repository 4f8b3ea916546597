/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the resource interfaces kmod/config-check.c asks
 * which RAM Linux uses; test-layers.c answers from a list of ranges.
 */
#ifndef _LAYERS_LINUX_IOPORT_H
#define _LAYERS_LINUX_IOPORT_H

#include <linux/printk.h>

struct resource {
	u64 start, end;		/* inclusive, as the kernel's */
};

#define IORESOURCE_SYSTEM_RAM	0x01000200UL
#define IORESOURCE_BUSY		0x80000000UL
#define IORES_DESC_NONE		0

enum { REGION_INTERSECTS, REGION_DISJOINT, REGION_MIXED };

int region_intersects(u64 start, size_t size, unsigned long flags, unsigned long desc);
int walk_iomem_res_desc(unsigned long desc, unsigned long flags, u64 start, u64 end,
			void *arg, int (*func)(struct resource *, void *));

#endif
