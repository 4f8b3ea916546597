/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Image start at offset 0 and the EL1 exception vectors.
 *
 * Entered at EL1h with MMU and caches off, DAIF masked and x0..x30 zero
 * (x1 may hold a PSCI context). Sets the vector base and stack, enables
 * FP/SIMD for EL0/EL1 (CPACR_EL1.FPEN, Arm ARM D17.2.30), clears BSS and
 * calls inmate_start(). Interrupts stay masked until the program asks.
 * Other CPUs of the cell come in at secondary_entry (smp_start_cpu()).
 */
	.section .boot, "ax"
	.global __reset_entry
__reset_entry:
	b	reset

reset:
	adr	x0, vectors
	msr	vbar_el1, x0
	ldr	x0, =__stack_top
	mov	sp, x0
	mov	x0, #(3 << 20)
	msr	cpacr_el1, x0
	isb

	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:
	bl	inmate_start
	b	halt
	.ltorg

/*
 * A CPU started by smp_start_cpu() through PSCI CPU_ON: EL1h, MMU and
 * caches off, DAIF masked, x0 = its start block (struct smp_boot in
 * smp.c), which the starting CPU cleaned to the point of coherency so
 * these non-cacheable loads see it. The block names the stack top
 * (offset 0) and the C function to go on with (offset 8): this code does
 * not refer to smp.c, so programs that start no CPU do not link its
 * stacks. BSS is the first CPU's business and is left alone.
 */
	.global secondary_entry
secondary_entry:
	adr	x1, vectors
	msr	vbar_el1, x1
	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1
	isb
	ldr	x1, [x0, #0]
	mov	sp, x1
	ldr	x1, [x0, #8]
	blr	x1
	b	halt

/* Saves the caller-saved registers; the handlers are plain C functions. */
.macro save_regs
	stp	x29, x30, [sp, #-16]!
	stp	x0, x1, [sp, #-16]!
	stp	x2, x3, [sp, #-16]!
	stp	x4, x5, [sp, #-16]!
	stp	x6, x7, [sp, #-16]!
	stp	x8, x9, [sp, #-16]!
	stp	x10, x11, [sp, #-16]!
	stp	x12, x13, [sp, #-16]!
	stp	x14, x15, [sp, #-16]!
	stp	x16, x17, [sp, #-16]!
	stp	x18, xzr, [sp, #-16]!
.endm

.macro restore_regs
	ldp	x18, xzr, [sp], #16
	ldp	x16, x17, [sp], #16
	ldp	x14, x15, [sp], #16
	ldp	x12, x13, [sp], #16
	ldp	x10, x11, [sp], #16
	ldp	x8, x9, [sp], #16
	ldp	x6, x7, [sp], #16
	ldp	x4, x5, [sp], #16
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	ldp	x29, x30, [sp], #16
.endm

/* An entry we never expect: report its slot and stop (exceptions.c). */
.macro vector_bad slot
	.balign	0x80
	mov	x0, #\slot
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	exception_unexpected
.endm

/* VBAR_EL1 needs 2 KiB alignment (D1.10.2); 16 slots of 0x80 bytes. */
	.balign	0x800
vectors:
	vector_bad 0		/* current EL, SP_EL0: sync */
	vector_bad 1		/* IRQ */
	vector_bad 2		/* FIQ */
	vector_bad 3		/* SError */
	vector_bad 4		/* current EL, SP_ELx: sync */
	.balign	0x80		/* current EL, SP_ELx: IRQ */
	b	irq_entry
	vector_bad 6		/* FIQ */
	vector_bad 7		/* SError */
	vector_bad 8		/* lower EL, AArch64 */
	vector_bad 9
	vector_bad 10
	vector_bad 11
	vector_bad 12		/* lower EL, AArch32 */
	vector_bad 13
	vector_bad 14
	vector_bad 15
	.balign	0x80

	.text
irq_entry:
	save_regs
	bl	irq_dispatch
	restore_regs
	eret
