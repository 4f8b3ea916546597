/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test shim entry at EL2 (QEMU virt,virtualization=on starts here) and its
 * EL2 vectors. Not part of any product: it only stands in for the
 * hypervisor so inmates can be run on bare QEMU (see shim.c). Its trap
 * frame is the hypervisor's (asm/frame.h).
 */
#include <asm/frame.h>
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
	save_frame
	mov	x0, sp
	bl	shim_trap
	restore_frame
	add	sp, sp, #256
	eret
