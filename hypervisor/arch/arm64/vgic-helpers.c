// SPDX-License-Identifier: GPL-2.0
/* Pure GIC emulation helpers: IRQ ownership masks and SGI targets. */
#include <asm/gic.h>
#include <hv/config.h>
#include <hv/lib.h>

u64 vgic_owned_mask(const u32 *bitmap, unsigned int first_irq,
		    unsigned int bits, unsigned int size)
{
	unsigned int nirq = size * 8 / bits, i;
	u64 field = bits >= 64 ? ~0ULL : (1ULL << bits) - 1, mask = 0;

	for (i = 0; i < nirq; i++) {
		unsigned int irq = first_irq + i;

		if (cv_irq_owned(bitmap, irq))
			mask |= field << (i * bits);
	}
	return mask;
}

/* ICC_SGI1R_EL1 (Arm GIC spec 12.11.25): Aff3 55:48, RS 47:44, IRM 40,
 * Aff2 39:32, INTID 27:24, Aff1 23:16, TargetList 15:0. */
u64 sgi1r_targets(u64 val, const u64 *mpidr, unsigned int n, u64 self)
{
	u64 cluster = (((val >> 48) & 0xff) << 32) | (((val >> 32) & 0xff) << 16) |
		      (((val >> 16) & 0xff) << 8);
	unsigned int rs = (val >> 44) & 0xf, i;
	u64 targets = 0;

	for (i = 0; i < n; i++) {
		u64 aff0 = mpidr[i] & 0xff;

		if (val & BIT(40)) {
			if (mpidr[i] != self)
				targets |= BIT(i);
			continue;
		}
		if ((mpidr[i] & ~0xffULL) != cluster || aff0 / 16 != rs)
			continue;
		if (val & BIT(aff0 % 16))
			targets |= BIT(i);
	}
	return targets;
}
