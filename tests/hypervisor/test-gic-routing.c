// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the GIC emulation's pure logic: ownership masks, where an
 * ICC_SGI1R_EL1 value goes (every routing mode, and never outside the
 * sender's cell), and the lock-free posting of virtual IRQs between CPUs
 * (real threads posting while the owner takes).
 */
#include <pthread.h>
#include <asm/gic.h>
#include <hv/lib.h>
#include "tap.h"

#define SGI1R(aff3, aff2, aff1, rs, list, sgi) \
	(((u64)(aff3) << 48) | ((u64)(rs) << 44) | ((u64)(aff2) << 32) | \
	 ((u64)(sgi) << 24) | ((u64)(aff1) << 16) | (list))
#define SGI1R_IRM		(1ULL << 40)

static void test_masks(void)
{
	u32 bitmap[32] = { 0 };

	set_bit32(bitmap, 33);		/* PL011 */
	set_bit32(bitmap, 48);
	set_bit32(bitmap, 63);
	/* IPRIORITYR8 covers IRQs 32..35: byte 1 only */
	CHECK_EQ(vgic_byte_mask(bitmap, 32), 0x0000ff00);
	CHECK_EQ(vgic_byte_mask(bitmap, 48), 0x000000ff);
	CHECK_EQ(vgic_byte_mask(bitmap, 60), 0xff000000);
	CHECK_EQ(vgic_byte_mask(bitmap, 36), 0);
	/* ICFGR2 (IRQs 32..47): 2 bits each, IRQ 33 -> bits 3:2 */
	CHECK_EQ(vgic_2bit_mask(bitmap, 32), 0xc);
	/* ICFGR3 (IRQs 48..63): IRQ 48 bits 1:0, IRQ 63 bits 31:30 */
	CHECK_EQ(vgic_2bit_mask(bitmap, 48), 0xc0000003);
	bitmap[5] = 0xffffffff;
	CHECK_EQ(vgic_2bit_mask(bitmap, 160), 0xffffffff);
	CHECK_EQ(vgic_2bit_mask(bitmap, 176), 0xffffffff);
	CHECK_EQ(vgic_byte_mask(bitmap, 164), 0xffffffff);
	/* beyond 1023 nothing is owned */
	CHECK_EQ(vgic_byte_mask(bitmap, 1024), 0);
	CHECK_EQ(vgic_2bit_mask(bitmap, 1024), 0);
}

static void test_sgi_routing(void)
{
	/* 8 CPUs: 0-3 in cluster 0, 4-5 in cluster 0x100 with Aff0 16 and 17
	 * (RS = 1), 6 in Aff2 = 1, 7 in Aff3 = 1 */
	static const u64 mpidr[8] = {
		0x0, 0x1, 0x2, 0x3, 0x110, 0x111, 0x10000, 0x100000000ULL,
	};
	static struct sgi_map map;
	const u64 all = 0xff;

	sgi_map_build(&map, mpidr, 8);
	CHECK_EQ(map.groups, 4);
	CHECK_EQ(sgi_map_cpu(&map, 0x2), 2);
	CHECK_EQ(sgi_map_cpu(&map, 0x111), 5);
	CHECK_EQ(sgi_map_cpu(&map, 0x100000000ULL), 7);
	CHECK_EQ(sgi_map_cpu(&map, 0x4), -1);
	CHECK_EQ(sgi_map_cpu(&map, 0x101), -1);	/* Aff1 1, RS 0: nobody */

	/* target list in cluster 0: CPUs 1 and 2 */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 0, 0, 0x6, 3), all, 0), 0x6);
	/* RS = 1 in Aff1 = 1: Aff0 16 and 17 are bits 0 and 1 */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 1, 1, 0x3, 3), all, 0), 0x30);
	/* RS = 0 in Aff1 = 1 selects nobody */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 1, 0, 0x3, 3), all, 0), 0);
	/* Aff2 and Aff3 */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 1, 0, 0, 0x1, 3), all, 0), 0x40);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(1, 0, 0, 0, 0x1, 3), all, 0), 0x80);
	/* target list bits with no CPU behind them */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 0, 0, 0xfff0, 3), all, 0), 0);
	/* IRM: everybody allowed but the sender */
	CHECK_EQ(sgi1r_targets(&map, SGI1R_IRM, all, 2), 0xfb);
	CHECK_EQ(sgi1r_targets(&map, SGI1R_IRM | 0xffff, 0x0c, 2), 0x08);

	/* a cell of CPUs 2 and 3 reaches nobody else, by any routing mode */
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 0, 0, 0xffff, 6), 0x0c, 2), 0x0c);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 0, 0, 0x3, 6), 0x0c, 2), 0);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 0, 1, 1, 0xffff, 6), 0x0c, 2), 0);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0, 1, 0, 0, 0xffff, 6), 0x0c, 2), 0);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(1, 0, 0, 0, 0xffff, 6), 0x0c, 2), 0);
	CHECK_EQ(sgi1r_targets(&map, SGI1R(0xff, 0xff, 0xff, 0xf, 0xffff, 6), 0x0c, 2), 0);
	CHECK_EQ(sgi1r_targets(&map, SGI1R_IRM, 0x0c, 2), 0x08);
	/* a one-CPU cell: IRM reaches nobody */
	CHECK_EQ(sgi1r_targets(&map, SGI1R_IRM, 0x04, 2), 0);
}

