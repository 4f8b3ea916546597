/* SPDX-License-Identifier: GPL-2.0 */
/* EL2 exception vectors: guest exits save x0-x30 and call C. */
#include <asm/asm-defs.h>
#include <asm/frame.h>

.macro	ventry target
	.align	7
	b	\target
.endm

.macro	guest_exit handler
	sub	sp, sp, #FRAME_SIZE
	save_frame
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
