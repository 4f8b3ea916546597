/* SPDX-License-Identifier: GPL-2.0 */
/* Host unit tests: device registers are a model the test provides. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <hv/types.h>

u32 io_read32(unsigned long addr);
void io_write32(unsigned long addr, u32 v);

#endif /* _ASM_IO_H */
