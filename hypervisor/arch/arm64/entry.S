/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 entry through the Linux hyp stub's HVC_SOFT_RESTART, and the way
 * back. The stub branches here at EL2 with the MMU off and x0 = CPU id;
 * ELR_EL2/SPSR_EL2 still describe the module's HVC, so an eret returns
 * to it. x5-x30 belong to Linux and are saved in the register frame.
 */
#include <asm/asm-defs.h>
#include <asm/frame.h>

.macro	restore_frame_and_eret
	restore_frame
	add	sp, sp, #FRAME_SIZE
	eret
.endm

	.section .text.entry, "ax"
	.globl	cv_entry
cv_entry:
	adrp	x9, __hv_start			/* physical base (MMU off) */
	ldr	w10, [x9, #HDR_MAX_CPUS]
	cmp	x0, x10
	b.hs	.Lbad_cpu
	ldr	x10, [x9, #HDR_CORE_SIZE]
	ldr	x11, [x9, #HDR_PERCPU_SIZE]
	madd	x10, x11, x0, x10
	add	x10, x10, x9			/* this CPU's per_cpu, physical */
	add	x11, x10, #STACK_SIZE
	sub	sp, x11, #FRAME_SIZE
	save_frame

	mov	x19, x0				/* cpu id */
	mov	x20, x9				/* physical base */
	mov	x21, x10			/* per_cpu, physical */
	ic	iallu				/* a previous image may be cached */
	dsb	nsh
	isb

	mov	x0, x20
	bl	bootstrap_paging		/* returns TTBR0 or 0 */
	cbz	x0, .Lbad_config
	mov	x22, x0

	mrs	x23, sctlr_el2			/* the stub's state, for the way back */
	mrs	x24, tcr_el2
	mrs	x25, mair_el2
	mrs	x26, ttbr0_el2
	mrs	x27, vbar_el2

	ldr	x1, =MAIR_EL2_VALUE
	msr	mair_el2, x1
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #7			/* PARange -> TCR_EL2.PS */
	cmp	x1, #5
	mov	x2, #5
	csel	x1, x1, x2, ls
	lsl	x1, x1, #16
	ldr	x2, =TCR_EL2_VALUE
	orr	x1, x1, x2
	msr	tcr_el2, x1
	msr	ttbr0_el2, x22
	isb
	tlbi	alle2
	dsb	nsh
	isb
	ldr	x1, =SCTLR_EL2_VALUE
	msr	sctlr_el2, x1
	isb

	ldr	x1, =.Lvirt			/* leave the identity mapping */
	br	x1
.Lvirt:
	ldr	x2, =__hv_start
	sub	x28, x2, x20			/* virtual - physical */
	add	sp, sp, x28
	adr	x1, hyp_vectors
	msr	vbar_el2, x1
	add	x1, x21, x28
	msr	tpidr_el2, x1
	isb

	mov	x0, x1
	mov	x1, x23
	mov	x2, x24
	mov	x3, x25
	mov	x4, x26
	mov	x5, x27
	mov	x6, x28
	bl	arch_entry_save
	mov	x0, x19
	mrs	x1, tpidr_el2
	bl	entry				/* does not return */
1:	wfi
	b	1b

.Lbad_config:
	ldp	x0, x1, [sp, #0]		/* nothing changed yet: just go back */
	mov	x0, #-22
	str	x0, [sp, #0]
	restore_frame_and_eret
.Lbad_cpu:
	mov	x0, #-22
	eret

/*
 * void arch_activate_frame(struct registers *frame): enter the guest with
 * the registers in frame (at the top of this CPU's stack).
 */
	.text
	.globl	arch_activate_frame
arch_activate_frame:
	mov	sp, x0
	restore_frame_and_eret

/*
 * void el2_recover(struct registers *frame, struct per_cpu *pc, u64 esr,
 *		    u64 far, u64 elr): after an exception at EL2 (el2-fault.c),
 * drop everything on this CPU's stack, run el2_fault_contained(pc, esr,
 * far, elr) just below the guest frame, then enter the guest with it.
 */
	.globl	el2_recover
el2_recover:
	mov	sp, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	bl	el2_fault_contained
	mov	x0, sp
	b	arch_activate_frame

/*
 * void el2_leave(u64 frame_pa, u64 sctlr, u64 tcr, u64 mair, u64 ttbr0,
 *		  u64 virt_offset): switch the EL2 MMU off through the
 * identity mapping, restore the stub's registers and return to EL1.
 */
	.globl	el2_leave
el2_leave:
	mov	x9, x0
	add	x10, x0, #FRAME_SIZE
1:	dc	civac, x9			/* the frame is read uncached below */
	add	x9, x9, #64
	cmp	x9, x10
	b.lo	1b
	dsb	sy
	adr	x9, 2f
	sub	x9, x9, x5
	br	x9				/* identity-mapped copy of 2: */
2:	msr	sctlr_el2, x1
	isb
	msr	tcr_el2, x2
	msr	mair_el2, x3
	msr	ttbr0_el2, x4
	isb
	tlbi	alle2
	dsb	nsh
	ic	iallu
	dsb	nsh
	isb
	mov	sp, x0
	restore_frame_and_eret
	.ltorg
