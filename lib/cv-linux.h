/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Booting Linux in a cell, per Linux's arm64 boot protocol
 * (Documentation/arch/arm64/booting.rst): the Image at a 2 MiB aligned
 * base plus its header's text_offset, the initrd and the device tree in
 * the cell's RAM, and the first CPU entering with x0 = the device tree's
 * address, x1..x3 = 0, MMU off. The hypervisor starts a cell's first CPU
 * at its reset address with x0 = 0, so a 40-byte loader goes there:
 *
 *   reset-address   loader: x0 = DTB, x1..x3 = 0, branch to the kernel
 *   next 2 MiB      + text_offset: the Image (image_size bytes, BSS included)
 *   after it        the initrd (4 KiB aligned), then the device tree
 *
 * All of it must lie in the region that holds the reset address. Shared
 * by cellmgrd (which loads it) and cellctl (`cellctl dtb`).
 */
#ifndef CV_LINUX_H
#define CV_LINUX_H

#include <stddef.h>
#include <stdint.h>

#include "cv-config.h"

#define CV_LINUX_IMAGE_MAX	(256ULL << 20)	/* an Image, or what a gzip one inflates to */
#define CV_LINUX_INITRD_MAX	(512ULL << 20)
#define CV_LINUX_DTB_MAX	(2ULL << 20)	/* the boot protocol's limit */
#define CV_LINUX_LOADER_SIZE	40

/* What to boot; data the caller owns. */
struct cv_linux_input {
	const void *kernel;	/* an arm64 Image, or a gzip-compressed one */
	size_t kernel_size;
	const void *initrd;	/* NULL: none */
	size_t initrd_size;
	const char *cmdline;	/* NULL: none */
	const void *dtb;	/* NULL: the cell's generated device tree */
	size_t dtb_size;
};

/* A piece to load at a guest physical address. */
struct cv_linux_part {
	const char *what;	/* "loader", "kernel", "initrd", "device tree" */
	const void *data;
	size_t size;
	uint64_t address;
};

/* The prepared boot: the parts point into the input and into this struct (do not copy it). */
struct cv_linux_boot {
	struct cv_linux_part parts[4];
	unsigned int n_parts;
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t flags;
	void *inflated;		/* the Image, if the kernel was gzip-compressed */
	uint32_t loader[CV_LINUX_LOADER_SIZE / 4];
	void *dtb;
};

/*
 * Check the kernel (an arm64 Image, header magic, endianness, image_size),
 * place everything in the cell's RAM, build the loader and the device tree.
 * On bad input: -EINVAL (or -EFBIG) and *error, a malloc()ed sentence.
 */
int cv_linux_prepare(const struct cv_cell *cell, const struct cv_system *sys,
		     const struct cv_linux_input *in, struct cv_linux_boot *ret, char **error);
void cv_linux_boot_free(struct cv_linux_boot *b);
/* One line: where each part goes, for logs (caller frees). */
char *cv_linux_describe(const struct cv_linux_boot *b);

#endif /* CV_LINUX_H */
