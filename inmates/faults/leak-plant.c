// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plants a secret everywhere a cell can leave one: its RAM (all it does
 * not run from, and a 16 MiB data region), q0-q31, FPCR/FPSR and the EL1
 * registers it may write, then runs on (for the next owner to look).
 */
#include "fault.h"
#include "leak.h"

static void plant_fpsimd(void)
{
	u64 v = LEAK_WORD(0xf);

	asm volatile(".arch_extension fp\n\t.arch_extension simd\n\t"
		     "dup v0.2d, %0\n\t dup v1.2d, %0\n\t dup v2.2d, %0\n\t dup v3.2d, %0\n\t"
		     "dup v4.2d, %0\n\t dup v5.2d, %0\n\t dup v6.2d, %0\n\t dup v7.2d, %0\n\t"
		     "dup v8.2d, %0\n\t dup v9.2d, %0\n\t dup v10.2d, %0\n\t dup v11.2d, %0\n\t"
		     "dup v12.2d, %0\n\t dup v13.2d, %0\n\t dup v14.2d, %0\n\t dup v15.2d, %0\n\t"
		     "dup v16.2d, %0\n\t dup v17.2d, %0\n\t dup v18.2d, %0\n\t dup v19.2d, %0\n\t"
		     "dup v20.2d, %0\n\t dup v21.2d, %0\n\t dup v22.2d, %0\n\t dup v23.2d, %0\n\t"
		     "dup v24.2d, %0\n\t dup v25.2d, %0\n\t dup v26.2d, %0\n\t dup v27.2d, %0\n\t"
		     "dup v28.2d, %0\n\t dup v29.2d, %0\n\t dup v30.2d, %0\n\t dup v31.2d, %0\n\t"
		     /* rounding mode, flush-to-zero, default NaN; cumulative exception flags */
		     "msr fpcr, %1\n\t msr fpsr, %2"
		     : : "r" (v), "r" (0x03c00000UL), "r" (0x0800009fUL) : "memory");
}

static void plant_sysregs(void)
{
	write_sysreg(tpidr_el0, LEAK_WORD(1));
	write_sysreg(tpidr_el1, LEAK_WORD(2));
	write_sysreg(tpidrro_el0, LEAK_WORD(3));
	write_sysreg(contextidr_el1, LEAK_WORD(4) & 0xffffffff);
	write_sysreg(elr_el1, LEAK_WORD(5));
	write_sysreg(spsr_el1, 0x3c5);
	write_sysreg(par_el1, LEAK_WORD(6) & ~0xfffUL);
	write_sysreg(afsr0_el1, LEAK_WORD(7) & 0xffffffff);
	write_sysreg(afsr1_el1, LEAK_WORD(8) & 0xffffffff);
	write_sysreg(far_el1, LEAK_WORD(9));
	write_sysreg(esr_el1, 0x96000045);
	write_sysreg(amair_el1, LEAK_WORD(10));
	write_sysreg(sp_el0, LEAK_WORD(11));
	write_sysreg(cntv_cval_el0, LEAK_WORD(12));
	write_sysreg(cntp_cval_el0, LEAK_WORD(13));
	isb();
}

void inmate_main(void)
{
	unsigned long words, i;
	u64 *ram = leak_free_ram(&words), *data = (u64 *)LEAK_DATA;

	mmu_map_normal(LEAK_DATA, LEAK_DATA_SIZE);
	for (i = 0; i < words; i++)
		ram[i] = LEAK_WORD(i);
	for (i = 0; i < LEAK_DATA_SIZE / 8; i++)
		data[i] = LEAK_WORD(i);
	plant_fpsimd();
	plant_sysregs();
	printk("leak-plant: %lu words in RAM, %lu in the data region, q0-q31, FPCR/FPSR and 15 EL1 registers\n",
	       words, LEAK_DATA_SIZE / 8);
	alive_forever(false);
}
