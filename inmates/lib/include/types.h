/* SPDX-License-Identifier: GPL-2.0-only */
/* Short fixed-width types for inmate code, on top of the shared ABI types. */
#ifndef _INMATE_TYPES_H
#define _INMATE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <cellvisor/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(n)		(1UL << (n))

#endif /* _INMATE_TYPES_H */
