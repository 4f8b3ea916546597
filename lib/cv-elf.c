/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF images. Only what a loader needs: the file must be a little-endian
 * ELF64 executable for AArch64, and each PT_LOAD segment with something to
 * load goes to its physical address (p_paddr), which for a bare-metal
 * inmate is the guest physical address it was linked for.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv-elf.h"
#include "cv-file.h"
#include "cv-util.h"

static int broken(const char **why, const char *what)
{
	*why = what;
	return -EINVAL;
}

/* [off, off + len) inside a file of size bytes, without overflow */
static int in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

int cv_elf_segments_in(const void *data, size_t size, uint64_t file_size, struct cv_elf_segment **segs,
		       const char **why)
{
	const char *bytes = data;
	struct cv_elf_segment *out;
	Elf64_Ehdr eh;
	int n = 0;

	*segs = NULL;
	if (size < SELFMAG || memcmp(data, ELFMAG, SELFMAG) != 0)
		return 0;
	if (size < sizeof(eh))
		return broken(why, "ELF header cut short");
	/* Copies, not casts: a file's headers need not be aligned in the buffer. */
	memcpy(&eh, data, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_AARCH64)
		return broken(why, "not a little-endian 64-bit arm64 ELF file");
	if (eh.e_type != ET_EXEC)
		return broken(why, "not an ELF executable (linked with a fixed address)");
	if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    !in_file(eh.e_phoff, (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr), size))
		return broken(why, "ELF program headers missing or outside the file");

	out = calloc(eh.e_phnum, sizeof(*out));
	if (!out)
		return -ENOMEM;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, bytes + eh.e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || !in_file(ph.p_offset, ph.p_filesz, file_size) ||
		    ph.p_paddr + ph.p_memsz < ph.p_paddr) {
			free(out);
			return broken(why, "an ELF load segment lies outside the file or wraps around");
		}
		out[n++] = (struct cv_elf_segment){
			.offset = ph.p_offset,
			.file_size = ph.p_filesz,
			.mem_size = ph.p_memsz,
			.paddr = ph.p_paddr,
		};
	}
	if (n == 0) {
		free(out);
		return broken(why, "ELF file has no load segment");
	}
	*segs = out;
	return n;
}

int cv_elf_segments(const void *data, size_t size, struct cv_elf_segment **segs, const char **why)
{
	return cv_elf_segments_in(data, size, size, segs, why);
}

int cv_elf_fd_segments(int fd, uint64_t file_size, struct cv_elf_segment **segs, const char **why)
{
	size_t want = file_size < CV_ELF_HEAD_MAX ? (size_t)file_size : CV_ELF_HEAD_MAX;
	_cleanup_free_ char *head = malloc(want ? want : 1);
	int r;

	*segs = NULL;
	*why = NULL;
	if (!head)
		return -ENOMEM;
	r = cv_pread_all(fd, head, want, 0);
	if (r < 0)
		return r;
	return cv_elf_segments_in(head, want, file_size, segs, why);
}

int cv_elf_file_segments(const char *path, struct cv_elf_segment **segs, const char **why)
{
	_cleanup_close_ int fd = cv_open_read(path);
	uint64_t size;
	int r;

	*segs = NULL;
	*why = NULL;
	if (fd < 0)
		return fd;
	r = cv_fd_regular_size(fd, &size);
	if (r < 0)
		return r == -EINVAL ? broken(why, cv_read_strerror(r)) : r;
	return cv_elf_fd_segments(fd, size, segs, why);
}
