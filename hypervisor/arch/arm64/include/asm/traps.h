/* SPDX-License-Identifier: GPL-2.0 */
/* Trap handling: syndrome decoding and exception injection. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <hv/mmio.h>
#include <hv/types.h>

struct per_cpu;
struct registers;

enum trap_result {
	TRAP_HANDLED,
	TRAP_UNHANDLED,		/* nothing emulates this */
	TRAP_FORBIDDEN,		/* the guest may not do this */
};

/* A data abort decoded from ESR_EL2.ISS (Arm ARM D13.2.39). */
struct dabt_info {
	struct mmio_access acc;
	unsigned int reg;	/* Rt, 31 = xzr */
	bool sign_extend;
	bool sixty_four;	/* SF: Rt is a 64-bit register */
};

/*
 * Decodes a stage-2 data abort. Returns false when the syndrome does not
 * describe a single emulatable access (ISV=0, stage-1 walk, cache op,
 * external abort).
 */
bool dabt_decode(u64 esr, u64 hpfar, u64 far, struct dabt_info *d);
/* The register value a load of @d delivers, extended per SSE/SF. */
u64 dabt_load_value(const struct dabt_info *d, u64 raw);

/* Injections into the guest running on this CPU (EL1 exceptions). */
void inject_abort(bool data, u64 far, u64 iss_wnr);
void inject_undef(void);

/* PSCI/SMCCC emulation for a trapped SMC with immediate @imm; result in x0. */
enum trap_result psci_handle(struct per_cpu *pc, struct registers *regs, u64 imm);

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