/* Posting: writers on other threads, the owner taking at the same time. */
#define POSTERS		3
#define ROUNDS		20000

static struct virq_set posts;
static volatile int go;

static void *poster(void *arg)
{
	unsigned int id = (unsigned int)(long)arg, r;

	while (!go)
		;
	/* each poster owns some INTIDs: bit 0 of a word, a bit in the middle, SGIs */
	for (r = 0; r < ROUNDS; r++) {
		virq_post(&posts, id);
		virq_post(&posts, 100 + id * 300 + r % 64);
	}
	return NULL;
}

static void take_all(unsigned long long *seen)
{
	u64 words = virq_take_summary(&posts);

	for (; words; words &= words - 1) {
		unsigned int w = __builtin_ctzll(words);
		u64 bits = virq_take_word(&posts, w);

		for (; bits; bits &= bits - 1)
			seen[w * 64 + __builtin_ctzll(bits)]++;
	}
}

static void test_posting(void)
{
	static unsigned long long seen[CV_NUM_IRQS];
	pthread_t t[POSTERS];
	unsigned int i, takes = 0, lost = 0, strays = 0;

	CHECK(virq_post(&posts, 5));		/* empty before: kick */
	CHECK(!virq_post(&posts, 900));		/* a kick is on its way already */
	take_all(seen);
	CHECK_EQ(seen[5], 1);
	CHECK_EQ(seen[900], 1);
	CHECK_EQ(posts.summary, 0);
	CHECK(virq_post(&posts, 5));		/* empty again */
	take_all(seen);
	memset(seen, 0, sizeof(seen));

	for (i = 0; i < POSTERS; i++)
		pthread_create(&t[i], NULL, poster, (void *)(long)i);
	go = 1;
	for (; takes < 100000; takes++)
		take_all(seen);
	for (i = 0; i < POSTERS; i++)
		pthread_join(t[i], NULL);
	take_all(seen);
	/* nothing posted is lost: every INTID a poster used was taken */
	for (i = 0; i < POSTERS; i++) {
		unsigned int r;

		lost += !seen[i];
		for (r = 0; r < 64; r++)
			lost += !seen[100 + i * 300 + r];
	}
	CHECK_EQ(lost, 0);
	/* and nothing else appeared */
	for (i = 0; i < CV_NUM_IRQS; i++)
		if (i >= POSTERS && (i < 100 || (i - 100) % 300 >= 64 || i >= 100 + POSTERS * 300))
			strays += seen[i] != 0;
	CHECK_EQ(strays, 0);
	CHECK_EQ(posts.summary, 0);
	for (i = 0; i < VIRQ_WORDS; i++)
		REQUIRE_EQ(posts.word[i], 0);
}

int main(void)
{
	test_masks();
	test_sgi_routing();
	test_posting();
	return tap_done();
}
