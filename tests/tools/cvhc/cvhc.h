/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /dev/cvhc (the test module cvhc.ko) and its one user, cvtool: raw
 * hypercalls from the root, past every check of cellvisor.ko, so that
 * tests reach the hypervisor's own checks with crafted arguments.
 */
#ifndef _CVHC_H
#define _CVHC_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define CVHC_BUF_SIZE		8192	/* two pages, physically contiguous */

struct cvhc_call {
	__u64 code;		/* x0 */
	__u64 arg[2];		/* x1, x2 */
	__u64 data;		/* user pointer: copied into the zeroed buffer, and back after */
	__u32 data_len;		/* bytes, with data_offset at most CVHC_BUF_SIZE */
	__u32 data_offset;	/* where in the buffer they go */
	__u32 data_arg;		/* 1 or 2: that argument becomes the data's physical address */
	__u32 repeat;		/* calls to make (0 = 1); result is the last one's */
	__u32 flip_offset;	/* with flip_mask != 0: meanwhile another CPU keeps */
	__u32 flip_mask;	/* XOR-ing the __u32 at flip_offset of the buffer with it */
	__u32 errors;		/* out: calls that returned < 0 */
	__u32 reserved;
	__s64 result;		/* out: x0 of the last call */
};

#define CVHC_IOCTL_MAGIC	0xCF
/* The buffer's physical address (__u64 out). */
#define CVHC_BUF_PHYS		_IOR(CVHC_IOCTL_MAGIC, 0, __u64)
#define CVHC_CALL		_IOWR(CVHC_IOCTL_MAGIC, 1, struct cvhc_call)

#endif /* _CVHC_H */
