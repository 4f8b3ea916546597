// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The rules of include/cellvisor/config-check.h: their texts, and the
 * rules of a cell's and the system's own description (the links' are in
 * config-check-links.c). Built into the hypervisor, the module and the
 * userland alike, so it uses nothing but the ABI headers: no library, no
 * bool, no allocation.
 */
#include "config-rules.h"

/* Flags a region may carry. */
#define CELL_REGION_FLAGS	(CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE | CV_MEM_DMA | \
				 CV_MEM_IO | CV_MEM_COMM_REGION | CV_MEM_LOADABLE | \
				 CV_MEM_ROOTSHARED | CV_MEM_NO_HUGEPAGES)
#define ROOT_REGION_FLAGS	(CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE | CV_MEM_DMA | \
				 CV_MEM_IO | CV_MEM_NO_HUGEPAGES | CV_MEM_ROOT_RAM)
#define COMM_REGION_FLAGS	(CV_MEM_READ | CV_MEM_WRITE | CV_MEM_COMM_REGION)
#define ACCESS_FLAGS		(CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE)
#define CELL_FLAGS		(CV_CELL_PASSIVE_COMMREG | CV_CELL_VUART | CV_CELL_MAY_VETO | \
				 CV_CELL_VIRTUAL_CONSOLE_PERMITTED | \
				 CV_CELL_VIRTUAL_CONSOLE_ACTIVE)

