/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading cell images: raw binaries, or ELF files loaded by their PT_LOAD
 * segments. An image is a file the caller opened and passed (its fd) or,
 * for a config from a config directory, a file that config names. Either
 * way only a regular file is read, and never more than the cell can load.
 * Kernels, initrds and device trees for Linux are read whole.
 */
#include <fcntl.h>
#include <inttypes.h>

#include "cell.h"
#include "cv-bus.h"
#include "cv-elf.h"
#include "cv-file.h"

static int too_big(struct op_error *e, const char *name, const char *what, uint64_t size, uint64_t max)
{
	return op_fail(e, CV_ERROR_INVALID_IMAGE, -EFBIG,
		       "Image %s: %s (%" PRIu64 " bytes) is larger than the memory the cell can load "
		       "(%" PRIu64 " bytes in its regions flagged 'loadable')", name, what, size, max);
}

static int raw_image(int fd, const char *name, uint64_t size, uint64_t max, uint64_t address,
		     struct image_data *img, struct op_error *e)
{
	int r;

	if (size > max)
		return too_big(e, name, "the file", size, max);
	img->data = malloc(size);
	img->segs = calloc(1, sizeof(*img->segs));
	if (!img->data || !img->segs)
		return -ENOMEM;
	r = cv_pread_all(fd, img->data, size, 0);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, r, "Cannot read image %s: %s", name, cv_read_strerror(r));
	img->size = size;
	img->segs[0] = (struct cv_load_segment){ .src = (uintptr_t)img->data, .size = size, .guest_addr = address };
	img->n_segs = 1;
	return 0;
}

/*
 * An ELF file's segments: only their file parts are read (not its symbols),
 * then each BSS comes from one zero buffer, so a reloaded cell does not see
 * what the last run left there.
 */
static int elf_image(int fd, const char *name, const struct cv_elf_segment *es, unsigned int n, uint64_t max,
		     struct image_data *img, struct op_error *e)
{
	uint64_t file = 0, zeros = 0, at = 0;
	int r;

	for (unsigned int i = 0; i < n; i++) {
		if (es[i].mem_size > max)
			return too_big(e, name, "an ELF segment", es[i].mem_size, max);
		if (es[i].file_size > max - file)
			return too_big(e, name, "the ELF segments", file + es[i].file_size, max);
		file += es[i].file_size;
		if (es[i].mem_size - es[i].file_size > zeros)
			zeros = es[i].mem_size - es[i].file_size;
	}
	img->data = malloc(file ? file : 1);
	img->zeros = zeros ? calloc(1, zeros) : NULL;
	img->segs = calloc(2 * n, sizeof(*img->segs));
	if (!img->data || !img->segs || (zeros && !img->zeros))
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++) {
		char *dst = (char *)img->data + at;

		r = cv_pread_all(fd, dst, es[i].file_size, es[i].offset);
		if (r < 0)
			return op_fail(e, CV_ERROR_INVALID_IMAGE, r, "Cannot read image %s: %s", name,
				       cv_read_strerror(r));
		at += es[i].file_size;
		if (es[i].file_size)
			img->segs[img->n_segs++] = (struct cv_load_segment){
				.src = (uintptr_t)dst, .size = es[i].file_size, .guest_addr = es[i].paddr,
			};
		if (es[i].mem_size > es[i].file_size)
			img->segs[img->n_segs++] = (struct cv_load_segment){
				.src = (uintptr_t)img->zeros,
				.size = es[i].mem_size - es[i].file_size,
				.guest_addr = es[i].paddr + es[i].file_size,
			};
	}
	img->size = file;
	return 0;
}

int image_read(const struct cell_image *ci, uint64_t max, struct image_data *img, struct op_error *e)
{
	_cleanup_free_ struct cv_elf_segment *es = NULL;
	_cleanup_free_ char *name = NULL;
	_cleanup_close_ int opened = -1;
	const char *why = NULL;
	uint64_t size;
	int fd = ci->fd, r, n;

	*img = (struct image_data){};
	if (ci->path) {
		name = strdup(ci->path);
		fd = opened = cv_open_read(ci->path);
		if (fd < 0)
			return op_fail(e, CV_ERROR_INVALID_IMAGE, fd, "Cannot open image %s: %s", ci->path,
				       strerror(-fd));
	} else {
		name = cv_fd_path(fd);
	}
	if (!name)
		return -ENOMEM;
	r = cv_fd_regular_size(fd, &size);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, r, "Image %s: %s", name, cv_read_strerror(r));
	if (size == 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "Image %s is empty", name);
	n = cv_elf_fd_segments(fd, size, &es, &why);
	if (n < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, n, "Image %s: %s", name, why ? why : cv_read_strerror(n));
	if (n > 0)
		return elf_image(fd, name, es, (unsigned int)n, max, img, e);
	return raw_image(fd, name, size, max, ci->address, img, e);
}

int image_read_fd(int fd, const char *what, uint64_t max, void **ret, size_t *ret_size, struct op_error *e)
{
	char *buf = NULL;
	size_t size = 0;
	int r;

	r = cv_read_regular_fd(fd, max, &buf, &size);
	if (r == 0 && size == 0) {
		free(buf);
		r = -ENODATA;
	}
	if (r == -EFBIG)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, r, "%s is larger than %llu MiB", what,
			       (unsigned long long)max >> 20);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, r, "%s: %s", what,
			       r == -ENODATA ? "empty" : cv_read_strerror(r));
	*ret = buf;
	*ret_size = size;
	return 0;
}

/* Bytes the caller keeps until the load is done: a command line with its NUL, a kernel, a device tree. */
int image_blob(const void *data, size_t size, uint64_t address, struct image_data *img)
{
	*img = (struct image_data){ .size = size };
	img->segs = calloc(1, sizeof(*img->segs));
	if (!img->segs)
		return -ENOMEM;
	img->segs[0] = (struct cv_load_segment){
		.src = (uintptr_t)data, .size = size, .guest_addr = address,
	};
	img->n_segs = 1;
	return 0;
}

void image_data_free(struct image_data *img)
{
	free(img->data);
	free(img->zeros);
	free(img->segs);
	*img = (struct image_data){};
}
