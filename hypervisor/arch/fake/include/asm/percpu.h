/* SPDX-License-Identifier: GPL-2.0 */
/* The fake arch's part of the per-CPU data: nothing but the sizes. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <hv/types.h>

#define PERCPU_SIZE		0x4000
#define STACK_SIZE		0x2000

struct per_cpu;

struct arch_per_cpu {
	int unused;
};

/* A host test that reaches this defines it. */
struct per_cpu *this_cpu(void);

#endif /* _ASM_PERCPU_H */