static const char *const rule_text[CV_RULE_COUNT] = {
	[CV_RULE_NONE] = "no rule broken",
	[CV_RULE_TRUNCATED] = "config truncated",
	[CV_RULE_SIGNATURE] = "bad signature",
	[CV_RULE_REVISION] = "config revision mismatch",
	[CV_RULE_SIZE] = "size does not match the contents",
	[CV_RULE_TOO_MANY_REGIONS] = "too many memory regions",
	[CV_RULE_TOO_MANY_LINKS] = "too many links",
	[CV_RULE_HV_MEMORY] = "hypervisor memory must be 2 MiB aligned, 2..64 MiB",
	[CV_RULE_DEBUG_CONSOLE] = "debug console has a type but no address",
	[CV_RULE_GIC_VERSION] = "only GICv3 is supported",
	[CV_RULE_MAINTENANCE_IRQ] = "maintenance IRQ must be a PPI (16..31)",
	[CV_RULE_GICD] = "GIC distributor base missing or not 64 KiB aligned",
	[CV_RULE_GICR] = "GIC redistributor base or stride invalid",
	[CV_RULE_NUM_CPUS] = "platform CPU count out of range",
	[CV_RULE_MPIDR_TWICE] = "two CPUs have the same MPIDR",
	[CV_RULE_ROOT_CPU_NOT_EXIST] = "root cell CPU beyond the platform's CPU count",
	[CV_RULE_ROOT_NOT_IDENTITY] = "root cell region is not an identity mapping",
	[CV_RULE_ROOT_COMM] = "root cell cannot have a comm region",
	[CV_RULE_ROOT_RAM_IO] = "root RAM cannot be device memory",
	[CV_RULE_ROOT_DOORBELLS] = "root doorbells must be at most 32 SPIs",
	[CV_RULE_ROOT_DOORBELL_NOT_ROOT] = "root doorbell not an IRQ of the root cell",
	[CV_RULE_ROOT_LINKS_NO_VPCI] = "root links need a virtual PCI host (pci-mmconfig)",
	[CV_RULE_ROOT_LINKS_DOORBELLS] = "root links need a root doorbell each, after the consoles'",
	[CV_RULE_ROOT_LINK_REGS] = "root region covers the register pages of the root's links",
	[CV_RULE_NAME] = "invalid name",
	[CV_RULE_NAME_RESERVED] = "reserved name",
	[CV_RULE_CELL_FLAGS] = "unknown cell flags",
	[CV_RULE_NO_CPUS] = "no CPUs",
	[CV_RULE_IRQ_NOT_SPI] = "an IRQ that is not an SPI",
	[CV_RULE_MSG_TIMEOUT] = "message reply timeout above 10 s",
	[CV_RULE_REGION_EMPTY] = "memory region of size 0",
	[CV_RULE_REGION_UNALIGNED] = "memory region not 4 KiB aligned",
	[CV_RULE_REGION_WRAPS] = "memory region wraps around",
	[CV_RULE_REGION_IPA_LIMIT] = "memory region above the IPA limit",
	[CV_RULE_REGION_NO_ACCESS] = "memory region without access flags",
	[CV_RULE_REGION_FLAGS] = "memory region with flags it cannot have",
	[CV_RULE_REGION_OVERLAP_VIRT] = "memory regions overlap in guest addresses",
	[CV_RULE_REGION_OVERLAP_PHYS] = "memory regions overlap in physical addresses",
	[CV_RULE_COMM_SIZE] = "comm region is not one page",
	[CV_RULE_COMM_PHYS] = "comm region with a physical address",
	[CV_RULE_COMM_FLAGS] = "comm region with flags other than read, write",
	[CV_RULE_COMM_TWICE] = "more than one comm region",
	[CV_RULE_VUART_BASE] = "vUART base not 4 KiB aligned or above the IPA limit",
	[CV_RULE_VUART_OVERLAP] = "vUART overlaps a memory region",
	[CV_RULE_VUART_IRQ] = "vUART IRQ is not an SPI",
	[CV_RULE_VUART_IRQ_NOT_OWNED] = "vUART IRQ not owned by the cell",
	[CV_RULE_CONSOLE_NOT_OWN] = "console UART is not the cell's",
	[CV_RULE_RESET_NOT_EXEC] = "reset address not in an executable region",
	[CV_RULE_CPU_NOT_EXIST] = "CPU the platform does not have",
	[CV_RULE_CPU_NOT_ROOT] = "CPU not the root cell's",
	[CV_RULE_CPU_ALL_OF_ROOT] = "takes every CPU of the root cell",
	[CV_RULE_IRQ_NOT_ROOT] = "IRQ not the root cell's",
	[CV_RULE_IRQ_DOORBELL] = "IRQ is a root doorbell",
	[CV_RULE_REGION_HYPERVISOR] = "memory overlaps the hypervisor",
	[CV_RULE_REGION_GIC] = "memory covers the GIC distributor or redistributors",
	[CV_RULE_REGION_DEBUG_UART] = "memory holds the hypervisor's debug UART",
	[CV_RULE_REGION_OUTSIDE_ROOT] = "memory not within one root region",
	[CV_RULE_REGION_ROOT_RAM] = "memory is RAM the root uses",
	[CV_RULE_LINK_NAME] = "link name empty or without an end",
	[CV_RULE_LINK_PEERS] = "link peers out of range (2..16)",
	[CV_RULE_LINK_PEER_ID] = "link peer ID not below its peers",
	[CV_RULE_LINK_SLOT] = "link slot not a device on PCI bus 0",
	[CV_RULE_LINK_UNALIGNED] = "link memory or sections not 4 KiB aligned",
	[CV_RULE_LINK_SIZE] = "link sections too big or memory wraps",
	[CV_RULE_LINK_IPA_LIMIT] = "link above the IPA limit",
	[CV_RULE_LINK_TWICE] = "link listed twice",
	[CV_RULE_LINK_OVERLAP_PHYS] = "links overlap in physical addresses",
	[CV_RULE_LINK_OVERLAP_VIRT] = "links overlap in guest addresses",
	[CV_RULE_LINK_SLOT_TWICE] = "two links in one PCI slot",
	[CV_RULE_LINK_REGION_VIRT] = "link overlaps a memory region in guest addresses",
	[CV_RULE_LINK_REGION_PHYS] = "link memory overlaps a memory region of the cell",
	[CV_RULE_LINK_VUART] = "link overlaps the vUART",
	[CV_RULE_LINK_INTX] = "link INTx not an IRQ of the cell",
	[CV_RULE_VPCI_IRQ_BASE] = "links need a vPCI IRQ base of SPIs",
	[CV_RULE_LINK_NO_VPCI] = "links need a virtual PCI host (pci-mmconfig)",
	[CV_RULE_LINK_ON_VPCI_HOST] = "link on the virtual PCI host's config space",
	[CV_RULE_LINK_OUTSIDE_ROOT] = "link memory not within one root region",
	[CV_RULE_LINK_ROOT_RAM] = "link memory is RAM the root uses",
};

const char *cv_rule_text(unsigned int rule)
{
	return rule < CV_RULE_COUNT && rule_text[rule] ? rule_text[rule] : "unknown rule";
}

