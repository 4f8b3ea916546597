/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading cell images: raw binaries, or ELF files loaded by their PT_LOAD segments. */
#include <fcntl.h>
#include <sys/stat.h>

#include "cell.h"
#include "cv-elf.h"
#include "cv-bus.h"

#define IMAGE_MAX_SIZE (512ULL << 20)

int image_read_fd(int fd, const char *what, uint64_t max, void **ret, size_t *ret_size, struct op_error *e)
{
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t done = 0;

	if (fstat(fd, &st) < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -errno, "Cannot read %s: %s", what, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "%s is not a regular file", what);
	if ((uint64_t)st.st_size > max || st.st_size == 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EFBIG, "%s is empty or larger than %llu MiB",
			       what, (unsigned long long)max >> 20);
	buf = malloc((size_t)st.st_size);
	if (!buf)
		return -ENOMEM;
	/* From the start, whatever the file offset of a descriptor someone passed us. */
	while (done < (size_t)st.st_size) {
		ssize_t n = pread(fd, buf + done, (size_t)st.st_size - done, (off_t)done);

		if (n <= 0)
			return op_fail(e, CV_ERROR_INVALID_IMAGE, n < 0 ? -errno : -EIO, "Cannot read %s", what);
		done += (size_t)n;
	}
	*ret = TAKE_PTR(buf);
	*ret_size = done;
	return 0;
}

static int read_file(const char *path, void **ret, size_t *ret_size, struct op_error *e)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *what = NULL;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -errno, "Cannot read image %s: %s", path, strerror(errno));
	if (asprintf(&what, "Image %s", path) < 0)
		return -ENOMEM;
	return image_read_fd(fd, what, IMAGE_MAX_SIZE, ret, ret_size, e);
}

/*
 * An ELF file's segments: the file part of each, then its BSS from a zero
 * buffer, so a reloaded cell does not see what the last run left there.
 */
static int elf_segments(const char *path, struct image_data *img, const struct cv_elf_segment *es,
			unsigned int n, struct op_error *e)
{
	uint64_t zeros = 0;

	for (unsigned int i = 0; i < n; i++)
		if (es[i].mem_size - es[i].file_size > zeros)
			zeros = es[i].mem_size - es[i].file_size;
	if (zeros > IMAGE_MAX_SIZE)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EFBIG,
			       "ELF image %s: a segment's BSS is larger than %llu MiB", path, IMAGE_MAX_SIZE >> 20);
	img->segs = calloc(2 * n, sizeof(*img->segs));
	img->zeros = zeros ? calloc(1, zeros) : NULL;
	if (!img->segs || (zeros && !img->zeros))
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++) {
		if (es[i].file_size)
			img->segs[img->n_segs++] = (struct cv_load_segment){
				.src = (uintptr_t)img->data + es[i].offset,
				.size = es[i].file_size,
				.guest_addr = es[i].paddr,
			};
		if (es[i].mem_size > es[i].file_size)
			img->segs[img->n_segs++] = (struct cv_load_segment){
				.src = (uintptr_t)img->zeros,
				.size = es[i].mem_size - es[i].file_size,
				.guest_addr = es[i].paddr + es[i].file_size,
			};
	}
	return 0;
}

int image_read(const char *path, uint64_t address, struct image_data *img, struct op_error *e)
{
	_cleanup_free_ struct cv_elf_segment *es = NULL;
	const char *why = NULL;
	int r, n;

	*img = (struct image_data){};
	if (!path || path[0] != '/')
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL,
			       "Image path '%s' is not absolute", path ? path : "");
	r = read_file(path, &img->data, &img->size, e);
	if (r < 0)
		return r;
	n = cv_elf_segments(img->data, img->size, &es, &why);
	if (n < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, n, "Image %s: %s", path, n == -EINVAL ? why : strerror(-n));
	if (n > 0)
		return elf_segments(path, img, es, (unsigned int)n, e);
	img->segs = calloc(1, sizeof(*img->segs));
	if (!img->segs)
		return -ENOMEM;
	img->segs[0] = (struct cv_load_segment){
		.src = (uintptr_t)img->data, .size = img->size, .guest_addr = address,
	};
	img->n_segs = 1;
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
