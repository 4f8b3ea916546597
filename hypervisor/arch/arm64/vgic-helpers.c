// SPDX-License-Identifier: GPL-2.0
/* Pure GIC emulation helpers: IRQ ownership masks and SGI targets. */
#include <asm/gic.h>
#include <hv/lib.h>

/* ICC_SGI1R_EL1 (GIC spec 12.11.25): Aff3 55:48, RS 47:44, IRM 40,
 * Aff2 39:32, INTID 27:24, Aff1 23:16, TargetList 15:0. */
#define SGI1R_KEY_MASK		((0xffULL << 48) | (0xfULL << 44) | (0xffULL << 32) | \
				 (0xffULL << 16))
#define SGI1R_IRM		BIT(40)

/* The 4 IRQs at @irq (a multiple of 4): bit n of the index -> byte n. */
static const u32 byte_lanes[16] = {
	0x00000000, 0x000000ff, 0x0000ff00, 0x0000ffff,
	0x00ff0000, 0x00ff00ff, 0x00ffff00, 0x00ffffff,
	0xff000000, 0xff0000ff, 0xff00ff00, 0xff00ffff,
	0xffff0000, 0xffff00ff, 0xffffff00, 0xffffffff,
};

u32 vgic_byte_mask(const u32 *bitmap, unsigned int irq)
{
	if (irq >= CV_NUM_IRQS)
		return 0;
	return byte_lanes[(bitmap[irq / 32] >> (irq % 32)) & 0xf];
}

u32 vgic_2bit_mask(const u32 *bitmap, unsigned int irq)
{
	u32 x;

	if (irq >= CV_NUM_IRQS)
		return 0;
	/* spread the 16 ownership bits to the even bits, then double each */
	x = (bitmap[irq / 32] >> (irq % 32)) & 0xffff;
	x = (x | (x << 8)) & 0x00ff00ffU;
	x = (x | (x << 4)) & 0x0f0f0f0fU;
	x = (x | (x << 2)) & 0x33333333U;
	x = (x | (x << 1)) & 0x55555555U;
	return x | (x << 1);
}

static u64 sgi_key(u64 mpidr)
{
	return (((mpidr >> 32) & 0xff) << 48) | (((mpidr & 0xff) / 16) << 44) |
	       (((mpidr >> 16) & 0xff) << 32) | (((mpidr >> 8) & 0xff) << 16);
}

void sgi_map_build(struct sgi_map *map, const u64 *mpidr, unsigned int ncpus)
{
	unsigned int cpu, g;

	map->groups = 0;
	for (cpu = 0; cpu < ncpus && cpu < CV_MAX_CPUS; cpu++) {
		u64 key = sgi_key(mpidr[cpu]);
		unsigned int aff0 = mpidr[cpu] % 16;

		for (g = 0; g < map->groups && map->group[g].key != key; g++)
			;
		if (g == map->groups) {
			map->group[g] = (struct sgi_group){ .key = key };
			map->groups++;
		}
		map->group[g].present |= (u16)BIT(aff0);
		map->group[g].cpu[aff0] = (u8)cpu;
	}
}

int sgi_map_cpu(const struct sgi_map *map, u64 mpidr)
{
	u64 key = sgi_key(mpidr);
	unsigned int g;

	for (g = 0; g < map->groups; g++)
		if (map->group[g].key == key)
			return map->group[g].present & BIT(mpidr % 16) ?
			       map->group[g].cpu[mpidr % 16] : -1;
	return -1;
}

u64 sgi1r_targets(const struct sgi_map *map, u64 val, u64 allowed, unsigned int self)
{
	const struct sgi_group *g = map->group, *end = g + map->groups;
	u64 key = val & SGI1R_KEY_MASK, cpus = 0;
	u32 list;

	if (val & SGI1R_IRM)
		return allowed & ~BIT(self);
	for (; g < end; g++) {
		if (g->key != key)
			continue;
		for (list = (u32)val & g->present; list; list &= list - 1)
			cpus |= BIT(g->cpu[__builtin_ctz(list)]);
		break;
	}
	return cpus & allowed;
}
