/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared-memory links in the userland's config check. The rules for one
 * member's description, and for its memory against the root's, are the
 * shared ones (common/config-check.c): here are their messages. Only what
 * needs several config files is checked here: the members of one link
 * against each other (the same link in every config, each peer ID once),
 * and a link's memory against the other cells' and their links'.
 */
#include <stdio.h>
#include <string.h>

#include "cv-config-links.h"

#define ERR(d, c, loc, ...) cv_diag_error((d), (c)->path, (loc), __VA_ARGS__)

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

static bool aligned(uint64_t v)
{
	return (v & (CV_PAGE_SIZE - 1)) == 0;
}

static uint64_t link_size(const struct cv_link_conf *l)
{
	return CV_LINK_STATE_TABLE_SIZE + l->rw_size + (uint64_t)l->peers * l->output_size;
}

/* Only links that passed the shared rules have addresses to compare. */
static bool shape_ok(const struct cv_link_conf *l)
{
	return l->peers >= 2 && l->peers <= CV_LINK_MAX_PEERS && aligned(l->phys) &&
	       aligned(l->rw_size) && aligned(l->output_size) && l->output_size &&
	       l->rw_size < CV_IPA_LIMIT && l->output_size < CV_IPA_LIMIT &&
	       l->phys + link_size(l) > l->phys;
}

static const struct cv_link_conf *find_link(const struct cv_cell *cell, const char *name)
{
	for (unsigned int i = 0; i < cell->n_links; i++)
		if (streq(cell->links[i].name, name))
			return &cell->links[i];
	return NULL;
}

static void unaligned(const struct cv_config *c, const struct cv_link_conf *l, struct cv_diag *d)
{
	if (!aligned(l->phys))
		ERR(d, c, l->phys_loc, "link '%s' phys 0x%llx is not 4K-aligned", l->name, ull(l->phys));
	if (!aligned(l->virt))
		ERR(d, c, l->virt_loc, "link '%s' virt 0x%llx is not 4K-aligned", l->name, ull(l->virt));
	if (!aligned(l->rw_size))
		ERR(d, c, l->rw_loc, "link '%s' rw-size 0x%llx is not a multiple of 4K "
		    "(each section gets its own access rights)", l->name, ull(l->rw_size));
	if (!l->output_size || !aligned(l->output_size))
		ERR(d, c, l->output_loc, "link '%s' output-size 0x%llx is not a non-zero multiple of 4K "
		    "(each section gets its own access rights)", l->name, ull(l->output_size));
}

/* Where a link's memory lies against the root's: not in one of its regions, or in its RAM. */
static void outside_root(const struct cv_config *c, const struct cv_link_conf *l,
			 const struct cv_config *sys, struct cv_diag *d)
{
	const struct cv_cell *root = &sys->system.root;

	for (unsigned int k = 0; k < root->n_regions; k++)
		if (overlaps(l->phys, link_size(l), root->regions[k].phys, root->regions[k].size)) {
			ERR(d, c, l->phys_loc, "link '%s' memory 0x%llx +0x%llx is not inside one region "
			    "of the root cell's memory (it reaches beyond the one at 0x%llx, %s:%u)",
			    l->name, ull(l->phys), ull(link_size(l)), ull(root->regions[k].phys),
			    sys->path, root->regions[k].loc.line);
			return;
		}
	ERR(d, c, l->phys_loc, "link '%s' memory 0x%llx +0x%llx is outside the root cell's memory",
	    l->name, ull(l->phys), ull(link_size(l)));
}