const char *cv_rule_subject(unsigned int rule)
{
	switch (rule) {
	case CV_RULE_MPIDR_TWICE:
	case CV_RULE_ROOT_CPU_NOT_EXIST:
	case CV_RULE_CPU_NOT_EXIST:
	case CV_RULE_CPU_NOT_ROOT:
		return "CPU";
	case CV_RULE_IRQ_NOT_SPI:
	case CV_RULE_IRQ_NOT_ROOT:
	case CV_RULE_IRQ_DOORBELL:
	case CV_RULE_ROOT_DOORBELL_NOT_ROOT:
		return "IRQ";
	case CV_RULE_ROOT_NOT_IDENTITY:
	case CV_RULE_ROOT_COMM:
	case CV_RULE_ROOT_RAM_IO:
	case CV_RULE_REGION_EMPTY ... CV_RULE_COMM_TWICE:
	case CV_RULE_REGION_HYPERVISOR ... CV_RULE_REGION_ROOT_RAM:
		return "region";
	case CV_RULE_LINK_NAME ... CV_RULE_LINK_INTX:
	case CV_RULE_LINK_ON_VPCI_HOST ... CV_RULE_LINK_ROOT_RAM:
		return "link";
	default:
		return "";
	}
}

/* Reports a broken rule; nonzero if checking goes on. */
int cv_violate(struct cv_check *chk, unsigned int rule, unsigned int index,
	       unsigned int other)
{
	struct cv_verdict v = { rule, index, other };

	if (!chk->count++)
		chk->first = v;
	return chk->report ? chk->report(chk, &v) : 0;
}

static int same_bytes(const char *a, const char *b, unsigned int n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-';
}

enum cv_rule cv_check_name(const char *name, unsigned int max)
{
	static const char reserved[] = "hypervisor";	/* cellmgrd's console of the hypervisor */
	unsigned int n;

	for (n = 0; n < max && name[n]; n++)
		if (!name_char(name[n]))
			return CV_RULE_NAME;
	if (n == 0 || n >= CV_CELL_NAME_LEN || name[0] == '.' || name[0] == '-')
		return CV_RULE_NAME;
	if (n == sizeof(reserved) - 1 && same_bytes(name, reserved, n))
		return CV_RULE_NAME_RESERVED;
	return CV_RULE_NONE;
}

/* Signature, revision and sizes of a cell config at @c with @size bytes; 0 if wrong. */
static int check_cell_shape(struct cv_check *chk, const struct cv_cell_config *c, __u64 size)
{
	if (size < sizeof(*c))
		return cv_violate(chk, CV_RULE_TRUNCATED, 0, 0), 0;
	if (!same_bytes(c->signature, CV_CELL_SIGNATURE, sizeof(c->signature)))
		return cv_violate(chk, CV_RULE_SIGNATURE, 0, 0), 0;
	if (c->revision != CV_CONFIG_REVISION)
		return cv_violate(chk, CV_RULE_REVISION, 0, 0), 0;
	if (c->num_mem_regions > CV_MAX_MEM_REGIONS)
		return cv_violate(chk, CV_RULE_TOO_MANY_REGIONS, 0, 0), 0;
	if (c->num_links > CV_MAX_LINKS)
		return cv_violate(chk, CV_RULE_TOO_MANY_LINKS, 0, 0), 0;
	if (c->size != cv_cell_config_size(c) || cv_cell_config_size(c) != size)
		return cv_violate(chk, CV_RULE_SIZE, 0, 0), 0;
	return 1;
}

