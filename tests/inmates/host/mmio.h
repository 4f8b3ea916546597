/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests: the inmate library's register accesses go to the test's models. */
#ifndef _INMATE_MMIO_H
#define _INMATE_MMIO_H

#include "types.h"

u8 mmio_read8(unsigned long addr);
u32 mmio_read32(unsigned long addr);
void mmio_write8(unsigned long addr, u8 v);
void mmio_write32(unsigned long addr, u32 v);

#endif /* _INMATE_MMIO_H */
