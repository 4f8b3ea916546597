// SPDX-License-Identifier: GPL-2.0
/*
 * Shared-memory links (ivshmem v2): a link exists while it has members
 * (the root's from enable on, a cell's from its create to its destroy).
 * Each member gets the link's memory in its stage 2 with exactly the
 * rights the link gives it: the state table (a hypervisor page) read-only,
 * the R/W section read-write, its own output section read-write and the
 * others' read-only. Its register page (BAR0 of a cell's PCI function,
 * a fixed page for the root) has ID, MAX_PEERS, INT_CTRL, DOORBELL and
 * STATE; a doorbell or a state change pends the receiving peer's SPI in
 * the physical GIC (a cell's INTx, the root's link doorbell). A peer that
 * goes away (destroyed, shut down, restarted, failed) has its state set
 * to 0, which interrupts the others.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define LINKS_MAX		CV_MAX_LINKS_ALL

static struct ivshmem_link *links[LINKS_MAX];
static spinlock_t links_lock;		/* links[]: create, free, info */
/* Each cell's peers, in the order of its config's links (cell 0: the root). */
static struct ivshmem_peer *devices[CV_MAX_CELLS][CV_MAX_LINKS];
static u64 link_events;

#define STATE_TABLE_SIZE	CV_LINK_STATE_TABLE_SIZE

static unsigned int peer_id(const struct ivshmem_peer *p)
{
	return (unsigned int)(p - p->link->peer);
}

static void count_event(void)
{
	__atomic_fetch_add(&link_events, 1, __ATOMIC_RELAXED);
}

u64 ivshmem_events(void)
{
	return __atomic_load_n(&link_events, __ATOMIC_RELAXED);
}

/* ---- interrupts and state (link lock held) ---- */

/* Interrupts @p if it is there and asked for interrupts. */
static void peer_interrupt(struct ivshmem_peer *p)
{
	if (!p->cell || !p->int_enabled || !p->irq || (p->command & PCI_COMMAND_INTX_DISABLE))
		return;
	if (p->one_shot)
		p->int_enabled = false;
	if (p->cell == &root_cell)
		root_doorbell(p->irq);
	else
		arch_irq_raise(p->irq);
}

/* @p's state into the state table; a change interrupts every other peer. */
static void peer_set_state(struct ivshmem_peer *p, u32 state)
{
	struct ivshmem_link *link = p->link;
	unsigned int id = peer_id(p), i;

	if (state == p->state)
		return;
	p->state = state;
	WRITE_ONCE(link->state_table[id], state);
	/* peers may read it with their caches off */
	arch_dcache_clean(&link->state_table[id], sizeof(u32));
	count_event();
	for (i = 0; i < link->layout.peers; i++)
		if (i != id)
			peer_interrupt(&link->peer[i]);
}

/* The device as after a reset: no interrupts, state 0 (the others hear of it). */
static void peer_reset(struct ivshmem_peer *p)
{
	p->int_enabled = false;
	/* the root's UIO device is one-shot, as uio_ivshmem sets it */
	p->one_shot = p->cell && cell_is_root(p->cell);
	if (p->cell && !cell_is_root(p->cell))
		vpci_reset_function(p);
	peer_set_state(p, 0);
}

static enum mmio_result register_access(void *arg, const struct mmio_reg *reg,
				       struct mmio_access *acc)
{
	struct ivshmem_peer *p = arg;
	struct ivshmem_link *link = p->link;
	u32 val = (u32)acc->value;
	unsigned int target;

	(void)reg;
	spin_lock(&link->lock);
	if (!acc->is_write)
		acc->value = 0;
	switch (acc->addr) {
	case IVSHMEM_REG_ID:
		if (!acc->is_write)
			acc->value = peer_id(p);
		break;
	case IVSHMEM_REG_MAX_PEERS:
		if (!acc->is_write)
			acc->value = link->layout.peers;
		break;
	case IVSHMEM_REG_INT_CTRL:
		if (acc->is_write)
			p->int_enabled = val & 1;
		else
			acc->value = p->int_enabled;
		break;
	case IVSHMEM_REG_DOORBELL:
		/* vector 0 only (INTx); a target that is not there: no effect */
		target = val >> 16;
		if (acc->is_write && p->cell && !(val & 0xffff) && target < link->layout.peers)
			peer_interrupt(&link->peer[target]);
		break;
	case IVSHMEM_REG_STATE:
		if (acc->is_write && p->cell)
			peer_set_state(p, val);
		else if (!acc->is_write)
			acc->value = p->state;
		break;
	default:
		break;	/* the rest of the page: reads 0, writes ignored */
	}
	spin_unlock(&link->lock);
	return MMIO_HANDLED;
}

