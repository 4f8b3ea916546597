/* SPDX-License-Identifier: GPL-2.0 */
/* Device register access: one 32-bit load or store, never merged or split. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <hv/types.h>

static inline u32 io_read32(unsigned long addr)
{
	return *(volatile u32 *)addr;
}

static inline void io_write32(unsigned long addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

#endif /* _ASM_IO_H */
