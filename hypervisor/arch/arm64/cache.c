// SPDX-License-Identifier: GPL-2.0
/*
 * Data cache maintenance by address (Arm ARM D7.5.9), for memory the
 * hypervisor shares with a guest whose MMU may be off: such a guest reads
 * and writes memory, not the caches, so what the hypervisor wrote through
 * its cacheable mapping must be cleaned to the point of coherency first,
 * and its own stale lines dropped before it reads what the guest wrote.
 * And memory scrubbed between two owners.
 */
#include <asm/paging.h>
#include <asm/sysregs.h>
#include <hv/arch.h>

static u64 dcache_line(void)
{
	/* CTR_EL0.DminLine: log2 of the smallest line, in words */
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

void arch_dcache_clean(const void *addr, u64 size)
{
	u64 line = dcache_line(), p = (u64)(unsigned long)addr & ~(line - 1);

	for (; p < (u64)(unsigned long)addr + size; p += line)
		asm volatile("dc cvac, %0" : : "r" (p) : "memory");
	asm volatile("dsb ish" : : : "memory");
}

void arch_dcache_flush(const void *addr, u64 size)
{
	u64 line = dcache_line(), p = (u64)(unsigned long)addr & ~(line - 1);

	for (; p < (u64)(unsigned long)addr + size; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	asm volatile("dsb ish" : : : "memory");
}

/*
 * DC ZVA zeroes a whole block of DCZID_EL0.BS words per instruction
 * without reading memory: the cheapest way to clear RAM. DCZID_EL0.DZP
 * says whether it is prohibited; then stores do it.
 */
static void zero_range(u8 *p, u64 size)
{
	u64 dczid = read_sysreg(dczid_el0), block = 4UL << (dczid & 0xf), i;

	if (!(dczid & BIT(4)) && IS_ALIGNED((u64)(unsigned long)p | size, block)) {
		for (i = 0; i < size; i += block)
			asm volatile("dc zva, %0" : : "r" (p + i) : "memory");
		return;
	}
	for (i = 0; i < size; i += 8)
		*(volatile u64 *)(p + i) = 0;
}

int arch_scrub(paddr_t pa, u64 size)
{
	const u64 chunk_max = 2ULL << 20;

	while (size) {
		/* up to the next 2 MiB boundary: one block mapping at most */
		u64 chunk = MIN(size, chunk_max - (pa & (chunk_max - 1)));
		u8 *p = el2_map_window(pa, chunk, true);

		if (!p)
			return -CV_ENOMEM;
		zero_range(p, chunk);
		/* the zeros must reach memory: the next owner may read with caches off */
		arch_dcache_clean(p, chunk);
		el2_unmap_window(pa, chunk);
		pa += chunk;
		size -= chunk;
	}
	return 0;
}
