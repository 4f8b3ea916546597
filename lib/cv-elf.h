/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 ELF executables as cell images: what their PT_LOAD segments say. */
#ifndef CV_ELF_H
#define CV_ELF_H

#include <stddef.h>
#include <stdint.h>

struct cv_elf_segment {
	uint64_t offset;	/* in the file */
	uint64_t file_size;	/* bytes taken from the file */
	uint64_t mem_size;	/* >= file_size: the rest is zero (BSS) */
	uint64_t paddr;		/* guest physical address */
};

/* An ELF file's headers must lie in its first 64 KiB (they open the file in practice). */
#define CV_ELF_HEAD_MAX (64 * 1024)

/*
 * Splits an image into its load segments. Returns 0 when data is not an
 * ELF file at all (a raw image: *segs NULL), the number of segments (>= 1,
 * *segs malloc'ed) for an arm64 ELF64 executable, or -EINVAL with *why
 * saying what is wrong for any other ELF file: a 32-bit, big-endian or
 * foreign one, or one whose headers or segments do not lie in the file.
 */
int cv_elf_segments(const void *data, size_t size, struct cv_elf_segment **segs, const char **why);

/*
 * The same when data holds only the start of a file of file_size bytes:
 * the headers must lie in data, the segments in the file.
 */
int cv_elf_segments_in(const void *data, size_t size, uint64_t file_size, struct cv_elf_segment **segs,
		       const char **why);

/*
 * The same for the regular file fd of file_size bytes, reading only its
 * first CV_ELF_HEAD_MAX bytes. -errno with *why NULL when it cannot be read.
 */
int cv_elf_fd_segments(int fd, uint64_t file_size, struct cv_elf_segment **segs, const char **why);

/* The same for a file by path; a FIFO or device is -EINVAL with *why saying so. */
int cv_elf_file_segments(const char *path, struct cv_elf_segment **segs, const char **why);

#endif
