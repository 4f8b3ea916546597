/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercall dispatch (core/hypercall.c). */
#ifndef _HV_HYPERCALL_H
#define _HV_HYPERCALL_H

#include <hv/types.h>

struct per_cpu;

/*
 * Not a result (those are >= 0 or -CV_E*, -1..-4095): the hypercall
 * cannot complete yet and the caller's CPU issues it again, its registers
 * as they were.
 */
#define HYPERCALL_RETRY		(-4096L)

/* Dispatches hypercall @code from the CPU @pc; returns the x0 result. */
long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2);

#endif /* _HV_HYPERCALL_H */
