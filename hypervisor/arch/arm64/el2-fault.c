// SPDX-License-Identifier: GPL-2.0
/*
 * An exception taken at EL2 is a hypervisor bug (guest input is checked
 * before the hypervisor acts on it), but it must not take the machine
 * down. The CPU first releases every lock it holds, so no other CPU (a
 * root CPU creating a cell, printing, feeding a vUART) waits on one
 * forever. If it was serving a non-root cell, that cell fails with the
 * hypervisor's ESR, FAR and PC in its record and the CPU parks, as for any
 * other fault of that cell; the root destroys the cell and gets the CPU
 * back. Anywhere else (enable, disable, serving the root, a second fault
 * while containing one) the CPU stops with a report.
 */
#include <asm/sysregs.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/setup.h>

void arch_el2_fault(struct registers *regs);
void el2_fault_contained(struct per_cpu *pc, u64 esr, u64 far, u64 elr);
/* entry.S: continues at el2_fault_contained() on an empty stack, then enters @frame. */
void __noreturn el2_recover(struct registers *frame, struct per_cpu *pc, u64 esr, u64 far,
			    u64 elr);

_Static_assert(sizeof(struct per_cpu) + sizeof(struct spin_held) <= PERCPU_SIZE,
	       "the held-lock list fits after struct per_cpu in its slot");

void spin_held_remove(struct spin_held *h, spinlock_t *lock)
{
	u64 i = h->count;

	while (i-- > 0 && h->lock[i] != lock)
		;
	h->count--;
	for (; i < h->count; i++)
		h->lock[i] = h->lock[i + 1];
}

static void release_held_locks(void)
{
	struct spin_held *h = spin_held();
	u64 i;

	for (i = 0; i < h->count && i < LOCKS_HELD_MAX; i++)
		arch_spin_release(h->lock[i]);
	h->count = 0;
}

void arch_el2_fault(struct registers *regs)
{
	struct per_cpu *pc = this_cpu();
	u64 esr = read_sysreg(esr_el2), elr = read_sysreg(elr_el2), far = read_sysreg(far_el2);
	bool contain = pc->arch.active && !pc->arch.in_el2_fault && pc->cell &&
		       !cell_is_root(pc->cell);

	release_held_locks();
	printk("EL2 fault on CPU %u: ESR 0x%llx ELR 0x%llx FAR 0x%llx LR 0x%llx\n",
	       pc->cpu_id, esr, elr, far, regs->x[30]);
	if (!contain)
		hv_panic("exception at EL2");
	pc->arch.in_el2_fault = true;
	/* an IRQ acknowledged and not yet completed would hold the running priority */
	write_sysreg(icc_ap1r0_el1, 0);
	el2_recover(guest_regs(pc), pc, esr, far, elr);
}

void el2_fault_contained(struct per_cpu *pc, u64 esr, u64 far, u64 elr)
{
	/* parks; returns when the CPU is started again, its frame set for that */
	cell_cpu_fail(pc, CV_FAIL_HYPERVISOR_FAULT, esr, far, 0, elr);
	pc->arch.in_el2_fault = false;
}