/* The rules a link's description breaks on its own or in its member's config. */
static bool own_verdict(const struct cv_config *c, const struct cv_cell *cell,
			const struct cv_verdict *v, struct cv_diag *d)
{
	const struct cv_link_conf *l = &cell->links[v->index];
	/* what v->other counts depends on the rule: the earlier link, or a region */
	const struct cv_link_conf *o = &cell->links[v->other % CV_MAX_LINKS];
	const struct cv_region *r = &cell->regions[v->other % CV_MAX_MEM_REGIONS];

	switch (v->rule) {
	case CV_RULE_LINK_NAME:
		ERR(d, c, l->name_loc, "link name '%.*s' is empty or longer than %d characters",
		    CV_LINK_NAME_LEN, l->name, CV_LINK_NAME_LEN - 1);
		break;
	case CV_RULE_LINK_PEERS:
		ERR(d, c, l->peers_loc, "link '%s' has %u peers: a link has 2..%d", l->name, l->peers,
		    CV_LINK_MAX_PEERS);
		break;
	case CV_RULE_LINK_PEER_ID:
		ERR(d, c, l->id_loc, "peer ID %u of link '%s' is not below its number of peers (%u)",
		    l->id, l->name, l->peers);
		break;
	case CV_RULE_LINK_SLOT:
		ERR(d, c, l->slot_loc, "slot %u of link '%s' is not a device number of a PCI bus (0..%d)",
		    l->slot, l->name, CV_VPCI_SLOTS - 1);
		break;
	case CV_RULE_LINK_UNALIGNED:
		unaligned(c, l, d);
		break;
	case CV_RULE_LINK_SIZE:
		if (l->rw_size >= CV_IPA_LIMIT)
			ERR(d, c, l->rw_loc, "link '%s' rw-size 0x%llx is beyond the %d-bit guest physical "
			    "address space", l->name, ull(l->rw_size), CV_IPA_BITS);
		else if (l->output_size >= CV_IPA_LIMIT)
			ERR(d, c, l->output_loc, "link '%s' output-size 0x%llx is beyond the %d-bit guest "
			    "physical address space", l->name, ull(l->output_size), CV_IPA_BITS);
		else
			ERR(d, c, l->loc, "link '%s' memory from 0x%llx wraps around the address space",
			    l->name, ull(l->phys));
		break;
	case CV_RULE_LINK_IPA_LIMIT:
		ERR(d, c, l->virt_loc.line ? l->virt_loc : l->loc, "link '%s' at guest address 0x%llx "
		    "+0x%llx ends above the %d-bit guest physical address space (0x%llx)", l->name,
		    ull(l->virt), ull(link_size(l)), CV_IPA_BITS, ull(CV_IPA_LIMIT));
		break;
	case CV_RULE_LINK_TWICE:
		ERR(d, c, l->name_loc, "link '%s' is listed twice (line %u)", l->name, o->loc.line);
		break;
	case CV_RULE_LINK_OVERLAP_PHYS:
		ERR(d, c, l->loc, "link '%s' memory 0x%llx +0x%llx overlaps link '%s' (line %u)",
		    l->name, ull(l->phys), ull(link_size(l)), o->name, o->loc.line);
		break;
	case CV_RULE_LINK_OVERLAP_VIRT:
		ERR(d, c, l->loc, "link '%s' at guest address 0x%llx overlaps link '%s' (line %u)",
		    l->name, ull(l->virt), o->name, o->loc.line);
		break;
	case CV_RULE_LINK_SLOT_TWICE:
		ERR(d, c, l->slot_loc.line ? l->slot_loc : l->loc,
		    "slot %u of the virtual PCI bus is taken by link '%s' (line %u)",
		    l->slot, o->name, o->loc.line);
		break;
	case CV_RULE_LINK_REGION_VIRT:
		ERR(d, c, l->loc, "link '%s' at guest address 0x%llx +0x%llx overlaps the memory "
		    "region at 0x%llx (line %u)", l->name, ull(l->virt), ull(link_size(l)),
		    ull(r->virt), r->loc.line);
		break;
	case CV_RULE_LINK_REGION_PHYS:
		ERR(d, c, l->loc, "link '%s' memory 0x%llx +0x%llx overlaps the cell's memory "
		    "region at 0x%llx (line %u): the link's memory is its own",
		    l->name, ull(l->phys), ull(link_size(l)), ull(r->phys), r->loc.line);
		break;
	case CV_RULE_LINK_VUART:
		ERR(d, c, l->loc, "link '%s' at guest address 0x%llx +0x%llx overlaps the vuart",
		    l->name, ull(l->virt), ull(link_size(l)));
		break;
	case CV_RULE_LINK_INTX:
		ERR(d, c, l->slot_loc.line ? l->slot_loc : l->loc,
		    "link '%s' in slot %u interrupts the cell with INTID %u (vpci-irq-base + slot %% 4), "
		    "which is not in the cell's 'irqs': add it there", l->name, l->slot,
		    cell->vpci_irq_base + l->slot % 4);
		break;
	case CV_RULE_VPCI_IRQ_BASE:
		ERR(d, c, cell->vpci_loc.line ? cell->vpci_loc : cell->links[0].loc,
		    "a cell with links needs 'vpci-irq-base': the SPI (INTID 32..1016) of INTx pin A "
		    "of its virtual PCI devices, not %u", cell->vpci_irq_base);
		break;
	default:
		return false;
	}
	return true;
}

