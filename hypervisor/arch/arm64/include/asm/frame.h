/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame of an EL2 entry: x0..x30 and a zero (xzr) at sp,
 * FRAME_SIZE bytes, as struct registers lays them out. Assembly only
 * (entry.S, vectors.S, and the inmates' test shim, which stands in for
 * the hypervisor).
 */
#ifndef _ASM_FRAME_H
#define _ASM_FRAME_H

.macro	save_frame
	stp	x0, x1, [sp, #0]
	save_frame_x2
.endm

/* x2..x30 and xzr (the vectors store x0 and x1 as they make room for the frame). */
.macro	save_frame_x2
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
	stp	x30, xzr, [sp, #240]
.endm

/* x0 and x1 last: a caller may use them until then. */
.macro	restore_frame
	restore_frame_x2
	ldp	x0, x1, [sp, #0]
.endm

.macro	restore_frame_x2
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
.endm

#endif /* _ASM_FRAME_H */
