// SPDX-License-Identifier: GPL-2.0-only
/* Unexpected exceptions: say what happened (ESR_EL1, ELR, FAR) and stop. */
#include "inmate.h"

static const char *const slot_names[16] = {
	"EL1t sync", "EL1t IRQ", "EL1t FIQ", "EL1t SError",
	"EL1h sync", "EL1h IRQ", "EL1h FIQ", "EL1h SError",
	"EL0 sync", "EL0 IRQ", "EL0 FIQ", "EL0 SError",
	"EL0/32 sync", "EL0/32 IRQ", "EL0/32 FIQ", "EL0/32 SError",
};

void exception_unexpected(u64 slot, u64 esr, u64 elr, u64 far);

void exception_unexpected(u64 slot, u64 esr, u64 elr, u64 far)
{
	printk("\nUnexpected exception: %s, ESR 0x%lx (EC 0x%lx) ELR 0x%lx FAR 0x%lx\n",
	       slot_names[slot & 15], (unsigned long)esr,
	       (unsigned long)(esr >> 26) & 0x3f, (unsigned long)elr,
	       (unsigned long)far);
	halt();
}
