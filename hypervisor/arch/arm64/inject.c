// SPDX-License-Identifier: GPL-2.0
/*
 * Injecting synchronous exceptions into EL1, as the hardware would take
 * them (Arm ARM D1.10): save PSTATE/PC into SPSR_EL1/ELR_EL1, set
 * ESR_EL1/FAR_EL1, enter the EL1 vector with DAIF masked.
 */
#include <asm/sysregs.h>
#include <asm/traps.h>

#define ESR_DFSC_SYNC_EXT	0x10

static void enter_el1(u64 esr, u64 far)
{
	u64 spsr = read_sysreg(spsr_el2), vbar = read_sysreg(vbar_el1);
	u64 offset, new_spsr = SPSR_EL1H | SPSR_DAIF;

	if (spsr & SPSR_AARCH32)
		offset = 0x600;
	else if ((spsr & SPSR_M_MASK) == SPSR_EL0T)
		offset = 0x400;
	else if ((spsr & SPSR_M_MASK) == SPSR_EL1T)
		offset = 0x000;
	else
		offset = 0x200;
	/* PAN is set on exception entry unless SCTLR_EL1.SPAN says otherwise */
	if (((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) &&
	    !(read_sysreg(sctlr_el1) & SCTLR_EL1_SPAN))
		new_spsr |= SPSR_PAN;
	else
		new_spsr |= spsr & SPSR_PAN;

	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, far);
	write_sysreg(elr_el1, read_sysreg(elr_el2));
	write_sysreg(spsr_el1, spsr);
	write_sysreg(elr_el2, vbar + offset);
	write_sysreg(spsr_el2, new_spsr);
}

static bool from_el0(void)
{
	return (read_sysreg(spsr_el2) & SPSR_M_MASK) == SPSR_EL0T;
}

void inject_abort(bool data, u64 far, u64 iss_wnr)
{
	u64 ec = data ? (from_el0() ? EC_DABT_LOW : EC_DABT_CUR) :
			(from_el0() ? EC_IABT_LOW : EC_IABT_CUR);

	enter_el1((ec << 26) | ESR_IL | (data ? iss_wnr : 0) | ESR_DFSC_SYNC_EXT, far);
}

void inject_undef(void)
{
	enter_el1(((u64)EC_UNKNOWN << 26) | ESR_IL, 0);
}
