/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Binary system and cell configuration, compiled from YAML by the userland. */
#ifndef _CELLVISOR_CONFIG_H
#define _CELLVISOR_CONFIG_H

#include "types.h"
#include "hypercall.h"

/*
 * A cell config blob is a struct cv_cell_config followed by
 * num_mem_regions struct cv_mem_region, then num_links struct cv_link.
 * A system config blob is a struct cv_system_config whose last member is
 * the root cell's description, followed by the root cell's memory regions
 * and links.
 * All fields are little-endian; every blob is checked (signature, revision,
 * sizes) by the module and again, independently, by the hypervisor.
 */
#define CV_CONFIG_REVISION		1
#define CV_CELL_SIGNATURE		"CVCELL\0"	/* 8 bytes with the NUL */
#define CV_SYSTEM_SIGNATURE		"CVSYSTM"
#define CV_CONFIG_MAX_SIZE		(16 * 4096)

/*
 * Limits every side checks against (the rules themselves are written
 * once, in common/config-check.c).
 */
#define CV_MAX_CPUS			64
#define CV_MAX_CELLS			16		/* ids 0 (the root) .. 15 */
#define CV_NUM_IRQS			1024		/* INTIDs 0..1023 */
#define CV_FIRST_SPI			32
#define CV_LAST_SPI			1019
#define CV_MAX_MEM_REGIONS		64
#define CV_PAGE_SIZE			0x1000ULL	/* alignment of every region */
#define CV_COMM_REGION_SIZE		CV_PAGE_SIZE
#define CV_IPA_BITS			39		/* stage 2: 3 levels from level 1 */
#define CV_IPA_LIMIT			(1ULL << CV_IPA_BITS)
#define CV_HV_MEM_ALIGN			(2ULL << 20)	/* mapped with 2 MiB blocks */
#define CV_HV_MEM_MAX			(64ULL << 20)
#define CV_GIC_FRAME_SIZE		0x10000ULL	/* GICD, and each GICR frame */
#define CV_GICR_STRIDE_MIN		0x20000ULL	/* RD_base + SGI_base */
/* The calling root CPU waits in EL2 for a cell's reply: at most this long. */
#define CV_MSG_REPLY_TIMEOUT_MAX_US	10000000ULL

/* Memory region flags. */
#define CV_MEM_READ			0x0001
#define CV_MEM_WRITE			0x0002
#define CV_MEM_EXECUTE			0x0004
#define CV_MEM_DMA			0x0008
#define CV_MEM_IO			0x0010	/* device attributes */
#define CV_MEM_COMM_REGION		0x0020	/* backed by the cell's comm page */
#define CV_MEM_LOADABLE			0x0040	/* root may load it while shut down */
#define CV_MEM_ROOTSHARED		0x0080	/* stays mapped in the root */
#define CV_MEM_NO_HUGEPAGES		0x0100
/*
 * Root cell regions only: RAM the root's kernel uses (Linux's System
 * RAM). No cell may map it, whatever its flags; the module checks at
 * enable that Linux uses no RAM outside such regions.
 */
#define CV_MEM_ROOT_RAM			0x0200

struct cv_mem_region {
	__u64 phys_start;
	__u64 virt_start;		/* guest physical address */
	__u64 size;
	__u64 flags;			/* CV_MEM_* */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_mem_region) == 32, "cv_mem_region");

/* Cell flags. */
#define CV_CELL_PASSIVE_COMMREG		0x00000001	/* never sent messages */
#define CV_CELL_VUART			0x00000002	/* vuart below is valid */
/*
 * The cell may refuse its own shutdown (reply DENIED) and, by reporting
 * RUNNING_LOCKED, stop cells being created or destroyed. Without it the
 * hypervisor shuts the cell down anyway and ignores its lock.
 */
