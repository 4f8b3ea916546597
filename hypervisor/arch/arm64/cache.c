// SPDX-License-Identifier: GPL-2.0
/*
 * Data cache maintenance by address (Arm ARM D7.5.9), for memory the
 * hypervisor shares with a guest whose MMU may be off: such a guest reads
 * and writes memory, not the caches, so what the hypervisor wrote through
 * its cacheable mapping must be cleaned to the point of coherency first,
 * and its own stale lines dropped before it reads what the guest wrote.
 */
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
