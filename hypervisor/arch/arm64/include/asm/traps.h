/* SPDX-License-Identifier: GPL-2.0 */
/* Trap handling: results, exception injection, PSCI. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <hv/types.h>

struct per_cpu;
struct registers;

enum trap_result {
	TRAP_HANDLED,
	TRAP_UNHANDLED,		/* nothing emulates this */
	TRAP_FORBIDDEN,		/* the guest may not do this */
};

/* Injections into the guest running on this CPU (EL1 exceptions). */
void inject_abort(bool data, u64 far, u64 iss_wnr);
void inject_undef(void);

/* PSCI/SMCCC emulation for a trapped SMC with immediate @imm; result in x0. */
void psci_handle(struct per_cpu *pc, struct registers *regs, u64 imm);

/*
 * el1-state.c: a starting CPU gets the FP/SIMD, EL1, debug and PMU state
 * of a CPU out of reset, and MDCR_EL2 for its owner.
 */
void el1_state_reset(struct per_cpu *pc);
/*
 * A cell's trapped access to a PMU or debug register (ISS of an MSR/MRS
 * exit): emulated as absent (read as zero, write ignored) and true; false
 * for any other register, or for the root.
 */
bool el1_absent_sysreg(struct per_cpu *pc, struct registers *regs, u64 iss);

#endif /* _ASM_TRAPS_H */
