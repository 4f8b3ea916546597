/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device tree a cell boots with, generated from its config and the
 * system config (libfdt): what an unmodified Linux, or a program built for
 * QEMU's virt machine, needs to find its CPUs, memory, interrupt
 * controller, timer, console and devices. Shared by cellmgrd (which loads
 * it) and cellctl (`cellctl dtb` writes it out).
 */
#ifndef CV_DTB_H
#define CV_DTB_H

#include <stddef.h>
#include <stdint.h>

#include "cv-config.h"

/* The PL011 clock a vUART is described with: QEMU virt's 24 MHz apb-pclk. */
#define CV_DTB_VUART_CLOCK_HZ	24000000ULL

struct cv_dtb_chosen {
	const char *bootargs;		/* NULL or "": none */
	uint64_t initrd_start;		/* guest physical; initrd_end == 0: no initrd */
	uint64_t initrd_end;		/* exclusive */
};

/*
 * Generate the device tree of cell (against sys). On success *ret is a
 * malloc()ed blob of *ret_size bytes. A cell the tree cannot describe
 * gives -EINVAL and *error, a malloc()ed sentence.
 */
int cv_dtb_generate(const struct cv_cell *cell, const struct cv_system *sys,
		    const struct cv_dtb_chosen *chosen, void **ret, size_t *ret_size, char **error);

/*
 * A device tree someone wrote: a copy with /chosen's bootargs and initrd
 * range set as in chosen (what the boot loader does), in *ret.
 */
int cv_dtb_set_chosen(const void *dtb, size_t size, const struct cv_dtb_chosen *chosen,
		      void **ret, size_t *ret_size, char **error);

#endif /* CV_DTB_H */
