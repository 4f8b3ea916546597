/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* The header at offset 0 of cellvisor.bin, read and completed by the module. */
#ifndef _CELLVISOR_HEADER_H
#define _CELLVISOR_HEADER_H

#include "types.h"

#define CV_FW_SIGNATURE		"CELLVISR"	/* 8 bytes, no NUL */
#define CV_FW_NAME		"cellvisor.bin"

/*
 * The hypervisor log at header.console_page: a __u64 count of bytes ever
 * written, then a ring of CV_HV_LOG_SIZE bytes (byte n at n % size). The
 * root reads it with CV_HC_CONSOLE_READ while enabled; the module reads
 * the memory directly once the hypervisor is gone.
 */
#define CV_HV_LOG_SIZE		16384

struct cv_fw_header {
	char signature[8];
	__u32 abi_version;		/* CV_VERSION_CODE */
	__u32 header_size;
	__u64 core_size;		/* image + bss, page aligned */
	__u64 percpu_size;		/* per-CPU area, page aligned */
	__u64 entry;			/* offset of the EL2 entry point */
	__u64 console_page;		/* offset of the log ring page */
	/* filled by the module before entering */
	__u32 max_cpus;
	__u32 online_cpus;
	__u64 config_offset;		/* system config copy, from image start */
	__u64 config_size;
	/*
	 * The page pool starts at the page after the config. The module
	 * writes everything below it (image, zeroed bss and per-CPU areas,
	 * config), not the pool: the hypervisor zeroes a page it allocates.
	 */
	/* filled by the hypervisor */
	__u64 stub_vectors;		/* Linux hyp stub VBAR_EL2, for disable */
	__u64 reserved[4];
};

#endif /* _CELLVISOR_HEADER_H */
