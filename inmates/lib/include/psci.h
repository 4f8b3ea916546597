/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI calls through the SMC conduit (SMC Calling Convention, Arm DEN0028). */
#ifndef _INMATE_PSCI_H
#define _INMATE_PSCI_H

#include "types.h"

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INVALID_ADDRESS	(-9)

/* AFFINITY_INFO results */
#define PSCI_AFF_ON		0
#define PSCI_AFF_OFF		1
#define PSCI_AFF_ON_PENDING	2

/* "SUCCESS", "DENIED", ...: a PSCI return code's name (psci.c). */
const char *psci_ret_name(long ret);

static inline long psci_call(u32 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	/* SMCCC v1.1: x0..x3 carry results, x4..x17 may be clobbered too. */
	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

static inline long psci_version(void)
{
	return psci_call(PSCI_VERSION, 0, 0, 0);
}

static inline long psci_cpu_on(u64 mpidr, u64 entry, u64 context)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

static inline long psci_affinity_info(u64 mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO_64, mpidr, 0, 0);
}

/* Does not return on success: the calling CPU is powered down. */
static inline long psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

/*
 * The whole "machine" off or reset. For a cell that machine is the cell:
 * under cellvisor it stops with the reason kept (CV_FAIL_PSCI_SYSTEM_OFF
 * or _RESET in the cell info), all its CPUs parked. Returns only on
 * failure.
 */
static inline long psci_system_off(void)
{
	return psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

static inline long psci_system_reset(void)
{
	return psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}

#endif /* _INMATE_PSCI_H */