/* One region on its own; *sane is set if its addresses can be compared. */
static int check_region(struct cv_check *chk, const struct cv_cell_config *c, unsigned int i,
			int root, __u64 *sane)
{
	const struct cv_mem_region *r = &regions(c)[i];
	int comm = !!(r->flags & CV_MEM_COMM_REGION);
	__u64 phys = comm ? 0 : r->phys_start;

	if (!r->size)
		VIOLATE(chk, CV_RULE_REGION_EMPTY, i, 0);
	else if ((phys | r->virt_start | r->size) & PAGE_MASK_LOW)
		VIOLATE(chk, CV_RULE_REGION_UNALIGNED, i, 0);
	else if (phys + r->size < phys || r->virt_start + r->size < r->virt_start)
		VIOLATE(chk, CV_RULE_REGION_WRAPS, i, 0);
	else if (r->virt_start >= CV_IPA_LIMIT || r->size > CV_IPA_LIMIT - r->virt_start)
		VIOLATE(chk, CV_RULE_REGION_IPA_LIMIT, i, 0);
	else
		*sane |= BIT64(i);
	if (!(r->flags & ACCESS_FLAGS))
		VIOLATE(chk, CV_RULE_REGION_NO_ACCESS, i, 0);
	if (root && comm)
		VIOLATE(chk, CV_RULE_ROOT_COMM, i, 0);
	else if (r->flags & ~(root ? ROOT_REGION_FLAGS : CELL_REGION_FLAGS))
		VIOLATE(chk, CV_RULE_REGION_FLAGS, i, 0);
	if (root && r->phys_start != r->virt_start)
		VIOLATE(chk, CV_RULE_ROOT_NOT_IDENTITY, i, 0);
	if (root && (r->flags & CV_MEM_ROOT_RAM) && (r->flags & CV_MEM_IO))
		VIOLATE(chk, CV_RULE_ROOT_RAM_IO, i, 0);
	if (!comm || root)
		return 1;
	/* backed by a page of the hypervisor's: nothing of the root's is named */
	if (r->size != CV_COMM_REGION_SIZE)
		VIOLATE(chk, CV_RULE_COMM_SIZE, i, 0);
	if (r->phys_start)
		VIOLATE(chk, CV_RULE_COMM_PHYS, i, 0);
	if (r->flags & ~COMM_REGION_FLAGS)
		VIOLATE(chk, CV_RULE_COMM_FLAGS, i, 0);
	return 1;
}

/* Every region, then every pair of them (@sane ones only). */
static int check_regions(struct cv_check *chk, const struct cv_cell_config *c, int root,
			 __u64 *sane)
{
	const struct cv_mem_region *mem = regions(c);
	unsigned int i, j, comm = CV_MAX_MEM_REGIONS;

	*sane = 0;
	for (i = 0; i < c->num_mem_regions; i++) {
		if (!check_region(chk, c, i, root, sane))
			return 0;
		if (root || !(mem[i].flags & CV_MEM_COMM_REGION))
			continue;
		if (comm < CV_MAX_MEM_REGIONS)
			VIOLATE(chk, CV_RULE_COMM_TWICE, i, comm);
		comm = i;
	}
	for (i = 0; i < c->num_mem_regions; i++) {
		for (j = 0; j < i; j++) {
			if (!(*sane & BIT64(i)) || !(*sane & BIT64(j)))
				continue;
			if (overlaps(mem[i].virt_start, mem[i].size, mem[j].virt_start, mem[j].size))
				VIOLATE(chk, CV_RULE_REGION_OVERLAP_VIRT, i, j);
			else if (!((mem[i].flags | mem[j].flags) & CV_MEM_COMM_REGION) &&
				 overlaps(mem[i].phys_start, mem[i].size, mem[j].phys_start,
					  mem[j].size))
				VIOLATE(chk, CV_RULE_REGION_OVERLAP_PHYS, i, j);
		}
	}
	return 1;
}

/* What a cell and the root cell's description share: name, flags, CPUs, IRQs, regions. */
static int check_cell_body(struct cv_check *chk, const struct cv_cell_config *c, int root,
			   __u64 *sane)
{
	enum cv_rule name = cv_check_name(c->name, sizeof(c->name));
	unsigned int irq;

	if (name != CV_RULE_NONE)
		VIOLATE(chk, name, 0, 0);
	if (c->flags & ~(root ? 0 : CELL_FLAGS))
		VIOLATE(chk, CV_RULE_CELL_FLAGS, 0, 0);
	if (!c->cpu_mask)
		VIOLATE(chk, CV_RULE_NO_CPUS, 0, 0);
	for (irq = 0; irq < CV_NUM_IRQS; irq++) {
		if ((irq < CV_FIRST_SPI || irq > CV_LAST_SPI) && cv_irq_owned(c->irq_bitmap, irq)) {
			VIOLATE(chk, CV_RULE_IRQ_NOT_SPI, irq, 0);
			break;
		}
	}
	return check_regions(chk, c, root, sane);
}

