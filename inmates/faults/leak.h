/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secret leak-plant leaves behind and leak-find looks for: words
 * whose upper 32 bits are LEAK_MAGIC, in RAM, in the FP/SIMD registers
 * and in the EL1 registers a cell can write.
 */
#ifndef _LEAK_H
#define _LEAK_H

#include "inmate.h"

#define LEAK_MAGIC		0x5ec2e7abUL
#define LEAK_WORD(i)		((LEAK_MAGIC << 32) | (u32)(i))
/* The data region both are given (the cell configs of hv-attacks-mem.sh). */
#define LEAK_DATA		0x10000000UL
#define LEAK_DATA_SIZE		(16UL << 20)

extern char __image_end[];

/* The cell's RAM the image does not use: from its end to the end of its 64 KiB. */
static inline u64 *leak_free_ram(unsigned long *words)
{
	*words = (0x10000 - (unsigned long)__image_end) / 8;
	return (u64 *)__image_end;
}

#endif /* _LEAK_H */
