/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading whole files: a user's own to their end, untrusted ones only if regular and small enough. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#include "cv-file.h"
#include "cv-util.h"

int cv_open_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int cv_fd_regular_size(int fd, uint64_t *ret)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	*ret = (uint64_t)st.st_size;
	return 0;
}

int cv_read_regular_fd(int fd, uint64_t max, char **ret, size_t *ret_size)
{
	_cleanup_free_ char *buf = NULL;
	uint64_t size;
	int r;

	r = cv_fd_regular_size(fd, &size);
	if (r < 0)
		return r;
	if (size > max)
		return -EFBIG;
	buf = malloc((size_t)size + 1);
	if (!buf)
		return -ENOMEM;
	/* Up to the size fstat gave: a file that grows meanwhile is not read on and on. */
	r = cv_pread_all(fd, buf, (size_t)size, 0);
	if (r < 0)
		return r;
	buf[size] = 0;
	*ret = TAKE_PTR(buf);
	*ret_size = (size_t)size;
	return 0;
}

int cv_pread_all(int fd, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

char *cv_fd_path(int fd)
{
	char link[64], buf[4096];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	if (n <= 0)
		return strdup(link);
	buf[n] = 0;
	return strdup(buf);
}

int cv_read_regular_file(const char *path, uint64_t max, char **ret, size_t *ret_size)
{
	_cleanup_close_ int fd = cv_open_read(path);

	if (fd < 0)
		return fd;
	return cv_read_regular_fd(fd, max, ret, ret_size);
}

const char *cv_read_strerror(int r)
{
	switch (r) {
	case -EINVAL:
		return "not a regular file (a FIFO, device, socket or directory)";
	case -EFBIG:
		return "too large";
	case -EIO:
		return "it changed while being read";
	default:
		return strerror(-r);
	}
}

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
