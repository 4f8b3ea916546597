/* SPDX-License-Identifier: GPL-2.0 */
/* Stage-2 set-up of the arm64 side (stage2.c); the cell hooks are in hv/arch.h. */
#ifndef _ASM_STAGE2_H
#define _ASM_STAGE2_H

struct cell;
struct per_cpu;

/* Master, at enable: picks VTCR_EL2 for the CPU's physical address range. */
int stage2_init(void);
/* Every CPU, at enable: VTCR_EL2 and its cell's stage 2. */
void stage2_cpu_init(struct per_cpu *pc);
/* Switches this CPU to @cell's stage 2 (VTTBR_EL2, TLB of the VMID flushed). */
void stage2_activate(struct cell *cell);
/*
 * A stage-2 fault no emulated device claims: true if it may be the gap of
 * a break-before-make in tables that changed under this CPU, so the access
 * is to be tried again; false if it is the cell's own.
 */
bool stage2_fault_retry(struct per_cpu *pc);

#endif /* _ASM_STAGE2_H */
