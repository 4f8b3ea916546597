// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The rules of a link's description (include/cellvisor/config-check.h):
 * on its own, against the other links and the regions of its cell, and
 * against the system config. The root's links get those that apply to
 * them: no slot, INTx or guest addresses.
 */
#include "config-rules.h"

static const struct cv_link *links(const struct cv_cell_config *c)
{
	return cv_cell_links(c);
}

static int link_name_ok(const struct cv_link *l)
{
	unsigned int n = 0;

	while (n < CV_LINK_NAME_LEN && l->name[n])
		n++;
	return n && n < CV_LINK_NAME_LEN;
}

static int same_name(const char *a, const char *b)
{
	unsigned int n;

	for (n = 0; n < CV_LINK_NAME_LEN && a[n] == b[n]; n++)
		if (!a[n])
			return 1;
	return n == CV_LINK_NAME_LEN;
}

/* One link on its own; its bit in *sane is set if its addresses can be compared. */
static int check_link(struct cv_check *chk, const struct cv_cell_config *c, unsigned int i,
		      int root, __u64 *sane)
{
	const struct cv_link *l = &links(c)[i];
	int peers_ok = l->peers >= 2 && l->peers <= CV_LINK_MAX_PEERS;
	__u64 size;

	if (!link_name_ok(l))
		VIOLATE(chk, CV_RULE_LINK_NAME, i, 0);
	if (!peers_ok)
		VIOLATE(chk, CV_RULE_LINK_PEERS, i, 0);
	else if (l->id >= l->peers)
		VIOLATE(chk, CV_RULE_LINK_PEER_ID, i, 0);
	if (!root && l->slot >= CV_VPCI_SLOTS)
		VIOLATE(chk, CV_RULE_LINK_SLOT, i, 0);
	if (((l->phys | l->virt | l->rw_size | l->output_size) & PAGE_MASK_LOW) ||
	    !l->output_size) {
		VIOLATE(chk, CV_RULE_LINK_UNALIGNED, i, 0);
		return 1;
	}
	if (!peers_ok)
		return 1;	/* its size is not known */
	/* below the IPA limit each, the sum cannot wrap a __u64 */
	if (l->rw_size >= CV_IPA_LIMIT || l->output_size >= CV_IPA_LIMIT) {
		VIOLATE(chk, CV_RULE_LINK_SIZE, i, 0);
		return 1;
	}
	size = cv_link_size(l);
	if (l->phys + size < l->phys)
		VIOLATE(chk, CV_RULE_LINK_SIZE, i, 0);
	else if (l->virt >= CV_IPA_LIMIT || size > CV_IPA_LIMIT - l->virt)
		VIOLATE(chk, CV_RULE_LINK_IPA_LIMIT, i, 0);
	else
		*sane |= BIT64(i);
	return 1;
}

/* Link @i of a cell against its regions, vUART and interrupts. */
static int check_link_in_cell(struct cv_check *chk, const struct cv_cell_config *c,
			      unsigned int i, __u64 sane_regions)
{
	const struct cv_link *l = &links(c)[i];
	const struct cv_mem_region *mem = regions(c);
	__u64 size = cv_link_size(l);
	unsigned int j;

	for (j = 0; j < c->num_mem_regions; j++) {
		if (!(sane_regions & BIT64(j)))
			continue;
		if (overlaps(l->virt, size, mem[j].virt_start, mem[j].size))
			VIOLATE(chk, CV_RULE_LINK_REGION_VIRT, i, j);
		else if (!(mem[j].flags & CV_MEM_COMM_REGION) &&
			 overlaps(l->phys, size, mem[j].phys_start, mem[j].size))
			VIOLATE(chk, CV_RULE_LINK_REGION_PHYS, i, j);
	}
	if ((c->flags & CV_CELL_VUART) && overlaps(l->virt, size, c->vuart.base, CV_PAGE_SIZE))
		VIOLATE(chk, CV_RULE_LINK_VUART, i, 0);
	return 1;
}

static int vpci_irq_base_ok(const struct cv_cell_config *c)
{
	return c->vpci_irq_base >= CV_FIRST_SPI && c->vpci_irq_base + 3 <= CV_LAST_SPI;
}

