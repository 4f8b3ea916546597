/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading whole files. cv_read_file() reads what a user names to cellctl,
 * with the user's rights, to its end. The others read files a caller names
 * or hands over to cellmgrd without trusting them: only regular files (a
 * FIFO or a device could block or never end), opened so that the open
 * itself cannot block, and never more than a given size.
 */
#ifndef CV_FILE_H
#define CV_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Configs are small; a bigger file is refused before it is read. */
#define CV_CONFIG_FILE_MAX	(256 * 1024)

/* *ret is malloc()ed; -EFBIG when the file has more than max bytes, else -errno. */
int cv_read_file(const char *path, size_t max, void **ret, size_t *ret_size);

/* open(path) for reading with O_NONBLOCK (a FIFO's open returns at once), O_NOCTTY, O_CLOEXEC. */
int cv_open_read(const char *path);

/* The size of the regular file fd; -EINVAL if it is anything else, -errno if fstat fails. */
int cv_fd_regular_size(int fd, uint64_t *ret);

/*
 * All of the regular file fd, at most max bytes, into *ret (malloc'ed, with
 * a NUL after the data). -EINVAL: not a regular file; -EFBIG: larger than
 * max; -EIO: it shrank while being read; else -errno.
 */
int cv_read_regular_fd(int fd, uint64_t max, char **ret, size_t *ret_size);
/* The same for a path, opened with cv_open_read(). */
int cv_read_regular_file(const char *path, uint64_t max, char **ret, size_t *ret_size);
/* The path fd was opened with, as /proc/self/fd shows it (for messages); caller frees. */
char *cv_fd_path(int fd);
/* pread() exactly len bytes at off: -EIO if the file ends first. */
int cv_pread_all(int fd, void *buf, size_t len, uint64_t off);
/* What a cv_read_regular_fd() error means, for messages ("not a regular file ..."). */
const char *cv_read_strerror(int r);

#endif /* CV_FILE_H */
