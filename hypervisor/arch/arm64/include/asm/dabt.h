/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data abort syndrome decoding (pure logic, host-tested), inline: it is
 * on the path of every emulated MMIO access.
 */
#ifndef _ASM_DABT_H
#define _ASM_DABT_H

#include <hv/mmio.h>
#include <hv/types.h>

#define ISS_ISV			BIT(24)
#define ISS_SAS_SHIFT		22
#define ISS_SSE			BIT(21)
#define ISS_SRT_SHIFT		16
#define ISS_SF			BIT(15)
#define ISS_EA			BIT(9)
#define ISS_CM			BIT(8)
#define ISS_S1PTW		BIT(7)
#define ISS_WNR			BIT(6)
#define ISS_DFSC_MASK		0x3f

/*
 * Decodes a stage-2 data abort (ESR_EL2.ISS, Arm ARM D13.2.39) into the
 * access (value 0). Returns false when the syndrome does not describe a
 * single emulatable access (ISV=0, stage-1 walk, cache op, external abort).
 */
static inline bool dabt_decode(u64 esr, u64 hpfar, u64 far, struct mmio_access *acc)
{
	u64 dfsc = esr & ISS_DFSC_MASK;

	if (!(esr & ISS_ISV) || (esr & (ISS_S1PTW | ISS_EA | ISS_CM)))
		return false;
	/* translation, access flag or permission fault, levels 0-3 */
	if (dfsc < 0x04 || dfsc > 0x0f)
		return false;
	acc->addr = ((hpfar & 0x00000ffffffffff0ULL) << 8) | (far & 0xfff);
	acc->size = 1U << ((esr >> ISS_SAS_SHIFT) & 3);
	acc->is_write = esr & ISS_WNR;
	acc->value = 0;
	return true;
}

/* The register the access loads or stores (Rt; 31 is xzr). */
static inline unsigned int dabt_reg(u64 esr)
{
	return (esr >> ISS_SRT_SHIFT) & 0x1f;
}

/* The register value a load of @raw delivers, extended per SAS, SSE and SF. */
static inline u64 dabt_load_value(u64 esr, u64 raw)
{
	/* the access's bits at the top, then back: zero- or sign-extended */
	unsigned int shift = 64 - (8U << ((esr >> ISS_SAS_SHIFT) & 3));
	u64 v = raw << shift;

	if (!(esr & ISS_SSE))
		return v >> shift;
	v = (u64)((s64)v >> shift);
	return esr & ISS_SF ? v : v & 0xffffffffULL;
}

#endif /* _ASM_DABT_H */
