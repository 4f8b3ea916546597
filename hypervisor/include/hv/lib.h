/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding string helpers and bitmap operations. */
#ifndef _HV_LIB_H
#define _HV_LIB_H

#include <hv/types.h>

#ifdef __CELLVISOR_EL2__
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);
#else
#include <string.h>
#endif

static inline void set_bit32(u32 *map, unsigned int n)
{
	map[n / 32] |= 1U << (n % 32);
}

static inline void clear_bit32(u32 *map, unsigned int n)
{
	map[n / 32] &= ~(1U << (n % 32));
}

static inline unsigned int popcount64(u64 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

#define for_each_cpu_in(cpu, mask) \
	for ((cpu) = 0; (cpu) < 64; (cpu)++) \
		if ((mask) & BIT(cpu))

#endif /* _HV_LIB_H */
