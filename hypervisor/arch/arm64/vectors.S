/* SPDX-License-Identifier: GPL-2.0 */
/* EL2 exception vectors: guest exits save x0-x30 and call C. */
#include <asm/asm-defs.h>

.macro	ventry target
	.align	7
	b	\target
.endm

.macro	guest_exit handler
	sub	sp, sp, #FRAME_SIZE
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
	bl	\handler
	mov	x0, sp
	b	arch_activate_frame
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
