/* SPDX-License-Identifier: GPL-2.0-only */
/* System register access, barriers and the few arm64 instructions inmates need. */
#ifndef _INMATE_SYSREG_H
#define _INMATE_SYSREG_H

#include "types.h"

#define read_sysreg(reg) ({						\
	u64 __val;							\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(reg, val) do {					\
	u64 __val = (u64)(val);						\
	asm volatile("msr " #reg ", %0" : : "r" (__val));		\
} while (0)

/* GICv3 CPU interface registers by encoding (GIC spec 12.2), older assemblers lack the names. */
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define barrier()	asm volatile("" : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")
#define cpu_relax()	asm volatile("yield" : : : "memory")

static inline void irq_unmask(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_mask(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

/* MPIDR_EL1 affinity packed as Aff3.Aff2.Aff1.Aff0, the GICR_TYPER[63:32] format. */
static inline u32 mpidr_to_aff32(u64 mpidr)
{
	return (u32)(((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff));
}

#endif /* _INMATE_SYSREG_H */
