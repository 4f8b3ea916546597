/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test shim entry at EL2 (QEMU virt,virtualization=on starts here) and its
 * EL2 vectors. Not part of any product: it only stands in for the
 * hypervisor so inmates can be run on bare QEMU (see shim.c).
 */
	.section .text.entry, "ax"
	.global shim_entry
shim_entry:
	ldr	x0, =shim_vectors
	msr	vbar_el2, x0
	ldr	x0, =shim_stack_top
	mov	sp, x0
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	shim_main
	/* shim_main set ELR_EL2/SPSR_EL2; start the cell with x0..x30 = 0. */
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	mov	x\n, xzr
	.endr
	eret
	.ltorg

.macro vector_park
	.balign	0x80
	mov	x0, sp
	mrs	x1, esr_el2
	b	shim_unexpected
.endm

	.text
	.balign	0x800
shim_vectors:
	.rept	8
	vector_park		/* current EL: the shim itself faulted */
	.endr
	.balign	0x80		/* lower EL AArch64 sync: hvc and stage-2 aborts */
	b	trap_entry
	.rept	7
	vector_park
	.endr

trap_entry:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	bl	shim_trap
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret
