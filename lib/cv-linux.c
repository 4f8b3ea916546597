/* SPDX-License-Identifier: GPL-2.0-only */
/* Preparing a Linux boot in a cell (cv-linux.h). */
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <zlib.h>

#include "cv-dtb.h"
#include "cv-linux.h"

#define SZ_2M		(2ULL << 20)
#define SZ_4K		4096ULL

/* The arm64 Image header (booting.rst), little-endian. */
#define IMAGE_HEADER_SIZE	64
#define IMAGE_MAGIC		0x644d5241	/* "ARM\x64" at offset 56 */
#define IMAGE_FLAG_BE		0x1

/* The loader's instructions (A64); its two literals follow at +24 and +32. */
#define A64_LDR_X0_PC24		0x580000c0	/* ldr x0, .+24: the device tree */
#define A64_MOV_X1_XZR		0xaa1f03e1
#define A64_MOV_X2_XZR		0xaa1f03e2
#define A64_MOV_X3_XZR		0xaa1f03e3
#define A64_LDR_X4_PC16		0x58000084	/* ldr x4, .+16: the kernel */
#define A64_BR_X4		0xd61f0080

static int fail(char **error, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(error, fmt, ap) < 0)
		*error = NULL;
	va_end(ap);
	return err;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static uint64_t le64_at(const void *p, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return le64toh(v);
}

static uint32_t le32_at(const void *p, size_t off)
{
	uint32_t v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return le32toh(v);
}

static double mib(uint64_t v)
{
	return (double)v / (1 << 20);
}

static int inflate_image(const void *gz, size_t size, void **ret, size_t *ret_size, char **error)
{
	_cleanup_free_ unsigned char *out = NULL;
	z_stream z = { .next_in = (unsigned char *)gz, .avail_in = (uInt)size };
	size_t cap = 0;
	int r;

	if (size > UINT32_MAX || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return fail(error, -EINVAL, "the kernel is gzip-compressed, but cannot be inflated");
	do {
		if (z.total_out == cap) {
			unsigned char *n;

			if (cap >= CV_LINUX_IMAGE_MAX) {
				inflateEnd(&z);
				return fail(error, -EFBIG, "the kernel inflates to more than %llu MiB",
					    CV_LINUX_IMAGE_MAX >> 20);
			}
			cap = cap ? cap * 2 : 32ULL << 20;
			n = realloc(out, cap);
			if (!n) {
				inflateEnd(&z);
				return -ENOMEM;
			}
			out = n;
		}
		z.next_out = out + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		r = inflate(&z, Z_NO_FLUSH);
	} while (r == Z_OK);
	*ret_size = z.total_out;
	inflateEnd(&z);
	if (r != Z_STREAM_END)
		return fail(error, -EINVAL, "the kernel is gzip-compressed, but the data is corrupt (%s)",
			    z.msg ? z.msg : "truncated");
	*ret = TAKE_PTR(out);
	return 0;
}

/* Why a file is not an arm64 Image, when it is something else people mistake for one. */
static const char *what_else(const unsigned char *p, size_t size)
{
	if (size >= 4 && memcmp(p, "\177ELF", 4) == 0)
		return ": it is an ELF file (vmlinux?); give the Image (vmlinuz, arch/arm64/boot/Image)";
	if (size >= 8 && memcmp(p, "MZ", 2) == 0 && memcmp(p + 4, "zimg", 4) == 0)
		return ": it is an EFI zboot image, which needs EFI to unpack";
	if (size >= 4 && le32_at(p, 0) == 0x016f2818)
		return ": it is a 32-bit ARM zImage";
	return "";
}

static int parse_header(const void *image, size_t size, struct cv_linux_boot *b, char **error)
{
	if (size < IMAGE_HEADER_SIZE || le32_at(image, 56) != IMAGE_MAGIC)
		return fail(error, -EINVAL, "the kernel is not an arm64 Linux Image (no \"ARM\\x64\" magic at "
			    "offset 56)%s", what_else(image, size));
	b->text_offset = le64_at(image, 8);
	b->image_size = le64_at(image, 16);
	b->flags = le64_at(image, 24);
	if (b->image_size == 0)
		return fail(error, -EINVAL, "the kernel's header has image_size 0 (a kernel older than 3.17), "
			    "so its memory needs are unknown");
	if (b->flags & IMAGE_FLAG_BE)
		return fail(error, -EINVAL, "the kernel is big-endian; cells run little-endian");
	if (b->text_offset >= SZ_2M || b->text_offset % SZ_4K)
		return fail(error, -EINVAL, "the kernel's text_offset 0x%llx is not a 4K-aligned offset below 2 MiB",
			    (unsigned long long)b->text_offset);
	if (b->image_size < size)
		return fail(error, -EINVAL, "the kernel's image_size 0x%llx is smaller than the file (%zu bytes)",
			    (unsigned long long)b->image_size, size);
	return 0;
}

static const struct cv_region *boot_region(const struct cv_cell *cell)
{
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];

		if (cell->reset_address >= r->virt && cell->reset_address - r->virt < r->size &&
		    (r->flags & (CV_MEM_LOADABLE | CV_MEM_WRITE | CV_MEM_EXECUTE)) ==
			    (CV_MEM_LOADABLE | CV_MEM_WRITE | CV_MEM_EXECUTE) &&
		    !(r->flags & (CV_MEM_IO | CV_MEM_COMM_REGION)))
			return r;
	}
	return NULL;
}

static void add_part(struct cv_linux_boot *b, const char *what, const void *data, size_t size, uint64_t addr)
{
	b->parts[b->n_parts++] = (struct cv_linux_part){ what, data, size, addr };
}

