/* SPDX-License-Identifier: GPL-2.0-only */
/* MMIO accessors: single loads/stores of the stated width, never merged or split. */
#ifndef _INMATE_MMIO_H
#define _INMATE_MMIO_H

#include "types.h"

/*
 * Trapped device registers are emulated from the data-abort syndrome, which
 * only describes single-register loads and stores without writeback
 * (ESR_EL2.ISV, Arm ARM D17.2.37). The asm pins that instruction form.
 */
static inline u8 mmio_read8(unsigned long addr)
{
	u8 v;

	asm volatile("ldrb %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
	return v;
}

static inline u16 mmio_read16(unsigned long addr)
{
	u16 v;

	asm volatile("ldrh %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
	return v;
}

static inline u32 mmio_read32(unsigned long addr)
{
	u32 v;

	asm volatile("ldr %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
	return v;
}

static inline u64 mmio_read64(unsigned long addr)
{
	u64 v;

	asm volatile("ldr %0, [%1]" : "=r" (v) : "r" (addr) : "memory");
	return v;
}

static inline void mmio_write8(unsigned long addr, u8 v)
{
	asm volatile("strb %w0, [%1]" : : "r" (v), "r" (addr) : "memory");
}

static inline void mmio_write16(unsigned long addr, u16 v)
{
	asm volatile("strh %w0, [%1]" : : "r" (v), "r" (addr) : "memory");
}

static inline void mmio_write32(unsigned long addr, u32 v)
{
	asm volatile("str %w0, [%1]" : : "r" (v), "r" (addr) : "memory");
}

static inline void mmio_write64(unsigned long addr, u64 v)
{
	asm volatile("str %0, [%1]" : : "r" (v), "r" (addr) : "memory");
}

#endif /* _INMATE_MMIO_H */
