/* SPDX-License-Identifier: GPL-2.0-only */
/* The cellvisor/Jailhouse hypercall: hvc #0x4a48, code in x0, args x1/x2, result x0. */
#ifndef _INMATE_HVC_H
#define _INMATE_HVC_H

#include "types.h"
#include <cellvisor/hypercall.h>

#define __HVC_STR(x)	#x
#define HVC_STR(x)	__HVC_STR(x)

static inline long hypercall(unsigned long code, unsigned long arg1,
			     unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;
	register unsigned long x3 asm("x3");

	/* The ABI lets the hypervisor clobber x1..x3. */
	asm volatile("hvc #" HVC_STR(CV_HVC_IMM)
		     : "+r" (x0), "+r" (x1), "+r" (x2), "=r" (x3)
		     : : "memory");
	return (long)x0;
}

#endif /* _INMATE_HVC_H */
