/* SPDX-License-Identifier: GPL-2.0 */
/* Barriers (Arm ARM B2.3): the host tests have their own (arch/fake). */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define isb()		asm volatile("isb" ::: "memory")
#define dsb(o)		asm volatile("dsb " #o ::: "memory")

#endif /* _ASM_BARRIER_H */
