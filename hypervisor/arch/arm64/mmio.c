// SPDX-License-Identifier: GPL-2.0
/* Data abort syndrome decoding (pure logic, host-tested). */
#include <asm/traps.h>

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

bool dabt_decode(u64 esr, u64 hpfar, u64 far, struct dabt_info *d)
{
	u64 dfsc = esr & ISS_DFSC_MASK;

	if (!(esr & ISS_ISV) || (esr & (ISS_S1PTW | ISS_EA | ISS_CM)))
		return false;
	/* translation, access flag or permission fault, levels 0-3 */
	if (dfsc < 0x04 || dfsc > 0x0f)
		return false;
	d->acc.addr = ((hpfar & 0x00000ffffffffff0ULL) << 8) | (far & 0xfff);
	d->acc.size = 1U << ((esr >> ISS_SAS_SHIFT) & 3);
	d->acc.is_write = esr & ISS_WNR;
	d->acc.value = 0;
	d->reg = (esr >> ISS_SRT_SHIFT) & 0x1f;
	d->sign_extend = esr & ISS_SSE;
	d->sixty_four = esr & ISS_SF;
	return true;
}

u64 dabt_load_value(const struct dabt_info *d, u64 raw)
{
	unsigned int bits = d->acc.size * 8;
	u64 v = bits == 64 ? raw : raw & ((1ULL << bits) - 1);

	if (d->sign_extend && bits < 64 && (v & (1ULL << (bits - 1))))
		v |= ~0ULL << bits;
	if (!d->sixty_four)
		v &= 0xffffffffULL;
	return v;
}
