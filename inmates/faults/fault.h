/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the fault inmates: a 1 Hz "alive N" heartbeat after the attempt. */
#ifndef _FAULT_H
#define _FAULT_H

#include "inmate.h"

/*
 * Prints "alive N" once a second from the virtual timer, forever (or until
 * the hypervisor asks for shutdown), so a test can see the cell still runs.
 * Sets up the GIC itself unless gic_ready.
 */
void alive_forever(bool gic_ready) __attribute__((noreturn));

/* Maps addr (stage 1 only, if the MMU is on) so the access reaches stage 2. */
static inline void fault_map(unsigned long addr)
{
	mmu_map_device(addr, 0x1000);
}

#endif /* _FAULT_H */