/* Every link, then every pair of them; the root's have no slot, INTx or guest addresses. */
int cv_check_links(struct cv_check *chk, const struct cv_cell_config *c, int root,
		   __u64 sane_regions, __u64 *sane)
{
	const struct cv_link *ls = links(c);
	unsigned int i, j;

	*sane = 0;
	for (i = 0; i < c->num_links; i++)
		if (!check_link(chk, c, i, root, sane))
			return 0;
	if (!root && c->num_links && !vpci_irq_base_ok(c))
		VIOLATE(chk, CV_RULE_VPCI_IRQ_BASE, 0, 0);
	for (i = 0; i < c->num_links; i++) {
		const struct cv_link *l = &ls[i];
		__u64 size = cv_link_size(l);

		for (j = 0; j < i; j++) {
			const struct cv_link *o = &ls[j];
			int both = (*sane & BIT64(i)) && (*sane & BIT64(j));

			if (same_name(l->name, o->name))
				VIOLATE(chk, CV_RULE_LINK_TWICE, i, j);
			else if (both && overlaps(l->phys, size, o->phys, cv_link_size(o)))
				VIOLATE(chk, CV_RULE_LINK_OVERLAP_PHYS, i, j);
			else if (!root && both && overlaps(l->virt, size, o->virt, cv_link_size(o)))
				VIOLATE(chk, CV_RULE_LINK_OVERLAP_VIRT, i, j);
			if (!root && l->slot == o->slot)
				VIOLATE(chk, CV_RULE_LINK_SLOT_TWICE, i, j);
		}
		if (root)
			continue;
		if ((*sane & BIT64(i)) && !check_link_in_cell(chk, c, i, sane_regions))
			return 0;
		if (vpci_irq_base_ok(c) && !cv_irq_owned(c->irq_bitmap, c->vpci_irq_base + l->slot % 4))
			VIOLATE(chk, CV_RULE_LINK_INTX, i, 0);
	}
	return 1;
}

/* A link's memory is reserved for it: inside one region of the root's, not the root's RAM. */
static int check_link_memory(struct cv_check *chk, const struct cv_cell_config *root,
			     unsigned int i, const struct cv_link *l)
{
	const struct cv_mem_region *rmem = regions(root);
	__u64 size = cv_link_size(l);
	unsigned int k;

	for (k = 0; k < root->num_mem_regions; k++)
		if ((rmem[k].flags & CV_MEM_ROOT_RAM) &&
		    overlaps(l->phys, size, rmem[k].phys_start, rmem[k].size)) {
			VIOLATE(chk, CV_RULE_LINK_ROOT_RAM, i, k);
			return 1;
		}
	if (cv_root_region_holding(root, l->phys, size) < 0)
		VIOLATE(chk, CV_RULE_LINK_OUTSIDE_ROOT, i, 0);
	return 1;
}

/* A cell's links: devices on the virtual PCI host, memory the root set aside. */
int cv_check_links_against_system(struct cv_check *chk, const struct cv_cell_config *c,
				  const struct cv_system_config *sys, __u64 sane_links)
{
	__u64 mmcfg = sys->platform.pci_mmconfig_base;
	unsigned int i;

	if (!c->num_links)
		return 1;
	if (!mmcfg)
		return cv_violate(chk, CV_RULE_LINK_NO_VPCI, 0, 0);
	for (i = 0; i < c->num_links; i++) {
		const struct cv_link *l = &links(c)[i];

		if (!(sane_links & BIT64(i)))
			continue;
		if (overlaps(l->virt, cv_link_size(l), mmcfg, CV_VPCI_ECAM_SIZE))
			VIOLATE(chk, CV_RULE_LINK_ON_VPCI_HOST, i, 0);
		if (!check_link_memory(chk, &sys->root_cell, i, l))
			return 0;
	}
	return 1;
}

/*
 * The root's links: each on its own and in the root's memory, register
 * pages after the ECAM, trapped, and a root doorbell each.
 */
int cv_check_root_links(struct cv_check *chk, const struct cv_system_config *sys)
{
	const struct cv_cell_config *root = &sys->root_cell;
	const struct cv_mem_region *mem = regions(root);
	__u64 mmcfg = sys->platform.pci_mmconfig_base;
	__u64 sane;
	unsigned int i;

	if (!root->num_links)
		return 1;
	if (!cv_check_links(chk, root, 1, 0, &sane))
		return 0;
	for (i = 0; i < root->num_links; i++)
		if ((sane & BIT64(i)) && !check_link_memory(chk, root, i, &links(root)[i]))
			return 0;
	if (!mmcfg)
		return cv_violate(chk, CV_RULE_ROOT_LINKS_NO_VPCI, 0, 0);
	if (root->num_links >= sys->platform.root_doorbell_count &&
	    !cv_violate(chk, CV_RULE_ROOT_LINKS_DOORBELLS, 0, 0))
		return 0;
	for (i = 0; i < root->num_mem_regions; i++)
		if (overlaps(mem[i].phys_start, mem[i].size, CV_ROOT_LINK_REGS(mmcfg, 0),
			     (__u64)root->num_links * CV_PAGE_SIZE) &&
		    !cv_violate(chk, CV_RULE_ROOT_LINK_REGS, i, 0))
			return 0;
	return 1;
}