/*
 * "All registers support only aligned 32-bit accesses" (the spec): the
 * whole page as 32-bit registers, the rest of it reading 0.
 */
static const struct mmio_reg register_table[] = {
	{ 0x000, 0x1000, 4, MMIO_32, 4, register_access },
};
static struct mmio_regs register_regs = {
	register_table, ARRAY_SIZE(register_table), 0, NULL, 0,
};

int ivshmem_registers_map(struct cell *cell, u64 base, struct ivshmem_peer *p)
{
	/* the first user prepares the table (the same result, whoever does it) */
	if (!register_regs.span && mmio_regs_prepare(&register_regs, PAGE_SIZE))
		return -CV_EINVAL;
	return mmio_region_register(&cell->mmio, base, PAGE_SIZE, 0, &register_regs, p);
}

/* ---- links ---- */

static bool same_layout(const struct cv_link *a, const struct cv_link *b)
{
	return !memcmp(a->name, b->name, CV_LINK_NAME_LEN) && a->phys == b->phys &&
	       a->rw_size == b->rw_size && a->output_size == b->output_size &&
	       a->peers == b->peers && a->protocol == b->protocol;
}

/* Under links_lock, or cells_lock (the only place links are created and freed). */
static struct ivshmem_link *find_link(const char *name)
{
	unsigned int i;

	for (i = 0; i < LINKS_MAX; i++)
		if (links[i] && !memcmp(links[i]->layout.name, name, CV_LINK_NAME_LEN))
			return links[i];
	return NULL;
}

static struct cv_mem_region link_memory(const struct cv_link *l)
{
	return (struct cv_mem_region){ l->phys, l->phys, cv_link_size(l), 0 };
}

/*
 * Maps @cfg's view of @link into @cell's stage 2 (at cfg->virt): each
 * section with the rights the link gives peer cfg->id.
 */
static int map_sections(struct cell *cell, const struct ivshmem_link *link, const struct cv_link *cfg)
{
	const struct cv_link *l = &link->layout;
	u64 out = STATE_TABLE_SIZE + l->rw_size;
	struct cv_mem_region m = { virt_to_phys(link->state_table), cfg->virt, STATE_TABLE_SIZE,
				   CV_MEM_READ };
	unsigned int i;
	int err;

	err = arch_map_region(cell, &m);
	if (!err && l->rw_size) {
		m = (struct cv_mem_region){ l->phys + STATE_TABLE_SIZE, cfg->virt + STATE_TABLE_SIZE,
					    l->rw_size, CV_MEM_READ | CV_MEM_WRITE };
		err = arch_map_region(cell, &m);
	}
	for (i = 0; !err && i < l->peers; i++) {
		m = (struct cv_mem_region){ l->phys + out + i * l->output_size,
					    cfg->virt + out + i * l->output_size, l->output_size,
					    CV_MEM_READ | (i == cfg->id ? CV_MEM_WRITE : 0) };
		err = arch_map_region(cell, &m);
	}
	return err;
}

/* A new link, its memory taken from the root's stage 2 (members map what they may). */
static struct ivshmem_link *link_create(const struct cv_link *cfg)
{
	struct ivshmem_link *link = page_alloc(&mem_pool);
	struct cv_mem_region m = link_memory(cfg);
	unsigned int i, slot;

	if (!link)
		return NULL;
	link->state_table = page_alloc(&mem_pool);
	spin_lock(&links_lock);
	for (slot = 0; slot < LINKS_MAX && links[slot]; slot++)
		;
	if (!link->state_table || slot == LINKS_MAX) {
		spin_unlock(&links_lock);
		page_free(&mem_pool, link->state_table);
		page_free(&mem_pool, link);
		return NULL;
	}
	link->layout = *cfg;
	for (i = 0; i < CV_LINK_MAX_PEERS; i++)
		link->peer[i].link = link;
	arch_dcache_clean(link->state_table, PAGE_SIZE);
	links[slot] = link;
	spin_unlock(&links_lock);
	arch_unmap_region(&root_cell, &m);
	return link;
}

