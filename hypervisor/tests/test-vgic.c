// SPDX-License-Identifier: GPL-2.0
/* Host tests of GIC filtering masks and SGI target decoding. */
#include <asm/gic.h>
#include <hv/lib.h>
#include "test.h"

int main(void)
{
	u32 bitmap[32] = { 0 };
	u64 mpidr[4] = { 0x0, 0x1, 0x2, 0x3 };
	u64 two_clusters[4] = { 0x0, 0x1, 0x100, 0x101 };

	set_bit32(bitmap, 33);		/* PL011 */
	set_bit32(bitmap, 48);
	set_bit32(bitmap, 63);
	/* ISENABLER1 covers IRQs 32..63: bits 1, 16, 31 */
	CHECK_EQ(vgic_owned_mask(bitmap, 32, 1, 4), (1ULL << 1) | (1ULL << 16) | (1ULL << 31));
	CHECK_EQ(vgic_owned_mask(bitmap, 64, 1, 4), 0);
	/* IPRIORITYR8 (IRQs 32..35) as a word: byte 1 only; as a byte at 33 */
	CHECK_EQ(vgic_owned_mask(bitmap, 32, 8, 4), 0xff00ULL);
	CHECK_EQ(vgic_owned_mask(bitmap, 33, 8, 1), 0xffULL);
	CHECK_EQ(vgic_owned_mask(bitmap, 34, 8, 1), 0);
	/* ICFGR2 (IRQs 32..47): 2 bits each, IRQ 33 -> bits 3:2 */
	CHECK_EQ(vgic_owned_mask(bitmap, 32, 2, 4), 0xcULL);
	/* ICFGR3 (IRQs 48..63): IRQ 48 bits 1:0, IRQ 63 bits 31:30 */
	CHECK_EQ(vgic_owned_mask(bitmap, 48, 2, 4), 0xc0000003ULL);
	/* beyond 1023 nothing is owned */
	CHECK_EQ(vgic_owned_mask(bitmap, 1020, 8, 4), 0);

	/* SGI 3 to CPUs 1 and 2 (TargetList bits 1, 2, Aff1 0) */
	CHECK_EQ(sgi1r_targets((3ULL << 24) | 0x6, mpidr, 4, 0x0), 0x6);
	/* IRM: everybody but the sender */
	CHECK_EQ(sgi1r_targets(1ULL << 40, mpidr, 4, 0x2), 0xb);
	/* Aff1 = 1 selects the second cluster */
	CHECK_EQ(sgi1r_targets((1ULL << 16) | 0x3, two_clusters, 4, 0x0), 0xc);
	CHECK_EQ(sgi1r_targets(0x3, two_clusters, 4, 0x100), 0x3);
	/* a target outside the cell's CPU list is simply absent */
	CHECK_EQ(sgi1r_targets(0x80, mpidr, 4, 0x0), 0);
	/* RS=1 addresses Aff0 16..31 only */
	CHECK_EQ(sgi1r_targets((1ULL << 44) | 0x1, mpidr, 4, 0x0), 0);
	return test_result("vgic");
}
