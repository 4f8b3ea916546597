/* SPDX-License-Identifier: GPL-2.0 */
/* struct cv_fw_header at offset 0 of cellvisor.bin (include/cellvisor/header.h). */
#include <asm/asm-defs.h>

	.section .header, "a"
	.globl hv_header
hv_header:
	.ascii	"CELLVISR"			/* signature */
	.word	(0 << 16) | 1			/* abi_version = CV_VERSION_CODE */
	.word	112				/* header_size */
	.quad	__core_size			/* core_size */
	.quad	PERCPU_SIZE			/* percpu_size */
	.quad	__entry_offset		/* entry */
	.quad	__console_offset	/* console_page */
	.word	0, 0				/* max_cpus, online_cpus (module) */
	.quad	0, 0				/* config_offset, config_size (module) */
	.quad	0				/* stub_vectors (hypervisor) */
	.quad	0, 0, 0, 0			/* reserved */