#define CV_CELL_MAY_VETO		0x00000004
#define CV_CELL_VIRTUAL_CONSOLE_PERMITTED 0x40000000	/* debug putc allowed */
#define CV_CELL_VIRTUAL_CONSOLE_ACTIVE	0x80000000	/* inmates should use it */

/* An emulated PL011 placed in the cell's guest physical address space. */
struct cv_vuart {
	__u64 base;			/* guest physical, 4 KiB aligned */
	__u32 irq;			/* INTID (an SPI owned by the cell) */
	__u32 reserved;
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_vuart) == 16, "cv_vuart");

struct cv_cell_config {
	char signature[8];		/* CV_CELL_SIGNATURE */
	__u32 revision;			/* CV_CONFIG_REVISION */
	__u32 size;			/* whole blob, regions included */
	char name[CV_CELL_NAME_LEN];	/* NUL-terminated */
	__u32 flags;			/* CV_CELL_* */
	__u32 num_mem_regions;
	__u64 cpu_mask;			/* bit n = CPU n (logical, MPIDR order) */
	__u64 reset_address;		/* first CPU's entry, guest physical */
	__u64 msg_reply_timeout_us;	/* 0 = hypervisor default */
	__u32 irq_bitmap[CV_NUM_IRQS / 32];	/* interrupts owned (SPIs) */
	struct cv_console console;	/* copied into the comm region */
	struct cv_vuart vuart;
	__u32 vpci_irq_base;		/* INTID of INTx pin A of its virtual PCI devices */
	__u32 num_links;
	__u32 reserved[6];
	/* followed by struct cv_mem_region[num_mem_regions], struct cv_link[num_links] */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_cell_config) == 288, "cv_cell_config");

/*
 * A shared-memory link between cells (ivshmem v2, PCI 110a:4106), as one
 * member sees it; every member's config describes the same link. Its
 * memory, from phys on: the state table (one page, written by the
 * hypervisor only), the R/W section (every peer writes it), then one
 * output section per peer in ID order (only its owner writes it). A cell
 * sees the link as a device on its virtual PCI bus; the root as a UIO
 * device whose registers are a page at CV_ROOT_LINK_REGS().
 */
#define CV_MAX_LINKS			8	/* per config */
#define CV_MAX_LINKS_ALL		16	/* the hypervisor holds at once */
#define CV_LINK_MAX_PEERS		16
#define CV_LINK_NAME_LEN		32	/* including the NUL */
#define CV_LINK_STATE_TABLE_SIZE	0x1000
#define CV_VPCI_SLOTS			32	/* devices on virtual PCI bus 0 */
#define CV_VPCI_ECAM_SIZE		0x100000	/* bus 0 only */

struct cv_link {
	char name[CV_LINK_NAME_LEN];
	__u64 phys;			/* the state table; the sections follow it */
	__u64 virt;			/* where phys appears in the member (guest physical) */
	__u64 rw_size;			/* may be 0 */
	__u64 output_size;		/* of each peer's output section */
	__u16 peers;			/* 2..CV_LINK_MAX_PEERS */
	__u16 id;			/* this member's peer ID, < peers */
	__u16 protocol;			/* ivshmem protocol type (class code bytes 09h-0Ah) */
	__u8 slot;			/* cells: device number on bus 0; INTx pin (slot % 4) + 1 */
	__u8 reserved0;
	__u32 reserved[2];
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_link) == 80, "cv_link");

static inline __u64 cv_link_size(const struct cv_link *l)
{
	return CV_LINK_STATE_TABLE_SIZE + l->rw_size + (__u64)l->peers * l->output_size;
}

/* CV_HC_LINK_GET_INFO / CV_LINK_INFO: a link as the hypervisor has it now. */
struct cv_link_info {
	__u32 index;			/* in: 0, 1, ... until -ENOENT */
	__u16 peers;
	__u16 protocol;
	char name[CV_LINK_NAME_LEN];
	__u64 phys;
	__u64 rw_size;
	__u64 output_size;
	__s32 peer_cell[CV_LINK_MAX_PEERS];	/* cell id of each peer ID, -1: nobody */
	__u32 peer_state[CV_LINK_MAX_PEERS];	/* its state (the state table) */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_link_info) == 192, "cv_link_info");