bool cv_links_verdict(const struct cv_config *c, const struct cv_cell *cell,
		      const struct cv_config *sys, const struct cv_verdict *v, struct cv_diag *d)
{
	const struct cv_link_conf *l;
	const struct cv_region *r;

	if (strcmp(cv_rule_subject(v->rule), "link") && v->rule != CV_RULE_VPCI_IRQ_BASE &&
	    v->rule != CV_RULE_LINK_NO_VPCI)
		return false;
	if (own_verdict(c, cell, v, d))
		return true;
	l = &cell->links[v->index];
	switch (v->rule) {
	case CV_RULE_LINK_NO_VPCI:
		ERR(d, c, cell->links[0].loc, "%s has no 'pci-mmconfig': a cell's links are devices on "
		    "the virtual PCI host there", sys->path);
		break;
	case CV_RULE_LINK_ON_VPCI_HOST:
		ERR(d, c, l->loc, "link '%s' at guest address 0x%llx +0x%llx overlaps the virtual PCI "
		    "host's configuration space (pci-mmconfig 0x%llx +1M)", l->name, ull(l->virt),
		    ull(link_size(l)), ull(sys->system.platform.pci_mmconfig_base));
		break;
	case CV_RULE_LINK_OUTSIDE_ROOT:
		outside_root(c, l, sys, d);
		break;
	case CV_RULE_LINK_ROOT_RAM:
		r = &sys->system.root.regions[v->other];
		ERR(d, c, l->phys_loc, "link '%s' memory 0x%llx +0x%llx is in Linux's own RAM "
		    "(0x%llx +0x%llx, flagged root-ram in %s:%u): give it memory Linux does not use",
		    l->name, ull(l->phys), ull(link_size(l)), ull(r->phys), ull(r->size), sys->path,
		    r->loc.line);
		break;
	default:
		return false;
	}
	return true;
}

/* What the shared rules cannot see: the register pages against the hypervisor's memory. */
void cv_links_check_root(const struct cv_config *sys, struct cv_diag *d)
{
	const struct cv_system *s = &sys->system;
	const struct cv_cell *root = &s->root;
	uint64_t mmcfg = s->platform.pci_mmconfig_base;
	uint64_t regs = CV_ROOT_LINK_REGS(mmcfg, 0), regs_size = root->n_links * CV_PAGE_SIZE;

	if (!root->n_links || !mmcfg)
		return;
	if (overlaps(regs, regs_size, s->hv_phys, s->hv_size))
		ERR(d, sys, s->platform_loc, "the registers of the root's links (0x%llx +0x%llx, after "
		    "pci-mmconfig's 1M) overlap the hypervisor's memory", ull(regs), ull(regs_size));
}

/*
 * Member b's links against member a's: the same link must have the same
 * layout and a peer ID of each; anything else must not overlap. a_what
 * names a in messages ("the root cell", "cell 'x'"); a_regions says if
 * a's memory regions count (the root's hold everything).
 */
