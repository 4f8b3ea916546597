/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF cell images, as TAP: cv_elf_segments() on executables built here in
 * memory (good ones and each way of being broken), and the cell config
 * check taking an ELF image by its segments rather than by its file size.
 *
 * Usage: test-elf SYSTEM.yaml
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-config.h"
#include "cv-elf.h"

/* An arm64 executable: headers, two PT_LOADs and a GNU_STACK, then 0x3000 bytes of code/data. */
struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[3];
	unsigned char body[0x3000];
};

static void make_image(struct image *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_AARCH64;
	im->eh.e_phoff = offsetof(struct image, ph);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = 3;
	im->ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = offsetof(struct image, body),
				  .p_paddr = 0, .p_vaddr = 0xffff000000000000ULL,
				  .p_filesz = 0x2000, .p_memsz = 0x2000 };
	im->ph[1] = (Elf64_Phdr){ .p_type = PT_GNU_STACK };
	/* data plus BSS, the BSS running past the end of the file */
	im->ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = offsetof(struct image, body) + 0x2000,
				  .p_paddr = 0x8000, .p_filesz = 0x1000, .p_memsz = 0x5000 };
	for (size_t i = 0; i < sizeof(im->body); i++)
		im->body[i] = (unsigned char)i;
}

static int segments(const struct image *im, size_t size, struct cv_elf_segment **segs, const char **why)
{
	*why = NULL;
	return cv_elf_segments(im, size, segs, why);
}

static void test_good(void)
{
	struct cv_elf_segment *s = NULL;
	struct image im;
	const char *why;
	int n;

	make_image(&im);
	n = segments(&im, sizeof(im), &s, &why);
	tap_ok(n == 2, "an arm64 executable gives its two PT_LOAD segments (GNU_STACK skipped)");
	tap_ok(n == 2 && s[0].paddr == 0 && s[0].file_size == 0x2000 && s[0].mem_size == 0x2000 &&
	   s[0].offset == offsetof(struct image, body),
	   "segment 1: file offset, sizes and the physical (not the virtual) address");
	tap_ok(n == 2 && s[1].paddr == 0x8000 && s[1].file_size == 0x1000 && s[1].mem_size == 0x5000,
	   "segment 2: its BSS is mem_size - file_size");
	free(s);
}

static void test_raw(void)
{
	static const unsigned char raw[] = { 0x1f, 0x20, 0x03, 0xd5, 0x7f, 'E', 'L' };
	struct cv_elf_segment *s = (void *)1;
	const char *why;

	tap_ok(cv_elf_segments(raw, sizeof(raw), &s, &why) == 0 && s == NULL,
	   "a raw image (even one starting with bytes of the magic) is not ELF");
	tap_ok(cv_elf_segments(raw, 0, &s, &why) == 0, "an empty file is not ELF");
}

/*
 * Headers at addresses no Elf64 struct may sit at: the file one byte into
 * its buffer, and its program headers after the body at an odd offset.
 */
static void test_unaligned(void)
{
	size_t phoff = sizeof(struct image) + 1, size = phoff + sizeof(((struct image *)0)->ph);
	unsigned char *buf = calloc(1, 1 + size);
	struct cv_elf_segment *s = NULL;
	struct image im;
	const char *why;
	int n;

	if (!buf)
		abort();
	make_image(&im);
	im.eh.e_phoff = phoff;
	memcpy(buf + 1, &im, sizeof(im));
	memcpy(buf + 1 + phoff, im.ph, sizeof(im.ph));
	n = cv_elf_segments(buf + 1, size, &s, &why);
	tap_ok(n == 2 && s[1].paddr == 0x8000 && s[1].mem_size == 0x5000,
	   "headers at unaligned addresses (odd e_phoff, file 1 byte into its buffer) are read as any others");
	free(s);
	free(buf);
}

/* Spoils a good image in way i; returns its description, NULL past the last. */
static const char *spoil(struct image *im, size_t *size, unsigned int i)
{
	switch (i) {
	case 0: *size = 20; return "a cut-short header";
	case 1: im->eh.e_ident[EI_CLASS] = ELFCLASS32; return "a 32-bit file";
	case 2: im->eh.e_ident[EI_DATA] = ELFDATA2MSB; return "a big-endian file";
	case 3: im->eh.e_machine = EM_X86_64; return "an x86-64 file";
	case 4: im->eh.e_type = ET_DYN; return "a shared object (no fixed address)";
	case 5: im->eh.e_phnum = 0; return "no program headers";
	case 6: im->eh.e_phoff = sizeof(*im) - 8; return "program headers past the end";
	case 7: im->eh.e_phentsize = 32; return "a wrong program header size";
	case 8: im->ph[2].p_filesz = 0x2000; return "a segment past the end of the file";
	case 9: im->ph[0].p_offset = ~0ULL; return "a huge segment offset";
	case 10: im->ph[0].p_memsz = 0x1000; return "file size above memory size";
	case 11: im->ph[2].p_paddr = ~0ULL - 0x100; return "an address range that wraps";
	case 12: im->ph[0].p_type = im->ph[2].p_type = PT_NOTE; return "no PT_LOAD at all";
	}
	return NULL;
}

