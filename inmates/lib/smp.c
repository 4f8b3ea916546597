// SPDX-License-Identifier: GPL-2.0-only
/*
 * Secondary CPU start-up: a stack and a start block per CPU, PSCI CPU_ON
 * at secondary_entry (header.S), then MMU, fn(arg), CPU_OFF.
 *
 * Built as a library of its own, linked on demand: only programs that
 * call smp_start_cpu() carry the stacks (the image has 64 KiB in all).
 */
#include "inmate.h"

/*
 * Read by secondary_entry and smp_secondary_start() with the MMU and
 * caches off. header.S knows the first two offsets.
 */
struct smp_boot {
	u64 stack_top;
	void (*entry)(struct smp_boot *boot);
	void (*fn)(void *arg);
	void *arg;
	u64 mmu;
	u64 mpidr;
} __attribute__((aligned(64)));

_Static_assert(__builtin_offsetof(struct smp_boot, stack_top) == 0, "header.S");
_Static_assert(__builtin_offsetof(struct smp_boot, entry) == 8, "header.S");

static struct smp_boot boot[SMP_MAX_SECONDARY];
/*
 * Aligned to their size, which is at least the largest cache line the
 * architecture allows (2 KiB): the invalidation before a secondary's
 * MMU goes on must not reach into its neighbour's stack.
 */
static u8 stacks[SMP_MAX_SECONDARY][SMP_STACK_SIZE]
	__attribute__((aligned(SMP_STACK_SIZE)));

void smp_secondary_start(struct smp_boot *b);

/* A CPU keeps the slot of its first start, so a restart reuses its stack. */
static int slot_for(u64 mpidr)
{
	int i, free = -1;

	for (i = 0; i < SMP_MAX_SECONDARY; i++) {
		if (boot[i].stack_top && boot[i].mpidr == mpidr)
			return i;
		if (!boot[i].stack_top && free < 0)
			free = i;
	}
	return free;
}

/*
 * Clean and invalidate to the point of coherency, in every CPU's caches
 * (the maintenance is broadcast to the inner-shareable domain). Clean,
 * because the secondary reads with its caches off and so sees memory
 * only; invalidate, because a line left in its own cache from an earlier
 * run, dirty or not, must not come back over what it writes next.
 */
static void dcache_flush(const void *addr, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)addr & ~(line - 1);

	for (; p < (unsigned long)addr + size; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	dsb(ish);
}

long smp_start_cpu(u64 mpidr, void (*fn)(void *arg), void *arg)
{
	struct smp_boot *b;
	long state;
	int i;

	mpidr &= 0xff00ffffffUL;
	/* A CPU that is on still uses its block and stack: leave them be. */
	state = psci_affinity_info(mpidr);
	if (state == PSCI_AFF_ON)
		return PSCI_ALREADY_ON;
	if (state == PSCI_AFF_ON_PENDING)
		return PSCI_ON_PENDING;
	if (state < 0)
		return state;

	i = slot_for(mpidr);
	if (i < 0)
		return SMP_NO_STACK;
	b = &boot[i];
	b->stack_top = (unsigned long)stacks[i] + SMP_STACK_SIZE;
	b->entry = smp_secondary_start;
	b->fn = fn;
	b->arg = arg;
	b->mmu = mmu_enabled();
	b->mpidr = mpidr;
	/* what the new CPU reads and writes before its caches are on */
	dcache_flush(b, sizeof(*b));
	dcache_flush(stacks[i], SMP_STACK_SIZE);

	return psci_cpu_on(mpidr, (unsigned long)secondary_entry,
			   (unsigned long)b);
}

/* From secondary_entry, on the CPU's own stack, MMU off. */
void smp_secondary_start(struct smp_boot *b)
{
	void (*fn)(void *arg) = b->fn;
	void *arg = b->arg;

	if (b->mmu)
		mmu_enable_secondary(b->stack_top);
	fn(arg);
	psci_cpu_off();
	halt();
}