/*
 * The root's register page of its n-th link: after the virtual PCI
 * host's ECAM, in the root's address space, where Jailhouse put the BARs
 * of the root's ivshmem devices.
 */
#define CV_ROOT_LINK_REGS(mmconfig, n)	((mmconfig) + CV_VPCI_ECAM_SIZE + (__u64)(n) * 0x1000)

#define CV_GIC_V3			3

/*
 * Root doorbells: SPIs that no device raises, which the hypervisor makes
 * pending for the root cell to tell it something happened. They are the
 * root's and never a cell's. Doorbell 0 says a console has news (output to
 * read, or room for input); 1.. are the root's ivshmem links.
 */
#define CV_ROOT_DOORBELL_CONSOLE	0
#define CV_MAX_ROOT_DOORBELLS		32

struct cv_platform {
	__u64 gicd_base;
	__u64 gicr_base;
	__u64 gicr_stride;		/* 0x20000 on GICv3 */
	__u64 pci_mmconfig_base;	/* 0 = no virtual PCI host */
	__u32 gic_version;		/* CV_GIC_V3 */
	__u32 maintenance_irq;		/* INTID, a PPI */
	__u32 num_cpus;			/* CPUs the machine has (MPIDR table size) */
	__u16 root_doorbell_base;	/* INTID of the first root doorbell (an SPI) */
	__u16 root_doorbell_count;	/* 0: the root gets no doorbells */
	__u64 cpu_mpidr[CV_MAX_CPUS];	/* logical CPU n -> MPIDR affinity */
};
CV_ABI_STATIC_ASSERT(sizeof(struct cv_platform) == 48 + 8 * CV_MAX_CPUS, "cv_platform");

/* System flags. */
#define CV_SYS_ROOT_READS_HV_CONSOLE	0x1

struct cv_system_config {
	char signature[8];		/* CV_SYSTEM_SIGNATURE */
	__u32 revision;			/* CV_CONFIG_REVISION */
	__u32 size;			/* whole blob, root regions included */
	__u32 flags;			/* CV_SYS_* */
	__u32 reserved;
	struct cv_mem_region hypervisor;	/* phys_start, size */
	struct cv_console debug_console;	/* the hypervisor's own UART */
	struct cv_platform platform;
	struct cv_cell_config root_cell;	/* followed by its regions */
};

static inline const struct cv_mem_region *
cv_cell_mem_regions(const struct cv_cell_config *cell)
{
	return (const struct cv_mem_region *)(cell + 1);
}

static inline const struct cv_link *cv_cell_links(const struct cv_cell_config *cell)
{
	return (const struct cv_link *)(cv_cell_mem_regions(cell) + cell->num_mem_regions);
}

/* Callers check num_mem_regions and num_links against their maximums first. */
static inline __u64 cv_cell_config_size(const struct cv_cell_config *cell)
{
	return sizeof(*cell) +
	       (__u64)cell->num_mem_regions * sizeof(struct cv_mem_region) +
	       (__u64)cell->num_links * sizeof(struct cv_link);
}

/* Is INTID @irq one of the root doorbells of platform @p? */
static inline int cv_is_root_doorbell(const struct cv_platform *p, unsigned int irq)
{
	return irq >= p->root_doorbell_base &&
	       irq - p->root_doorbell_base < p->root_doorbell_count;
}

static inline int cv_irq_owned(const __u32 *bitmap, unsigned int irq)
{
	return irq < CV_NUM_IRQS && (bitmap[irq / 32] >> (irq % 32)) & 1;
}

#endif /* _CELLVISOR_CONFIG_H */
