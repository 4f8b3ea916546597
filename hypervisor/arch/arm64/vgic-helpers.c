// SPDX-License-Identifier: GPL-2.0
/* Pure GIC emulation helpers: where SGIs go (the rest is inline in asm/gic.h). */
#include <asm/gic.h>
#include <hv/lib.h>

/* ICC_SGI1R_EL1 (GIC spec 12.11.25): Aff3 55:48, RS 47:44, IRM 40,
 * Aff2 39:32, INTID 27:24, Aff1 23:16, TargetList 15:0. */
#define SGI1R_IRM		BIT(40)
/* MPIDR's Aff3, Aff2, Aff1 and Aff0 / 16: what names a group */
#define GROUP_MPIDR		0xff00fffff0ULL

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
			map->group[g] = (struct sgi_group){ .key = key,
							    .mpidr = mpidr[cpu] & GROUP_MPIDR };
			map->groups++;
		}
		map->group[g].present |= (u16)BIT(aff0);
		map->group[g].cpu[aff0] = (u8)cpu;
	}
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
