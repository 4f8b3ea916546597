/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The rules a system or cell config blob must obey, written once
 * (common/config-check.c) and built three times: into the hypervisor,
 * whose verdict is the one that counts, into the module, and into the
 * userland's config check, which turns each verdict into FILE:LINE:COLUMN.
 * Freestanding: no library call, no allocation.
 *
 * What only one side can know stays with it: the hypervisor checks what
 * the root owns now (parked CPUs, IRQs, memory no other cell holds), the
 * module which RAM Linux uses, the userland YAML syntax and image files.
 */
#ifndef _CELLVISOR_CONFIG_CHECK_H
#define _CELLVISOR_CONFIG_CHECK_H

#include "config.h"

enum cv_rule {
	CV_RULE_NONE,
	/* the blob */
	CV_RULE_TRUNCATED,
	CV_RULE_SIGNATURE,
	CV_RULE_REVISION,
	CV_RULE_SIZE,
	CV_RULE_TOO_MANY_REGIONS,
	CV_RULE_TOO_MANY_LINKS,
	/* the system: hypervisor, console, platform */
	CV_RULE_HV_MEMORY,
	CV_RULE_DEBUG_CONSOLE,
	CV_RULE_GIC_VERSION,
	CV_RULE_MAINTENANCE_IRQ,
	CV_RULE_GICD,
	CV_RULE_GICR,
	CV_RULE_NUM_CPUS,
	CV_RULE_MPIDR_TWICE,		/* index: CPU, other: the earlier CPU */
	CV_RULE_ROOT_CPU_NOT_EXIST,	/* index: CPU */
	CV_RULE_ROOT_NOT_IDENTITY,	/* index: root region */
	CV_RULE_ROOT_COMM,
	CV_RULE_ROOT_RAM_IO,
	CV_RULE_ROOT_DOORBELLS,		/* more than 32, or not SPIs */
	CV_RULE_ROOT_DOORBELL_NOT_ROOT,	/* index: INTID */
	CV_RULE_ROOT_LINKS_NO_VPCI,	/* links but no pci-mmconfig: no register pages */
	CV_RULE_ROOT_LINKS_DOORBELLS,	/* fewer root doorbells than 1 + its links */
	CV_RULE_ROOT_LINK_REGS,		/* index: root region on the links' register pages */
	/* a cell, or the root cell's description */
	CV_RULE_NAME,
	CV_RULE_NAME_RESERVED,
	CV_RULE_CELL_FLAGS,
	CV_RULE_NO_CPUS,
	CV_RULE_IRQ_NOT_SPI,		/* index: INTID */
	CV_RULE_MSG_TIMEOUT,
	/* its memory regions; index: region */
	CV_RULE_REGION_EMPTY,
	CV_RULE_REGION_UNALIGNED,
	CV_RULE_REGION_WRAPS,
	CV_RULE_REGION_IPA_LIMIT,
	CV_RULE_REGION_NO_ACCESS,
	CV_RULE_REGION_FLAGS,
	CV_RULE_REGION_OVERLAP_VIRT,	/* other: the earlier region */
	CV_RULE_REGION_OVERLAP_PHYS,	/* other: the earlier region */
	CV_RULE_COMM_SIZE,
	CV_RULE_COMM_PHYS,
	CV_RULE_COMM_FLAGS,
	CV_RULE_COMM_TWICE,		/* other: the earlier one */
	/* devices and entry */
	CV_RULE_VUART_BASE,
	CV_RULE_VUART_OVERLAP,		/* other: the region */
	CV_RULE_VUART_IRQ,
	CV_RULE_VUART_IRQ_NOT_OWNED,
	CV_RULE_CONSOLE_NOT_OWN,
	CV_RULE_RESET_NOT_EXEC,
	/* its shared-memory links (the root's too); index: link */
	CV_RULE_LINK_NAME,
	CV_RULE_LINK_PEERS,
	CV_RULE_LINK_PEER_ID,
	CV_RULE_LINK_SLOT,		/* cells: not a device number of bus 0 */
	CV_RULE_LINK_UNALIGNED,
	CV_RULE_LINK_SIZE,		/* sections too big, or the memory wraps */
	CV_RULE_LINK_IPA_LIMIT,
	CV_RULE_LINK_TWICE,		/* other: the earlier link */
	CV_RULE_LINK_OVERLAP_PHYS,	/* other: the earlier link */
	CV_RULE_LINK_OVERLAP_VIRT,	/* other: the earlier link */
	CV_RULE_LINK_SLOT_TWICE,	/* other: the earlier link */
	CV_RULE_LINK_REGION_VIRT,	/* other: the region */
	CV_RULE_LINK_REGION_PHYS,	/* other: the region */
	CV_RULE_LINK_VUART,
	CV_RULE_LINK_INTX,		/* its INTx SPI not the cell's */
	CV_RULE_VPCI_IRQ_BASE,		/* a cell with links: INTx A not an SPI */
	/* a cell against the system config */
	CV_RULE_CPU_NOT_EXIST,		/* index: the first such CPU */
	CV_RULE_CPU_NOT_ROOT,		/* index: the first such CPU */
	CV_RULE_CPU_ALL_OF_ROOT,
	CV_RULE_IRQ_NOT_ROOT,		/* index: INTID */
	CV_RULE_IRQ_DOORBELL,		/* index: INTID */
	CV_RULE_REGION_HYPERVISOR,	/* index: region (of a cell or the root) */
	CV_RULE_REGION_GIC,
	CV_RULE_REGION_DEBUG_UART,
	CV_RULE_REGION_OUTSIDE_ROOT,
	CV_RULE_REGION_ROOT_RAM,	/* other: the root region */
	CV_RULE_LINK_NO_VPCI,		/* a cell with links, no pci-mmconfig */
	CV_RULE_LINK_ON_VPCI_HOST,	/* index: link; guest addresses on the ECAM */
	CV_RULE_LINK_OUTSIDE_ROOT,	/* index: link (of a cell or the root) */
	CV_RULE_LINK_ROOT_RAM,		/* index: link, other: the root region */
	CV_RULE_COUNT
};

