/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a whole file (images, kernels, device trees) with a size cap. */
#ifndef CV_FILE_H
#define CV_FILE_H

#include <stddef.h>

/* *ret is malloc()ed; -EFBIG when the file has more than max bytes, else -errno. */
int cv_read_file(const char *path, size_t max, void **ret, size_t *ret_size);

#endif /* CV_FILE_H */
