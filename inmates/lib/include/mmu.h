/* SPDX-License-Identifier: GPL-2.0-only */
/* Optional identity-mapped EL1 stage-1 MMU with caches (2 MiB blocks only). */
#ifndef _INMATE_MMU_H
#define _INMATE_MMU_H

#include "types.h"

/*
 * Maps 0..2M (the image) and the comm region's 2 MiB as normal write-back
 * memory, everything else stays unmapped until mmu_map_device(), and turns
 * on the MMU, D- and I-cache. Skipped with cmdline mmu=0: then every data
 * access is Device-nGnRnE (Arm ARM D8.2.9 "behaviour when stage 1 is
 * disabled"), which is slow but needs no set-up; the build uses
 * -mstrict-align for that case.
 */
void mmu_init(void);
bool mmu_enabled(void);

/*
 * For a secondary CPU (smp.c), on its own stack that ends at @stack_top,
 * with the MMU off: the same registers as mmu_init(), the tables the
 * first CPU built. Only call it when the first CPU turned its MMU on.
 */
void mmu_enable_secondary(unsigned long stack_top);

/* Maps [addr, addr+size) as Device-nGnRnE in 2 MiB blocks; no-op with the MMU off. */
void mmu_map_device(unsigned long addr, unsigned long size);
/*
 * The same as normal write-back memory: unaligned accesses then reach
 * stage 2 (and a hypervisor) instead of faulting at stage 1, which is
 * what the fault inmates need to try them on emulated devices.
 */
void mmu_map_normal(unsigned long addr, unsigned long size);

#endif /* _INMATE_MMU_H */
