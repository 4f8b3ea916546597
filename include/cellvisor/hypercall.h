/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Hypercall numbers, cell states, statistics and the per-cell comm region. */
#ifndef _CELLVISOR_HYPERCALL_H
#define _CELLVISOR_HYPERCALL_H

#include "types.h"

/*
 * Calling convention (Jailhouse compatible): "hvc #0x4a48", code in x0,
 * arguments in x1 and x2, result in x0 (>= 0 success, < 0 a -CV_E* code).
 * An HVC with any other immediate from a non-root cell fails that CPU.
 */
#define CV_HVC_IMM			0x4a48

/* Codes 0..8 keep Jailhouse's numbering so unmodified inmates work. */
#define CV_HC_DISABLE			0
#define CV_HC_CELL_CREATE		1	/* x1 = phys addr of cell config */
#define CV_HC_CELL_START		2	/* x1 = cell id */
#define CV_HC_CELL_SET_LOADABLE		3	/* x1 = cell id */
#define CV_HC_CELL_DESTROY		4	/* x1 = cell id */
#define CV_HC_HYPERVISOR_GET_INFO	5	/* x1 = CV_INFO_* */
#define CV_HC_CELL_GET_STATE		6	/* x1 = cell id */
#define CV_HC_CPU_GET_INFO		7	/* x1 = cpu, x2 = CV_CPU_INFO_* */
#define CV_HC_DEBUG_CONSOLE_PUTC	8	/* x1 = character */

/* cellvisor extensions, root cell only. */
#define CV_HC_GET_VERSION		0x100	/* returns CV_VERSION_CODE */
#define CV_HC_CELL_SHUTDOWN		0x101	/* x1 = cell id: polite, then forced */
#define CV_HC_CELL_GET_INFO		0x102	/* x1 = cell id, x2 = phys of struct cv_cell_info */
#define CV_HC_CONSOLE_READ		0x103	/* x1 = phys of struct cv_hc_console_io */
#define CV_HC_CONSOLE_WRITE		0x104	/* x1 = phys of struct cv_hc_console_io */
#define CV_HC_LINK_GET_INFO		0x105	/* x1 = index, x2 = phys of struct cv_link_info */

#define CV_VERSION_MAJOR		0
#define CV_VERSION_MINOR		1
#define CV_VERSION_CODE			((CV_VERSION_MAJOR << 16) | CV_VERSION_MINOR)

/* CV_HC_HYPERVISOR_GET_INFO selectors (pages / counts). */
#define CV_INFO_MEM_POOL_SIZE		0
#define CV_INFO_MEM_POOL_USED		1
#define CV_INFO_REMAP_POOL_SIZE		2
#define CV_INFO_REMAP_POOL_USED		3
#define CV_INFO_NUM_CELLS		4
#define CV_INFO_LINK_EVENTS		5	/* peers connected, gone, changing state so far */

/* CV_HC_CPU_GET_INFO selectors. */
#define CV_CPU_INFO_STATE		0
#define CV_CPU_INFO_STAT_BASE		1000	/* + enum cv_stat */

#define CV_CPU_RUNNING			0
#define CV_CPU_FAILED			2

/* Per-CPU exit counters, one per reason. */
enum cv_stat {
	CV_STAT_EXITS_TOTAL,
	CV_STAT_EXITS_MMIO,
	CV_STAT_EXITS_MANAGEMENT,
	CV_STAT_EXITS_HYPERCALL,
	CV_STAT_EXITS_MAINTENANCE,
	CV_STAT_EXITS_VIRQ,
	CV_STAT_EXITS_VSGI,
	CV_STAT_EXITS_PSCI,
	CV_STAT_EXITS_SMCCC,
	CV_STAT_EXITS_SYSREG,
	CV_STAT_MAX
};

/* Cell states, as written to the comm region and returned by CELL_GET_STATE. */
#define CV_CELL_RUNNING			0
#define CV_CELL_RUNNING_LOCKED		1
#define CV_CELL_SHUT_DOWN		2
#define CV_CELL_FAILED			3
#define CV_CELL_FAILED_COMM_REV		4

/* Messages to a cell and its replies (comm region handshake). */
#define CV_MSG_NONE			0
#define CV_MSG_SHUTDOWN_REQUEST		1
#define CV_MSG_RECONFIG_COMPLETED	2

#define CV_MSG_UNKNOWN			1
#define CV_MSG_REQUEST_DENIED		2
#define CV_MSG_REQUEST_APPROVED		3
#define CV_MSG_RECEIVED			4

