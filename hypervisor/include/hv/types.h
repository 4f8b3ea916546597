/* SPDX-License-Identifier: GPL-2.0 */
/* Basic types of the EL2 core (also built on the host for unit tests). */
#ifndef _HV_TYPES_H
#define _HV_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <cellvisor/types.h>
#include <cellvisor/errno.h>	/* the -CV_E* codes functions return */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

typedef u64 paddr_t;
typedef unsigned int cpuid_t;

#define INVALID_CPUID		((cpuid_t)~0U)
#define INVALID_PADDR		(~0ULL)

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1ULL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((u64)(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((u64)(a) - 1)) == 0)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BIT(n)			(1ULL << (n))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

#define __aligned(x)		__attribute__((aligned(x)))
#define __noreturn		__attribute__((noreturn))
#define __unused		__attribute__((unused))
#define __printf(a, b)		__attribute__((format(printf, a, b)))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#endif /* _HV_TYPES_H */
