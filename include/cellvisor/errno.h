/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Error codes returned by hypercalls: the Linux errno values, so the module maps them 1:1. */
#ifndef _CELLVISOR_ERRNO_H
#define _CELLVISOR_ERRNO_H

#define CV_EPERM	1
#define CV_ENOENT	2
#define CV_EIO		5
#define CV_E2BIG	7
#define CV_ENOMEM	12
#define CV_EFAULT	14
#define CV_EBUSY	16
#define CV_EEXIST	17
#define CV_ENODEV	19
#define CV_EINVAL	22
#define CV_ERANGE	34
#define CV_ENOSYS	38

#endif /* _CELLVISOR_ERRNO_H */
