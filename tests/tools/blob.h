/* SPDX-License-Identifier: GPL-2.0-only */
/* A file read whole, for the benchmark tools that hand configs and images to the driver. */
#ifndef CV_TOOLS_BLOB_H
#define CV_TOOLS_BLOB_H

#include <stddef.h>
#include <linux/types.h>

struct blob {
	void *data;
	size_t size;
	__u64 addr;	/* where an image goes in the cell */
};

/* Reads PATH[@ADDR] whole into *b (ARG's '@' is cut); 0 or -errno. */
int read_blob(char *arg, struct blob *b);

#endif
