/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: the ELF image parser. Any bytes as an image, whole and
 * as the start of a longer file: either not ELF, or refused with a reason,
 * or segments that lie inside the file and do not wrap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "cv-elf.h"

static void check(const uint8_t *data, size_t size, uint64_t file_size)
{
	struct cv_elf_segment *segs = NULL;
	const char *why = NULL;
	int n;

	n = cv_elf_segments_in(data, size, file_size, &segs, &why);
	if (n < 0 && (n != -EINVAL || !why || segs))
		abort();
	if (n == 0 && segs)
		abort();
	for (int i = 0; i < n; i++)
		if (segs[i].offset > file_size || segs[i].file_size > file_size - segs[i].offset ||
		    segs[i].file_size > segs[i].mem_size || segs[i].mem_size == 0 ||
		    segs[i].paddr + segs[i].mem_size < segs[i].paddr)
			abort();
	free(segs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, size);
	/* only the headers in memory (what cv_elf_fd_segments() reads), the file 1 MiB longer */
	check(data, size, (uint64_t)size + (1 << 20));
	return 0;
}