/* Each way an ELF file can be unusable gives -EINVAL and a reason. */
static void test_broken(void)
{
	for (unsigned int i = 0;; i++) {
		struct cv_elf_segment *s = (void *)1;
		struct image im;
		size_t size = sizeof(im);
		const char *what, *why;
		char line[160];
		int n;

		make_image(&im);
		what = spoil(&im, &size, i);
		if (!what)
			break;
		n = segments(&im, size, &s, &why);
		snprintf(line, sizeof(line), "%s: -EINVAL, \"%s\"", what, n == -EINVAL ? why : "?");
		tap_ok(n == -EINVAL && why && *why && s == NULL, "%s", line);
	}
}

static int write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "we");
	int r = f && fwrite(data, 1, size, f) == size ? 0 : -1;

	if (f && fclose(f) != 0)
		r = -1;
	return r;
}

/* Validate dir/cell.yaml (whose image is dir/img.elf) against sys; returns the errors. */
static size_t validate(const char *dir, const char *yaml, const struct cv_config *sys, char **msgs)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	char path[512];

	snprintf(path, sizeof(path), "%s/cell.yaml", dir);
	if (write_file(path, yaml, strlen(yaml)) < 0)
		abort();
	cv_diag_init(&d);
	if (cv_config_load(path, &c, &d) == 0)
		(void)cv_cell_validate(c, sys, &d);
	*msgs = cv_diag_join(&d, 10);
	return d.n_errors;
}

#define CELL_YAML(size) \
	"kind: cell\nname: elf\ncpus: 3\nmemory:\n" \
	"  - { phys: 0x7fa00000, virt: 0, size: " size ", flags: [read, write, execute, loadable] }\n" \
	"images:\n  - { file: img.elf }\n"

static void test_config(const char *sys_path)
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	char dir[] = "/tmp/cv-test-elf.XXXXXX", path[512];
	_cleanup_free_ char *msgs = NULL, *msgs2 = NULL, *msgs3 = NULL, *msgs4 = NULL;
	struct image *big;
	size_t errs;

	cv_diag_init(&d);
	if (cv_config_load(sys_path, &sys, &d) < 0 || !mkdtemp(dir))
		abort();
	/* 64 KiB of symbols after the loadable part: bigger than the region */
	big = calloc(1, sizeof(*big) + 0x10000);
	make_image(big);
	snprintf(path, sizeof(path), "%s/img.elf", dir);
	if (!big || write_file(path, big, sizeof(*big) + 0x10000) < 0)
		abort();

	errs = validate(dir, CELL_YAML("64K"), sys, &msgs);
	tap_ok(errs == 0, "an ELF file larger than its region passes: its segments (0-0xcfff) fit");
	if (errs)
		printf("# %s\n", msgs);
	errs = validate(dir, CELL_YAML("32K"), sys, &msgs2);
	tap_ok(errs == 1 && strstr(msgs2, "cell.yaml:7:5: error:") &&
	   strstr(msgs2, "ELF segment 0x8000-0xcfff is not inside one region flagged 'loadable'"),
	   "a segment whose BSS runs past the region is an error at the image's line");
	if (msgs2)
		printf("# %s\n", msgs2);

	big->eh.e_machine = EM_X86_64;
	if (write_file(path, big, sizeof(*big)) < 0)
		abort();
	errs = validate(dir, CELL_YAML("64K"), sys, &msgs3);
	tap_ok(errs == 1 && strstr(msgs3, "not a little-endian 64-bit arm64 ELF file"),
	   "an x86-64 ELF file is refused as such, not loaded as a raw image");
	if (msgs3)
		printf("# %s\n", msgs3);
	unlink(path);

	/* A FIFO named as the image: no writer ever comes, so reading it would block for good. */
	if (mkfifo(path, 0600) < 0)
		abort();
	errs = validate(dir, CELL_YAML("64K"), sys, &msgs4);
	tap_ok(errs == 1 && strstr(msgs4, "image 'img.elf': not a regular file"),
	   "a FIFO as the image is an error at once, not a check that never ends");
	if (msgs4)
		printf("# %s\n", msgs4);
	unlink(path);
	snprintf(path, sizeof(path), "%s/cell.yaml", dir);
	unlink(path);
	rmdir(dir);
	free(big);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test-elf SYSTEM.yaml\n");
		return 2;
	}
	test_good();
	test_raw();
	test_unaligned();
	test_broken();
	test_config(argv[1]);
	return tap_done();
}
