// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blob.h"

int read_blob(char *arg, struct blob *b)
{
	char *at = strchr(arg, '@');
	struct stat st;
	int fd, err = 0;

	*b = (struct blob){ 0 };
	if (at) {
		*at = 0;
		b->addr = strtoull(at + 1, NULL, 0);
	}
	fd = open(arg, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		return err;
	}
	b->size = st.st_size;
	b->data = malloc(b->size ? b->size : 1);
	if (!b->data)
		err = -ENOMEM;
	else if (read(fd, b->data, b->size) != (ssize_t)b->size)
		err = -EIO;
	close(fd);
	return err;
}