/* The last member left: the memory is the root's again, as its region says. */
static void link_free(struct ivshmem_link *link)
{
	const struct cv_link *l = &link->layout;
	const struct cv_mem_region *rr = root_region_of(l->phys, cv_link_size(l));
	struct cv_mem_region m;
	unsigned int i;

	spin_lock(&links_lock);
	for (i = 0; i < LINKS_MAX; i++)
		if (links[i] == link)
			links[i] = NULL;
	spin_unlock(&links_lock);
	if (rr) {
		m = *rr;
		m.phys_start = m.virt_start = l->phys;
		m.size = cv_link_size(l);
		arch_map_region(&root_cell, &m);
	}
	page_free(&mem_pool, link->state_table);
	page_free(&mem_pool, link);
}

/* Connects @cell as peer @cfg->id of its @index-th link; see ivshmem_cell_exit(). */
static int connect(struct cell *cell, unsigned int index, const struct cv_link *cfg, unsigned int irq)
{
	struct ivshmem_link *link = find_link(cfg->name);
	struct ivshmem_peer *p;
	int err;

	if (!link)
		link = link_create(cfg);
	if (!link)
		return -CV_ENOMEM;
	p = &link->peer[cfg->id];
	devices[cell->id][index] = p;
	err = map_sections(cell, link, cfg);
	if (err)
		return err;
	spin_lock(&link->lock);
	p->cell = cell;
	p->cfg = cfg;
	p->irq = irq;
	peer_reset(p);
	link->members++;
	count_event();
	spin_unlock(&link->lock);
	return 0;
}

int ivshmem_cell_init(struct cell *cell)
{
	const struct cv_link *l = cv_cell_links(cell->config);
	unsigned int i;
	int err;

	for (i = 0; i < cell->config->num_links; i++) {
		err = connect(cell, i, &l[i], cell->config->vpci_irq_base + l[i].slot % 4);
		if (err)
			return err;
	}
	return vpci_cell_init(cell);
}

void ivshmem_cell_exit(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < CV_MAX_LINKS; i++) {
		struct ivshmem_peer *p = devices[cell->id][i];
		struct ivshmem_link *link;
		bool empty;

		if (!p)
			continue;
		devices[cell->id][i] = NULL;
		link = p->link;
		spin_lock(&link->lock);
		if (p->cell == cell) {
			peer_set_state(p, 0);
			/* its BAR went with the cell's MMIO table */
			*p = (struct ivshmem_peer){ .link = link };
			link->members--;
			count_event();
		}
		empty = !link->members;
		spin_unlock(&link->lock);
		if (empty)
			link_free(link);
	}
}

void ivshmem_cell_reset(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < CV_MAX_LINKS; i++) {
		struct ivshmem_peer *p = devices[cell->id][i];

		if (!p || p->cell != cell)
			continue;
		spin_lock(&p->link->lock);
		peer_reset(p);
		spin_unlock(&p->link->lock);
	}
}

struct ivshmem_peer *ivshmem_cell_device(struct cell *cell, unsigned int slot)
{
	unsigned int i;

	for (i = 0; i < CV_MAX_LINKS; i++) {
		struct ivshmem_peer *p = devices[cell->id][i];

		if (p && p->cell == cell && p->cfg->slot == slot)
			return p;
	}
	return NULL;
}

/* ---- checks ---- */

static int refuse(const struct cv_link *l, const char *why, u64 arg)
{
	printk("link %s refused: %s 0x%llx\n", l->name, why, arg);
	return -CV_EINVAL;
}

static bool overlaps_link(u64 start, u64 size, const struct cv_link *l)
{
	return ranges_overlap(start, size, l->phys, cv_link_size(l));
}

