/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 exception vectors: guest exits save x0-x30 at the top of the CPU's
 * EL2 stack (struct registers), call C with it and return to the guest
 * from it. The first store and the last load move sp, so an exit costs
 * nothing around the frame but the frame itself.
 */
#include <asm/asm-defs.h>
#include <asm/frame.h>

.macro	ventry target
	.align	7
	b	\target
.endm

.macro	guest_exit handler
	stp	x0, x1, [sp, #-FRAME_SIZE]!
	save_frame_x2
	mov	x0, sp
	bl	\handler
	restore_frame_x2
	ldp	x0, x1, [sp], #FRAME_SIZE
	eret
.endm

	.text
	.align	11
	.globl	hyp_vectors
hyp_vectors:
	ventry	el2_fault		/* current EL, SP0 */
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault		/* current EL, SPx */
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault
	ventry	guest_sync		/* lower EL, AArch64 */
	ventry	guest_irq
	ventry	guest_fiq
	ventry	guest_serror
	ventry	guest_sync		/* lower EL, AArch32 */
	ventry	guest_irq
	ventry	guest_fiq
	ventry	guest_serror

guest_sync:
	guest_exit arch_handle_sync
guest_irq:
	guest_exit arch_handle_irq
guest_fiq:
	guest_exit arch_handle_fiq
guest_serror:
	guest_exit arch_handle_serror

el2_fault:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x29, x30, [sp, #224]
	mov	x0, sp
	bl	arch_el2_fault
1:	wfi
	b	1b
