/* SPDX-License-Identifier: GPL-2.0-only */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#include "cv-file.h"
#include "cv-util.h"

int cv_read_file(const char *path, size_t max, void **ret, size_t *ret_size)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	size_t size = 0, cap = 0;
	struct stat st;
	ssize_t n;

	if (fd < 0)
		return -errno;
	/*
	 * Read until the end rather than trust the size (/sys/firmware/fdt
	 * reports none), but start with room for what it says (a kernel is
	 * tens of MiB: no copies while the buffer grows).
	 */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uint64_t)st.st_size > max)
			return -EFBIG;
		cap = (size_t)st.st_size + 1;
		buf = malloc(cap);
		if (!buf)
			return -ENOMEM;
	}
	do {
		if (size == cap) {
			char *b;

			if (cap > max)
				return -EFBIG;
			cap = cap ? cap * 2 : 65536;
			b = realloc(buf, cap);
			if (!b)
				return -ENOMEM;
			buf = b;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0)
			return -errno;
		size += (size_t)n;
	} while (n > 0);
	if (size > max)
		return -EFBIG;
	*ret = TAKE_PTR(buf);
	*ret_size = size;
	return 0;
}
