/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* The /dev/cellvisor ioctl interface between cellmgrd/cellctl and cellvisor.ko. */
#ifndef _CELLVISOR_IOCTL_H
#define _CELLVISOR_IOCTL_H

#include "types.h"
#include "hypercall.h"
#include "config.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define CV_DEVICE_NAME			"cellvisor"
#define CV_IOCTL_MAGIC			0xCE

/* A user buffer holding a system or cell config blob. */
struct cv_config_arg {
	__u64 config;			/* user pointer */
	__u32 size;
	__s32 id;			/* CREATE: the new cell's id (out) */
};

struct cv_load_segment {
	__u64 src;			/* user pointer */
	__u64 size;
	__u64 guest_addr;		/* guest physical, in a LOADABLE region */
};

struct cv_load_arg {
	__u32 cell_id;
	__u32 num_segments;
	__u64 segments;			/* user pointer to cv_load_segment[] */
};

struct cv_cell_list {
	__u32 max;			/* entries the ids buffer holds */
	__u32 count;			/* cells that exist (out) */
	__u64 ids;			/* user pointer to __u32[max] */
};

struct cv_cpu_stats {
	__u32 cpu;			/* in */
	__s32 cell_id;			/* owner (out) */
	__u64 counters[CV_STAT_MAX];
};

struct cv_hv_info {
	__u32 enabled;
	__u32 version;			/* CV_VERSION_CODE of the running core */
	__u64 mem_pool_pages;
	__u64 mem_pool_used;
	__u32 num_cells;
	__u32 reserved;
};

/*
 * Everything cellmgrd's refresh reads, in one request: whether the
 * hypervisor is enabled, every cell's info and every link's, taken
 * together under the module's lock. events is the number of cell state
 * change events (read/poll on the device) the snapshot reflects; the
 * file's pending events are those after it. All or nothing: when the
 * cells or links do not fit, -ENOSPC with num_cells/num_links saying how
 * many there are.
 */
struct cv_snapshot {
	__u64 cells;			/* user pointer to cv_cell_info[max_cells] */
	__u64 links;			/* user pointer to cv_link_info[max_links] */
	__u32 max_cells;
	__u32 max_links;
	__u32 num_cells;		/* out */
	__u32 num_links;		/* out */
	__u32 enabled;			/* out */
	__u32 events;			/* out, wraps */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_snapshot) == 40, "cv_snapshot");

#define CV_ENABLE	_IOW(CV_IOCTL_MAGIC, 0x00, struct cv_config_arg)
#define CV_DISABLE	_IO(CV_IOCTL_MAGIC, 0x01)
#define CV_HV_INFO	_IOR(CV_IOCTL_MAGIC, 0x02, struct cv_hv_info)
#define CV_CELL_CREATE	_IOWR(CV_IOCTL_MAGIC, 0x10, struct cv_config_arg)
#define CV_CELL_LOAD	_IOW(CV_IOCTL_MAGIC, 0x11, struct cv_load_arg)
#define CV_CELL_START	_IOW(CV_IOCTL_MAGIC, 0x12, __u32)
#define CV_CELL_SHUTDOWN _IOW(CV_IOCTL_MAGIC, 0x13, __u32)
#define CV_CELL_DESTROY	_IOW(CV_IOCTL_MAGIC, 0x14, __u32)
#define CV_CELL_INFO	_IOWR(CV_IOCTL_MAGIC, 0x15, struct cv_cell_info)	/* hypercall.h */
#define CV_CELL_LIST	_IOWR(CV_IOCTL_MAGIC, 0x16, struct cv_cell_list)
#define CV_CPU_STATS	_IOWR(CV_IOCTL_MAGIC, 0x17, struct cv_cpu_stats)
/* Returns a new fd: read/write/poll on the console of cell id (or -1). */
#define CV_CONSOLE_OPEN	_IOW(CV_IOCTL_MAGIC, 0x18, __s32)
/* The index-th link (0, 1, ...; -ENOENT past the last), config.h */
#define CV_LINK_INFO	_IOWR(CV_IOCTL_MAGIC, 0x19, struct cv_link_info)
#define CV_SNAPSHOT	_IOWR(CV_IOCTL_MAGIC, 0x1a, struct cv_snapshot)

#endif /* _CELLVISOR_IOCTL_H */