/* The region of @c whose guest addresses hold @addr and that has all of @flags, or -1. */
static int region_at(const struct cv_cell_config *c, __u64 addr, __u64 flags, __u64 sane)
{
	const struct cv_mem_region *mem = regions(c);
	unsigned int i;

	for (i = 0; i < c->num_mem_regions; i++)
		if ((sane & BIT64(i)) && addr >= mem[i].virt_start &&
		    addr - mem[i].virt_start < mem[i].size && (mem[i].flags & flags) == flags)
			return (int)i;
	return -1;
}

/* vUART, console, entry and reply timeout of a (non-root) cell. */
static int check_cell_devices(struct cv_check *chk, const struct cv_cell_config *c, __u64 sane)
{
	const struct cv_mem_region *mem = regions(c);
	const struct cv_vuart *vu = &c->vuart;
	int vuart = !!(c->flags & CV_CELL_VUART);
	__u64 con = c->console.address;
	unsigned int i;

	if (vuart && ((vu->base & PAGE_MASK_LOW) || vu->base >= CV_IPA_LIMIT - CV_PAGE_SIZE))
		VIOLATE(chk, CV_RULE_VUART_BASE, 0, 0);
	for (i = 0; vuart && i < c->num_mem_regions; i++)
		if ((sane & BIT64(i)) &&
		    overlaps(vu->base, CV_PAGE_SIZE, mem[i].virt_start, mem[i].size))
			VIOLATE(chk, CV_RULE_VUART_OVERLAP, 0, i);
	if (vuart && (vu->irq < CV_FIRST_SPI || vu->irq > CV_LAST_SPI))
		VIOLATE(chk, CV_RULE_VUART_IRQ, 0, 0);
	else if (vuart && !cv_irq_owned(c->irq_bitmap, vu->irq))
		VIOLATE(chk, CV_RULE_VUART_IRQ_NOT_OWNED, 0, 0);
	/* an inmate writes to its console UART: elsewhere it faults at once */
	if (c->console.type != CV_CON_TYPE_NONE && con &&
	    !(vuart && con >= vu->base && con - vu->base < CV_PAGE_SIZE) &&
	    region_at(c, con, CV_MEM_IO, sane) < 0)
		VIOLATE(chk, CV_RULE_CONSOLE_NOT_OWN, 0, 0);
	if (region_at(c, c->reset_address, CV_MEM_EXECUTE, sane) < 0)
		VIOLATE(chk, CV_RULE_RESET_NOT_EXEC, 0, 0);
	if (c->msg_reply_timeout_us > CV_MSG_REPLY_TIMEOUT_MAX_US)
		VIOLATE(chk, CV_RULE_MSG_TIMEOUT, 0, 0);
	return 1;
}

static __u64 platform_cpus(const struct cv_platform *p)
{
	return p->num_cpus >= 64 ? ~0ULL : BIT64(p->num_cpus) - 1;
}

static int covers_gic(const struct cv_platform *p, __u64 phys, __u64 size)
{
	return overlaps(phys, size, p->gicd_base, CV_GIC_FRAME_SIZE) ||
	       overlaps(phys, size, p->gicr_base, p->gicr_stride * p->num_cpus);
}

/* Memory of the hypervisor's: its own, the GIC's registers, or (cells only) its UART. */
static unsigned int hypervisor_clash(const struct cv_system_config *sys, __u64 phys,
				     __u64 size, int root)
{
	const struct cv_console *con = &sys->debug_console;

	if (overlaps(phys, size, sys->hypervisor.phys_start, sys->hypervisor.size))
		return CV_RULE_REGION_HYPERVISOR;
	if (covers_gic(&sys->platform, phys, size))
		return CV_RULE_REGION_GIC;
	/* it prints there from any CPU at any time: not even shared with a cell */
	if (!root && con->type != CV_CON_TYPE_NONE &&
	    overlaps(phys, size, con->address, con->size ? con->size : CV_PAGE_SIZE))
		return CV_RULE_REGION_DEBUG_UART;
	return CV_RULE_NONE;
}

/* The root region holding all of [phys, phys+size), or -1. */
int cv_root_region_holding(const struct cv_cell_config *root, __u64 phys, __u64 size)
{
	const struct cv_mem_region *mem = regions(root);
	unsigned int i;

	for (i = 0; i < root->num_mem_regions; i++)
		if (within(phys, size, mem[i].phys_start, mem[i].size))
			return (int)i;
	return -1;
}

static int first_bit(__u64 v)
{
	return __builtin_ctzll(v);
}