/* Why a cell stopped; kept with its fault record. */
enum cv_fail_reason {
	CV_FAIL_NONE,
	CV_FAIL_DATA_ABORT,		/* access outside its memory */
	CV_FAIL_INSN_ABORT,
	CV_FAIL_UNHANDLED_TRAP,
	CV_FAIL_FORBIDDEN_HVC,
	CV_FAIL_PSCI_SYSTEM_OFF,
	CV_FAIL_PSCI_SYSTEM_RESET,
	CV_FAIL_COMM_TIMEOUT,
	CV_FAIL_HYPERVISOR_FAULT,	/* the hypervisor faulted serving it */
	CV_FAIL_MAX
};

struct cv_fault_record {
	__u32 reason;			/* enum cv_fail_reason */
	__u32 cpu;
	__u64 esr;
	__u64 far;			/* faulting guest virtual address */
	__u64 ipa;			/* faulting guest physical address, if known */
	__u64 pc;
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_fault_record) == 40, "cv_fault_record");

#define CV_CELL_NAME_LEN		32		/* including the NUL */

/*
 * A cell as the hypervisor sees it: filled by CV_HC_CELL_GET_INFO at a
 * root-provided physical address, and passed on as is by CV_CELL_INFO.
 */
struct cv_cell_info {
	__u32 id;			/* CV_CELL_INFO: in */
	__u32 state;			/* CV_CELL_* */
	char name[CV_CELL_NAME_LEN];
	__u64 cpu_mask;
	__u64 failed_cpu_mask;
	struct cv_fault_record fault;
	__u32 table_pages;		/* the hypervisor's stage-2 tables for it */
	__u32 pool_pages;		/* hypervisor pool pages it holds, tables included */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_cell_info) == 104, "cv_cell_info");

/*
 * Console transfer for CV_HC_CONSOLE_READ/WRITE. cell_id -1 is the
 * hypervisor's own log. For reads, pos is the reader's position in the
 * ring's byte stream; the hypervisor returns the bytes from there (or from
 * the oldest byte still held), sets pos to the position after them and
 * returns their count. For writes the bytes go to the cell's vUART RX FIFO.
 */
#define CV_CONSOLE_HYPERVISOR		(-1)

/*
 * A console read moves up to len bytes and returns their count; with
 * len 0 it moves nothing and returns how many bytes are there to read.
 */
struct cv_hc_console_io {
	__s32 cell_id;			/* or CV_CONSOLE_HYPERVISOR */
	__u32 len;			/* buffer size in, bytes moved out */
	__u64 pos;
	__u64 buf;			/* physical address of the buffer */
};

/* Jailhouse "JHCOMM" revision 2 comm region, at IPA 0x80000000 in cells. */
#define CV_COMM_REGION_IPA		0x80000000ULL
#define CV_COMM_SIGNATURE		"JHCOMM"
#define CV_COMM_REVISION		2

#define CV_COMM_FLAG_DBG_PUTC_PERMITTED	0x1
#define CV_COMM_FLAG_DBG_PUTC_ACTIVE	0x2

/* Console description handed to inmates (Jailhouse struct jailhouse_console). */
struct cv_console {
	__u64 address;
	__u32 size;
	__u16 type;			/* CV_CON_TYPE_* */
	__u16 flags;			/* CV_CON_FLAG_* */
	__u32 divider;
	__u32 gate_nr;
	__u64 clock_reg;
} __attribute__((packed));
CV_ABI_STATIC_ASSERT(sizeof(struct cv_console) == 32, "cv_console");

#define CV_CON_TYPE_NONE		0
#define CV_CON_TYPE_8250		2
#define CV_CON_TYPE_PL011		3
#define CV_CON_TYPE_IMX			8
#define CV_CON_FLAG_MMIO		0x1
#define CV_CON_FLAG_REGDIST_4		0x2

struct cv_comm_region {
	char signature[6];
	__u16 revision;
	volatile __u32 cell_state;
	volatile __u32 msg_to_cell;
	volatile __u32 reply_from_cell;
	__u32 flags;
	struct cv_console console;
	__u64 pci_mmconfig_base;
	__u8 gic_version;
	__u8 padding[7];
	__u64 gicd_base;
	__u64 gicc_base;
	__u64 gicr_base;
	__u32 vpci_irq_base;
} __attribute__((packed));
CV_ABI_STATIC_ASSERT(sizeof(struct cv_comm_region) == 100, "cv_comm_region");

#endif /* _CELLVISOR_HYPERCALL_H */