/* Against the links that exist and the memory of the cells that exist (cells_lock held). */
static int check_against_others(const struct cv_link *l)
{
	struct ivshmem_link *link = find_link(l->name);
	unsigned int id, i;

	if (link && !same_layout(&link->layout, l))
		return refuse(l, "layout differs from its other members', phys", l->phys);
	if (link && link->peer[l->id].cell)
		return refuse(l, "peer ID already connected:", l->id);
	for (i = 0; !link && i < LINKS_MAX; i++)
		if (links[i] && overlaps_link(l->phys, cv_link_size(l), &links[i]->layout))
			return refuse(l, "memory overlaps another link at", l->phys);
	/* no cell maps a link's memory as plain memory, not even root-shared */
	for (id = 1; id < CV_MAX_CELLS; id++) {
		const struct cv_cell_config *o = cells[id] ? cells[id]->config : NULL;

		for (i = 0; o && i < o->num_mem_regions; i++) {
			const struct cv_mem_region *r = &cv_cell_mem_regions(o)[i];

			if (!(r->flags & CV_MEM_COMM_REGION) && overlaps_link(r->phys_start, r->size, l))
				return refuse(l, "memory overlaps another cell's at", r->phys_start);
		}
	}
	return 0;
}

/*
 * A new cell's links against the links and cells that exist. Each link's
 * own shape, its place in the cell and in the root's memory are the
 * shared rules' (cell_config_check() applied them first).
 */
int ivshmem_cell_check(const struct cv_cell_config *c)
{
	const struct cv_link *l = cv_cell_links(c);
	const struct cv_mem_region *mem = cv_cell_mem_regions(c);
	unsigned int i, j;
	int err;

	for (i = 0; i < c->num_links; i++) {
		err = check_against_others(&l[i]);
		if (err)
			return err;
	}
	/* the cell's plain memory stays off every link's */
	for (i = 0; i < LINKS_MAX; i++)
		for (j = 0; links[i] && j < c->num_mem_regions; j++)
			if (!(mem[j].flags & CV_MEM_COMM_REGION) &&
			    overlaps_link(mem[j].phys_start, mem[j].size, &links[i]->layout))
				return refuse(&links[i]->layout, "a region of the new cell overlaps it at",
					      mem[j].phys_start);
	return 0;
}

/* ---- the root ---- */

/* The root's n-th link rings root doorbell 1 + n (0 is the consoles'). */
int ivshmem_root_init(void)
{
	const struct cv_cell_config *cfg = root_cell.config;
	const struct cv_link *l = cv_cell_links(cfg);
	u64 mmcfg = system_config->platform.pci_mmconfig_base;
	unsigned int i;
	int err;

	/* their shape, memory, registers and doorbells: the shared rules, at enable */
	for (i = 0; i < cfg->num_links; i++) {
		err = connect(&root_cell, i, &l[i], 1 + i);
		if (!err)
			err = ivshmem_registers_map(&root_cell, CV_ROOT_LINK_REGS(mmcfg, i),
						    devices[0][i]);
		if (err) {
			pr_err("cannot set up the root's link %u: %d\n", i, err);
			return err;
		}
	}
	return 0;
}

/* ---- what the root asks ---- */

long ivshmem_link_info(u64 index, paddr_t info_pa)
{
	struct cv_link_info info = { 0 };
	struct ivshmem_link *link = NULL;
	unsigned int i;

	spin_lock(&links_lock);
	for (i = 0; i < LINKS_MAX && !link; i++)
		if (links[i] && !index--)
			link = links[i];
	if (link) {
		spin_lock(&link->lock);
		memcpy(info.name, link->layout.name, sizeof(info.name));
		info.peers = link->layout.peers;
		info.protocol = link->layout.protocol;
		info.phys = link->layout.phys;
		info.rw_size = link->layout.rw_size;
		info.output_size = link->layout.output_size;
		for (i = 0; i < CV_LINK_MAX_PEERS; i++) {
			const struct ivshmem_peer *p = &link->peer[i];

			info.peer_cell[i] = i < link->layout.peers && p->cell ? p->cell->id : -1;
			info.peer_state[i] = i < link->layout.peers ? p->state : 0;
		}
		spin_unlock(&link->lock);
	}
	spin_unlock(&links_lock);
	return link ? root_copy_to(info_pa, &info, sizeof(info)) : -CV_ENOENT;
}