int cv_linux_prepare(const struct cv_cell *cell, const struct cv_system *sys,
		     const struct cv_linux_input *in, struct cv_linux_boot *b, char **error)
{
	const struct cv_region *ram = boot_region(cell);
	const void *image = in->kernel;
	size_t image_file_size = in->kernel_size, dtb_size;
	uint64_t ram_end, kernel, next, dtb_addr, initrd = 0;
	struct cv_dtb_chosen chosen = { .bootargs = in->cmdline };
	int r;

	*b = (struct cv_linux_boot){};
	*error = NULL;
	if (!ram)
		return fail(error, -EINVAL, "cell '%s': reset-address 0x%llx is not in a loadable, writable, "
			    "executable RAM region, where the loader and the kernel go", cell->name,
			    (unsigned long long)cell->reset_address);
	if (cell->reset_address % 8)
		return fail(error, -EINVAL, "cell '%s': reset-address 0x%llx is not 8-byte aligned, as the loader "
			    "needs", cell->name, (unsigned long long)cell->reset_address);
	if (in->cmdline && strlen(in->cmdline) >= CV_LINUX_CMDLINE_MAX)
		return fail(error, -EINVAL, "the kernel command line is %zu bytes; Linux takes at most %d",
			    strlen(in->cmdline), CV_LINUX_CMDLINE_MAX - 1);
	if (in->kernel_size >= 2 && ((const unsigned char *)in->kernel)[0] == 0x1f &&
	    ((const unsigned char *)in->kernel)[1] == 0x8b) {
		r = inflate_image(in->kernel, in->kernel_size, &b->inflated, &image_file_size, error);
		if (r < 0)
			return r;
		image = b->inflated;
	}
	r = parse_header(image, image_file_size, b, error);
	if (r < 0)
		goto fail;

	ram_end = ram->virt + ram->size;
	kernel = align_up(cell->reset_address + CV_LINUX_LOADER_SIZE, SZ_2M) + b->text_offset;
	next = align_up(kernel + b->image_size, SZ_4K);
	if (kernel < ram->virt || next > ram_end) {
		r = fail(error, -EFBIG, "the kernel needs %.1f MiB from 0x%llx, but the region at 0x%llx ends at "
			 "0x%llx", mib(b->image_size), (unsigned long long)kernel,
			 (unsigned long long)ram->virt, (unsigned long long)ram_end);
		goto fail;
	}
	if (in->initrd) {
		initrd = next;
		if (in->initrd_size > ram_end - initrd) {
			r = fail(error, -EFBIG, "the initrd (%.1f MiB) does not fit after the kernel: %.1f MiB are "
				 "left from 0x%llx to the end of the region at 0x%llx", mib(in->initrd_size),
				 mib(ram_end - initrd), (unsigned long long)initrd, (unsigned long long)ram->virt);
			goto fail;
		}
		chosen.initrd_start = initrd;
		chosen.initrd_end = initrd + in->initrd_size;
		next = align_up(chosen.initrd_end, SZ_4K);
	}
	dtb_addr = next;
	if (in->dtb)
		r = cv_dtb_set_chosen(in->dtb, in->dtb_size, &chosen, &b->dtb, &dtb_size, error);
	else
		r = cv_dtb_generate(cell, sys, &chosen, &b->dtb, &dtb_size, error);
	if (r < 0)
		goto fail;
	if (dtb_size > CV_LINUX_DTB_MAX || dtb_size > ram_end - dtb_addr) {
		r = fail(error, -EFBIG, "the device tree (%zu bytes) does not fit: %s", dtb_size,
			 dtb_size > CV_LINUX_DTB_MAX ? "the boot protocol allows 2 MiB"
						     : "the region ends before it");
		goto fail;
	}

	b->loader[0] = htole32(A64_LDR_X0_PC24);
	b->loader[1] = htole32(A64_MOV_X1_XZR);
	b->loader[2] = htole32(A64_MOV_X2_XZR);
	b->loader[3] = htole32(A64_MOV_X3_XZR);
	b->loader[4] = htole32(A64_LDR_X4_PC16);
	b->loader[5] = htole32(A64_BR_X4);
	b->loader[6] = htole32((uint32_t)dtb_addr);
	b->loader[7] = htole32((uint32_t)(dtb_addr >> 32));
	b->loader[8] = htole32((uint32_t)kernel);
	b->loader[9] = htole32((uint32_t)(kernel >> 32));

	add_part(b, "loader", b->loader, sizeof(b->loader), cell->reset_address);
	add_part(b, "kernel", image, image_file_size, kernel);
	if (in->initrd)
		add_part(b, "initrd", in->initrd, in->initrd_size, initrd);
	add_part(b, "device tree", b->dtb, dtb_size, dtb_addr);
	return 0;
fail:
	cv_linux_boot_free(b);
	return r;
}

void cv_linux_boot_free(struct cv_linux_boot *b)
{
	free(b->inflated);
	free(b->dtb);
	*b = (struct cv_linux_boot){};
}

char *cv_linux_describe(const struct cv_linux_boot *b)
{
	char *s = NULL, *n;

	for (unsigned int i = 0; i < b->n_parts; i++) {
		if (asprintf(&n, "%s%s%s at 0x%llx (%zu bytes)", s ? s : "", s ? ", " : "", b->parts[i].what,
			     (unsigned long long)b->parts[i].address, b->parts[i].size) < 0) {
			free(s);
			return NULL;
		}
		free(s);
		s = n;
	}
	return s;
}
