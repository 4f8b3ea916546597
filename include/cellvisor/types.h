/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Fixed-width types for the cellvisor ABI, usable by all four sides. */
#ifndef _CELLVISOR_TYPES_H
#define _CELLVISOR_TYPES_H

/*
 * The kernel module and the userland get __u8..__u64 from <linux/types.h>;
 * the freestanding EL2 core (built with -D__CELLVISOR_EL2__) and the inmates
 * (-D__CELLVISOR_INMATE__) have no Linux headers and define them here.
 */
#if defined(__CELLVISOR_EL2__) || defined(__CELLVISOR_INMATE__)
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
#else
#include <linux/types.h>
#endif

#define CV_ABI_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif /* _CELLVISOR_TYPES_H */