/* A cell's CPUs, IRQs and memory against the root's in @sys. */
static int check_against_system(struct cv_check *chk, const struct cv_cell_config *c,
				const struct cv_system_config *sys, __u64 sane)
{
	const struct cv_cell_config *root = &sys->root_cell;
	const struct cv_mem_region *mem = regions(c), *rmem = regions(root);
	__u64 all = platform_cpus(&sys->platform);
	unsigned int i, k;

	if (c->cpu_mask & ~all)
		VIOLATE(chk, CV_RULE_CPU_NOT_EXIST, first_bit(c->cpu_mask & ~all), 0);
	else if (c->cpu_mask & ~root->cpu_mask)
		VIOLATE(chk, CV_RULE_CPU_NOT_ROOT, first_bit(c->cpu_mask & ~root->cpu_mask), 0);
	else if (c->cpu_mask && !(root->cpu_mask & ~c->cpu_mask))
		VIOLATE(chk, CV_RULE_CPU_ALL_OF_ROOT, 0, 0);
	for (i = CV_FIRST_SPI; i <= CV_LAST_SPI; i++) {
		if (cv_irq_owned(c->irq_bitmap, i) && !cv_irq_owned(root->irq_bitmap, i)) {
			VIOLATE(chk, CV_RULE_IRQ_NOT_ROOT, i, 0);
			break;
		}
	}
	/* the hypervisor raises them in the root: no cell may own one */
	for (i = CV_FIRST_SPI; i <= CV_LAST_SPI; i++) {
		if (cv_irq_owned(c->irq_bitmap, i) && cv_is_root_doorbell(&sys->platform, i)) {
			VIOLATE(chk, CV_RULE_IRQ_DOORBELL, i, 0);
			break;
		}
	}
	for (i = 0; i < c->num_mem_regions; i++) {
		unsigned int clash;
		int holder;

		if (!(sane & BIT64(i)) || (mem[i].flags & CV_MEM_COMM_REGION))
			continue;
		clash = hypervisor_clash(sys, mem[i].phys_start, mem[i].size, 0);
		holder = cv_root_region_holding(root, mem[i].phys_start, mem[i].size);
		if (clash != CV_RULE_NONE) {
			VIOLATE(chk, clash, i, 0);
			continue;
		}
		if (holder < 0) {
			VIOLATE(chk, CV_RULE_REGION_OUTSIDE_ROOT, i, 0);
			continue;
		}
		/* whatever its flags: root-shared and io included */
		for (k = 0; k < root->num_mem_regions; k++) {
			if ((rmem[k].flags & CV_MEM_ROOT_RAM) &&
			    overlaps(mem[i].phys_start, mem[i].size, rmem[k].phys_start,
				     rmem[k].size)) {
				VIOLATE(chk, CV_RULE_REGION_ROOT_RAM, i, k);
				break;
			}
		}
	}
	return 1;
}

unsigned int cv_check_cell(struct cv_check *chk, const struct cv_cell_config *cell,
			   __u64 size, const struct cv_system_config *sys)
{
	unsigned int before = chk->count;
	__u64 sane, sane_links;

	if (check_cell_shape(chk, cell, size) && check_cell_body(chk, cell, 0, &sane) &&
	    check_cell_devices(chk, cell, sane) &&
	    cv_check_links(chk, cell, 0, sane, &sane_links) && sys &&
	    check_against_system(chk, cell, sys, sane))
		cv_check_links_against_system(chk, cell, sys, sane_links);
	return chk->count - before;
}

static int check_system_shape(struct cv_check *chk, const struct cv_system_config *sys,
			      __u64 size)
{
	const struct cv_cell_config *root = &sys->root_cell;
	__u64 root_size = size - __builtin_offsetof(struct cv_system_config, root_cell);

	if (size < sizeof(*sys))
		return cv_violate(chk, CV_RULE_TRUNCATED, 0, 0), 0;
	if (!same_bytes(sys->signature, CV_SYSTEM_SIGNATURE, sizeof(sys->signature)))
		return cv_violate(chk, CV_RULE_SIGNATURE, 0, 0), 0;
	if (sys->revision != CV_CONFIG_REVISION)
		return cv_violate(chk, CV_RULE_REVISION, 0, 0), 0;
	if (sys->size != size)
		return cv_violate(chk, CV_RULE_SIZE, 0, 0), 0;
	return check_cell_shape(chk, root, root_size);
}

