/* SPDX-License-Identifier: GPL-2.0 */
/* Constants shared by the assembly and C sides (checked by static asserts). */
#ifndef _ASM_ASM_DEFS_H
#define _ASM_ASM_DEFS_H

/* Link address of the image; the EL2 MMU maps hypervisor memory here. */
#define HV_VIRT_BASE		0xffffc0000000

#define PERCPU_SIZE		0x4000
#define STACK_SIZE		0x2000	/* at the start of struct per_cpu */
#define FRAME_SIZE		256	/* struct registers, at the stack top */

/* struct cv_fw_header offsets */
#define HDR_CORE_SIZE		16
#define HDR_PERCPU_SIZE		24
#define HDR_MAX_CPUS		48

/* MAIR_EL2: attr0 normal WB RA/WA, attr1 device nGnRE, attr2 device nGnRnE */
#define MAIR_EL2_VALUE		0x04ff
/* TCR_EL2: T0SZ=16, IRGN0/ORGN0 WBWA, SH0 inner, 4K granule, RES1 bits 31, 23 */
#define TCR_EL2_VALUE		((1 << 31) | (1 << 23) | (3 << 12) | (1 << 10) | (1 << 8) | 16)
/* SCTLR_EL2: RES1 bits, M, C, SA, I (Arm ARM D13.2.113) */
#define SCTLR_EL2_RES1		0x30c50830
#define SCTLR_EL2_VALUE		(SCTLR_EL2_RES1 | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 12))

#endif /* _ASM_ASM_DEFS_H */
