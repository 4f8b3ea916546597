/* SPDX-License-Identifier: GPL-2.0 */
/* System register access and the bits cellvisor uses (Arm ARM D13). */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

#include <asm/barrier.h>
#include <hv/types.h>

#define read_sysreg(r) ({ u64 __v; asm volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define write_sysreg(r, v) asm volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define wfi()		asm volatile("wfi" ::: "memory")

#define HCR_VM		BIT(0)
#define HCR_SWIO	BIT(1)
#define HCR_FMO		BIT(3)
#define HCR_IMO		BIT(4)
#define HCR_AMO		BIT(5)
#define HCR_VSE		BIT(8)
#define HCR_TSC		BIT(19)
#define HCR_TSW		BIT(22)
#define HCR_RW		BIT(31)

#define CNTHP_CTL_ENABLE	BIT(0)	/* IMASK clear: the timer raises its PPI */

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define ESR_IL		BIT(25)
#define ESR_ISS(esr)	((esr) & 0x1ffffff)

#define EC_UNKNOWN	0x00
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYS64	0x18
#define EC_IABT_LOW	0x20
#define EC_IABT_CUR	0x21
#define EC_DABT_LOW	0x24
#define EC_DABT_CUR	0x25

#define SPSR_M_MASK	0x1f
#define SPSR_EL0T	0x0
#define SPSR_EL1T	0x4
#define SPSR_EL1H	0x5
#define SPSR_AARCH32	BIT(4)
#define SPSR_DAIF	(0xfULL << 6)
#define SPSR_PAN	BIT(22)

#define SCTLR_EL1_RES1	0x30d00800ULL
#define SCTLR_EL1_SPAN	BIT(23)

#define MPIDR_AFF_MASK	0xff00ffffffULL

#endif /* _ASM_SYSREGS_H */