/* Root doorbells: SPIs the hypervisor raises in the root, all of them the root's. */
static int check_doorbells(struct cv_check *chk, const struct cv_system_config *sys)
{
	const struct cv_platform *p = &sys->platform;
	unsigned int i;

	if (!p->root_doorbell_count)
		return 1;
	if (p->root_doorbell_count > CV_MAX_ROOT_DOORBELLS || p->root_doorbell_base < CV_FIRST_SPI ||
	    p->root_doorbell_base + p->root_doorbell_count - 1 > CV_LAST_SPI) {
		VIOLATE(chk, CV_RULE_ROOT_DOORBELLS, 0, 0);
		return 1;
	}
	for (i = 0; i < p->root_doorbell_count; i++) {
		if (!cv_irq_owned(sys->root_cell.irq_bitmap, p->root_doorbell_base + i)) {
			VIOLATE(chk, CV_RULE_ROOT_DOORBELL_NOT_ROOT, p->root_doorbell_base + i, 0);
			break;
		}
	}
	return 1;
}

static int check_platform(struct cv_check *chk, const struct cv_system_config *sys)
{
	const struct cv_platform *p = &sys->platform;
	const struct cv_mem_region *hv = &sys->hypervisor;
	unsigned int i, j;

	if (!hv->size || ((hv->phys_start | hv->size) & (CV_HV_MEM_ALIGN - 1)) ||
	    hv->size > CV_HV_MEM_MAX || hv->phys_start + hv->size < hv->phys_start)
		VIOLATE(chk, CV_RULE_HV_MEMORY, 0, 0);
	if (sys->debug_console.type != CV_CON_TYPE_NONE && !sys->debug_console.address)
		VIOLATE(chk, CV_RULE_DEBUG_CONSOLE, 0, 0);
	if (p->gic_version != CV_GIC_V3)
		VIOLATE(chk, CV_RULE_GIC_VERSION, 0, 0);
	if (p->maintenance_irq < 16 || p->maintenance_irq > 31)
		VIOLATE(chk, CV_RULE_MAINTENANCE_IRQ, 0, 0);
	if (!p->gicd_base || (p->gicd_base & (CV_GIC_FRAME_SIZE - 1)))
		VIOLATE(chk, CV_RULE_GICD, 0, 0);
	if (!p->gicr_base || (p->gicr_base & (CV_GIC_FRAME_SIZE - 1)) ||
	    p->gicr_stride < CV_GICR_STRIDE_MIN || (p->gicr_stride & (CV_GIC_FRAME_SIZE - 1)))
		VIOLATE(chk, CV_RULE_GICR, 0, 0);
	if (!p->num_cpus || p->num_cpus > CV_MAX_CPUS) {
		VIOLATE(chk, CV_RULE_NUM_CPUS, 0, 0);
		return 1;
	}
	for (i = 0; i < p->num_cpus; i++)
		for (j = 0; j < i; j++)
			if (p->cpu_mpidr[i] == p->cpu_mpidr[j])
				VIOLATE(chk, CV_RULE_MPIDR_TWICE, i, j);
	if (sys->root_cell.cpu_mask & ~platform_cpus(p))
		VIOLATE(chk, CV_RULE_ROOT_CPU_NOT_EXIST,
			first_bit(sys->root_cell.cpu_mask & ~platform_cpus(p)), 0);
	return check_doorbells(chk, sys);
}

unsigned int cv_check_system(struct cv_check *chk, const struct cv_system_config *sys,
			     __u64 size)
{
	const struct cv_cell_config *root = &sys->root_cell;
	const struct cv_mem_region *mem;
	unsigned int before = chk->count, i, clash;
	__u64 sane;

	if (!check_system_shape(chk, sys, size) || !check_platform(chk, sys) ||
	    !check_cell_body(chk, root, 1, &sane) || !cv_check_root_links(chk, sys))
		return chk->count - before;
	mem = regions(root);
	for (i = 0; i < root->num_mem_regions; i++) {
		if (!(sane & BIT64(i)))
			continue;
		clash = hypervisor_clash(sys, mem[i].phys_start, mem[i].size, 1);
		if (clash != CV_RULE_NONE && !cv_violate(chk, clash, i, 0))
			break;
	}
	return chk->count - before;
}
