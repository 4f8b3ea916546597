// SPDX-License-Identifier: GPL-2.0-only
/*
 * Looks, first thing, for what leak-plant left: in the RAM it was given
 * (beyond its own image), in q0-q31, FPCR/FPSR and the EL1 registers.
 * Prints what it found; a clean hand-over leaves nothing.
 */
#include "fault.h"
#include "leak.h"

static u64 saved_q[64];
static u64 saved_fpcr, saved_fpsr;

/* Called before anything else may touch them (see inmate_main()). */
static void save_fpsimd(void)
{
	u64 *q = saved_q;

	asm volatile(".arch_extension fp\n\t.arch_extension simd\n\t"
		     "stp q0, q1, [%0, #0]\n\t stp q2, q3, [%0, #32]\n\t"
		     "stp q4, q5, [%0, #64]\n\t stp q6, q7, [%0, #96]\n\t"
		     "stp q8, q9, [%0, #128]\n\t stp q10, q11, [%0, #160]\n\t"
		     "stp q12, q13, [%0, #192]\n\t stp q14, q15, [%0, #224]\n\t"
		     "stp q16, q17, [%0, #256]\n\t stp q18, q19, [%0, #288]\n\t"
		     "stp q20, q21, [%0, #320]\n\t stp q22, q23, [%0, #352]\n\t"
		     "stp q24, q25, [%0, #384]\n\t stp q26, q27, [%0, #416]\n\t"
		     "stp q28, q29, [%0, #448]\n\t stp q30, q31, [%0, #480]\n\t"
		     "mrs %1, fpcr\n\t mrs %2, fpsr"
		     : "+r" (q), "=r" (saved_fpcr), "=r" (saved_fpsr) : : "memory");
}

static unsigned int count_magic(const u64 *p, unsigned long words)
{
	unsigned int n = 0;

	for (unsigned long i = 0; i < words; i++)
		n += (p[i] >> 32) == LEAK_MAGIC;
	return n;
}

void inmate_main(void)
{
	u64 regs[] = {
		read_sysreg(tpidr_el0), read_sysreg(tpidr_el1), read_sysreg(tpidrro_el0),
		read_sysreg(contextidr_el1), read_sysreg(elr_el1), read_sysreg(spsr_el1),
		read_sysreg(par_el1), read_sysreg(afsr0_el1), read_sysreg(afsr1_el1),
		read_sysreg(far_el1), read_sysreg(esr_el1), read_sysreg(amair_el1),
		read_sysreg(sp_el0), read_sysreg(cntv_cval_el0), read_sysreg(cntp_cval_el0),
	};
	unsigned long words, nonzero = 0;
	u64 *ram = leak_free_ram(&words);
	unsigned int in_ram, in_data;

	/* the start-up code runs on general registers only: q0-q31 are as the CPU came */
	save_fpsimd();
	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		nonzero += regs[i] != 0;
	mmu_map_normal(LEAK_DATA, LEAK_DATA_SIZE);
	in_ram = count_magic(ram, words);
	in_data = count_magic((u64 *)LEAK_DATA, LEAK_DATA_SIZE / 8);
	printk("leak-find: RAM %u of %lu words, data region %u of %lu, q-registers %u of 64, "
	       "FPCR 0x%llx FPSR 0x%llx, EL1 registers not zero %lu of %u\n",
	       in_ram, words, in_data, LEAK_DATA_SIZE / 8, count_magic(saved_q, 64),
	       (unsigned long long)saved_fpcr, (unsigned long long)saved_fpsr, nonzero,
	       (unsigned int)(sizeof(regs) / sizeof(regs[0])));
	alive_forever(false);
}