/* One broken rule: which, and what it is about (see enum cv_rule). */
struct cv_verdict {
	__u32 rule;
	__u32 index;
	__u32 other;
};

/*
 * A check in progress. report() is called for each broken rule in turn
 * and returns 0 to stop there; without it the first one stops the check.
 * A blob whose shape is wrong (size, signature, revision) is reported
 * once and not looked at further.
 */
struct cv_check {
	int (*report)(struct cv_check *chk, const struct cv_verdict *v);
	struct cv_verdict first;
	unsigned int count;
};

/* A system config blob of @size bytes; the number of broken rules. */
unsigned int cv_check_system(struct cv_check *chk, const struct cv_system_config *sys,
			     __u64 size);

/*
 * A cell config blob of @size bytes, on its own and, if @sys is not NULL,
 * against that (valid) system config. The number of broken rules.
 */
unsigned int cv_check_cell(struct cv_check *chk, const struct cv_cell_config *cell,
			   __u64 size, const struct cv_system_config *sys);

/*
 * A cell name of at most @max bytes (a NUL ends it earlier): 1..31 of
 * A-Z a-z 0-9 _ . -, not starting with . or -, and not one cellmgrd keeps
 * for itself. CV_RULE_NONE, CV_RULE_NAME or CV_RULE_NAME_RESERVED.
 */
enum cv_rule cv_check_name(const char *name, unsigned int max);

/* One line saying what @rule requires, for the hypervisor's and the module's logs. */
const char *cv_rule_text(unsigned int rule);
/* What a verdict's index counts for @rule: "region", "link", "CPU", "IRQ", or "" (nothing). */
const char *cv_rule_subject(unsigned int rule);

#endif /* _CELLVISOR_CONFIG_CHECK_H */