static void check_members(const struct cv_config *a, const struct cv_cell *acell, const char *a_what,
			  bool a_regions, const struct cv_config *b, struct cv_diag *d)
{
	const struct cv_cell *bcell = &b->cell;

	for (unsigned int i = 0; i < bcell->n_links; i++) {
		const struct cv_link_conf *l = &bcell->links[i], *o = find_link(acell, l->name);

		if (o) {
			const char *what = l->peers != o->peers ? "peers" :
					   l->protocol != o->protocol ? "protocol" :
					   l->phys != o->phys ? "phys" :
					   l->rw_size != o->rw_size ? "rw-size" :
					   l->output_size != o->output_size ? "output-size" : NULL;

			if (what)
				ERR(d, b, l->loc, "link '%s' differs from its description in %s (%s:%u) "
				    "in its %s; every member describes the link alike", l->name, a_what, a->path,
				    o->loc.line, what);
			else if (l->id == o->id)
				ERR(d, b, l->id_loc, "peer ID %u of link '%s' is taken by %s (%s:%u)", l->id,
				    l->name, a_what, a->path, o->id_loc.line);
			continue;
		}
		if (!shape_ok(l))
			continue;
		for (unsigned int j = 0; j < acell->n_links; j++) {
			o = &acell->links[j];
			if (shape_ok(o) && overlaps(l->phys, link_size(l), o->phys, link_size(o)))
				ERR(d, b, l->loc, "link '%s' memory 0x%llx +0x%llx overlaps link '%s' of %s (%s:%u)",
				    l->name, ull(l->phys), ull(link_size(l)), o->name, a_what, a->path,
				    o->loc.line);
		}
		for (unsigned int j = 0; a_regions && j < acell->n_regions; j++) {
			const struct cv_region *r = &acell->regions[j];

			if (!(r->flags & CV_MEM_COMM_REGION) && overlaps(l->phys, link_size(l), r->phys, r->size))
				ERR(d, b, l->loc, "link '%s' memory 0x%llx +0x%llx overlaps memory of %s (%s:%u)",
				    l->name, ull(l->phys), ull(link_size(l)), a_what, a->path, r->loc.line);
		}
	}
	for (unsigned int i = 0; i < bcell->n_regions; i++) {
		const struct cv_region *r = &bcell->regions[i];

		if (r->flags & CV_MEM_COMM_REGION)
			continue;
		for (unsigned int j = 0; j < acell->n_links; j++) {
			const struct cv_link_conf *o = &acell->links[j];

			if (shape_ok(o) && !find_link(bcell, o->name) &&
			    overlaps(r->phys, r->size, o->phys, link_size(o)))
				ERR(d, b, r->loc, "memory region 0x%llx +0x%llx overlaps link '%s' of %s (%s:%u)",
				    ull(r->phys), ull(r->size), o->name, a_what, a->path, o->loc.line);
		}
	}
}

void cv_links_check_against_system(const struct cv_config *c, const struct cv_config *sys,
				   struct cv_diag *d)
{
	const struct cv_cell *cell = &c->cell;
	const struct cv_platform *p = &sys->system.platform;

	if (cell->n_links && !p->pci_mmconfig_base)
		return;		/* a shared rule says so */
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];

		if (cell->n_links && overlaps(r->virt, r->size, p->pci_mmconfig_base, CV_VPCI_ECAM_SIZE))
			ERR(d, c, r->loc, "memory region at guest address 0x%llx +0x%llx overlaps the virtual "
			    "PCI host's configuration space (pci-mmconfig 0x%llx +1M)", ull(r->virt),
			    ull(r->size), ull(p->pci_mmconfig_base));
	}
	check_members(sys, &sys->system.root, "the root cell", false, c, d);
}

void cv_links_check_pair(const struct cv_config *a, const struct cv_config *b, struct cv_diag *d)
{
	char what[CV_CELL_NAME_LEN + 8];

	snprintf(what, sizeof(what), "cell '%s'", a->cell.name);
	check_members(a, &a->cell, what, true, b, d);
}
