/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading cell images: raw binaries, or ELF files loaded by their PT_LOAD segments. */
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "cell.h"
#include "cv-bus.h"

#define IMAGE_MAX_SIZE (512ULL << 20)

static int read_file(const char *path, void **ret, size_t *ret_size, struct op_error *e)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t done = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -errno, "Cannot read image %s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "Image %s is not a regular file", path);
	if ((uint64_t)st.st_size > IMAGE_MAX_SIZE || st.st_size == 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EFBIG, "Image %s is empty or larger than %llu MiB",
			       path, IMAGE_MAX_SIZE >> 20);
	buf = malloc((size_t)st.st_size);
	if (!buf)
		return -ENOMEM;
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n <= 0)
			return op_fail(e, CV_ERROR_INVALID_IMAGE, n < 0 ? -errno : -EIO, "Cannot read image %s", path);
		done += (size_t)n;
	}
	*ret = TAKE_PTR(buf);
	*ret_size = done;
	return 0;
}

static bool is_elf64_arm64(const void *data, size_t size)
{
	const Elf64_Ehdr *eh = data;

	return size >= sizeof(*eh) && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_machine == EM_AARCH64;
}

static int elf_segments(const char *path, struct image_data *img, struct op_error *e)
{
	const Elf64_Ehdr *eh = img->data;
	const Elf64_Phdr *ph;

	if (eh->e_phoff > img->size || (uint64_t)eh->e_phnum * sizeof(*ph) > img->size - eh->e_phoff)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "ELF image %s has a broken program header", path);
	ph = (const Elf64_Phdr *)((const char *)img->data + eh->e_phoff);
	img->segs = calloc(eh->e_phnum ? eh->e_phnum : 1, sizeof(*img->segs));
	if (!img->segs)
		return -ENOMEM;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_filesz == 0)
			continue;
		if (ph[i].p_offset > img->size || ph[i].p_filesz > img->size - ph[i].p_offset)
			return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL,
				       "ELF image %s: segment %u lies outside the file", path, i);
		img->segs[img->n_segs++] = (struct cv_load_segment){
			.src = (uintptr_t)img->data + ph[i].p_offset,
			.size = ph[i].p_filesz,
			.guest_addr = ph[i].p_paddr,
		};
	}
	if (img->n_segs == 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "ELF image %s has nothing to load", path);
	return 0;
}

int image_read(const char *path, uint64_t address, struct image_data *img, struct op_error *e)
{
	int r;

	*img = (struct image_data){};
	if (!path || path[0] != '/')
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL,
			       "Image path '%s' is not absolute", path ? path : "");
	r = read_file(path, &img->data, &img->size, e);
	if (r < 0)
		return r;
	if (is_elf64_arm64(img->data, img->size))
		return elf_segments(path, img, e);
	img->segs = calloc(1, sizeof(*img->segs));
	if (!img->segs)
		return -ENOMEM;
	img->segs[0] = (struct cv_load_segment){
		.src = (uintptr_t)img->data, .size = img->size, .guest_addr = address,
	};
	img->n_segs = 1;
	return 0;
}

void image_data_free(struct image_data *img)
{
	free(img->data);
	free(img->segs);
	*img = (struct image_data){};
}
