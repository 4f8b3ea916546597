// SPDX-License-Identifier: GPL-2.0
/*
 * Non-root cells: create (validated against what the root owns), load
 * window, start, destroy, faults and consoles. All life-cycle calls come
 * from root CPUs; cell CPUs are reached through their control mailbox.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cell-comm.h>
#include <hv/config.h>
#include <hv/cpu-control.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>

struct cell *cells[CELL_MAX];
static spinlock_t cells_lock;

static struct cell *cell_by_id(u64 id)
{
	return id > 0 && id < CELL_MAX ? cells[id] : NULL;
}

/* Gives a cell region's memory back to the root (identity, root's flags). */
static void root_map(const struct cv_mem_region *r)
{
	const struct cv_mem_region *rr = root_region_of(r->phys_start, r->size);
	struct cv_mem_region m;

	if (!rr || (r->flags & CV_MEM_COMM_REGION))
		return;
	m = *rr;
	m.phys_start = m.virt_start = r->phys_start;
	m.size = r->size;
	arch_map_region(&root_cell, &m);
}

static void root_unmap(const struct cv_mem_region *r)
{
	struct cv_mem_region m = *r;

	if (r->flags & (CV_MEM_COMM_REGION | CV_MEM_ROOTSHARED))
		return;
	m.virt_start = m.phys_start;
	arch_unmap_region(&root_cell, &m);
}

static void set_loadable_mappings(struct cell *cell, bool on)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;

	if (cell->loadable == on)
		return;
	for (i = 0; i < cell->config->num_mem_regions; i++) {
		if (!(mem[i].flags & CV_MEM_LOADABLE))
			continue;
		if (on)
			root_map(&mem[i]);
		else
			root_unmap(&mem[i]);
	}
	cell->loadable = on;
}

static int map_cell_regions(struct cell *cell)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;
	int err;

	for (i = 0; i < cell->config->num_mem_regions; i++) {
		struct cv_mem_region m = mem[i];

		if (m.flags & CV_MEM_COMM_REGION)
			m.phys_start = virt_to_phys(cell->comm);
		err = arch_map_region(cell, &m);
		if (err)
			return err;
	}
	return 0;
}

static void move_irqs(struct cell *from, struct cell *to)
{
	struct per_cpu *first = per_cpu(__builtin_ctzll(to->cpu_mask));
	const u32 *set = (to == &root_cell ? from : to)->config->irq_bitmap;
	unsigned int irq;

	for (irq = 32; irq < CV_NUM_IRQS; irq++) {
		if (!test_bit32(set, irq) || !cell_owns_irq(from, irq))
			continue;
		arch_irq_route(irq, first);
		clear_bit32(from->irq_bitmap, irq);
		set_bit32(to->irq_bitmap, irq);
	}
}

static void free_cell(struct cell *cell)
{
	arch_cell_destroy(cell);
	page_free(&mem_pool, cell->console);
	page_free(&mem_pool, cell->comm);
	page_free(&mem_pool, (void *)cell->config);
	page_free(&mem_pool, cell);
}

_Static_assert(sizeof(struct cell) <= PAGE_SIZE, "struct cell lives in one pool page");

/* Pool pages of a cell besides its tables: alloc_cell()'s four. */
#define CELL_FIXED_PAGES	4

static struct cell *alloc_cell(const struct cv_cell_config *src, u64 size)
{
	struct cell *cell = page_alloc(&mem_pool);
	void *cfg = page_alloc(&mem_pool);

	if (!cell || !cfg)
		goto fail;
	memcpy(cfg, src, size);
	cell->config = cfg;
	cell->comm = page_alloc(&mem_pool);
	cell->console = page_alloc(&mem_pool);
	if (!cell->comm || !cell->console)
		goto fail;
	return cell;
fail:
	if (cell) {
		cell->config = cfg;
		free_cell(cell);
	} else {
		page_free(&mem_pool, cfg);
	}
	return NULL;
}

static int first_free_id(void)
{
	int id;

	for (id = 1; id < CELL_MAX; id++)
		if (!cells[id])
			return id;
	return -CV_ENOMEM;
}

long cell_create(struct per_cpu *caller, paddr_t config_pa)
{
	const struct cv_cell_config *src;
	struct cell *cell = NULL;
	unsigned int cpu, i;
	u64 size;
	long err;
	int id;

	spin_lock(&cells_lock);
	err = -CV_EPERM;
	if (comm_cells_locked(NULL))
		goto unlock;
	src = arch_map_guest(config_pa, PAGE_SIZE);
	err = -CV_ENOMEM;
	if (!src)
		goto unlock;
	size = src->size;
	err = -CV_E2BIG;
	if (size > PAGE_SIZE || (config_pa & ~PAGE_MASK) + size > PAGE_SIZE)
		goto unmap;
	err = cell_config_check(caller, src, size);
	if (err)
		goto unmap;
	id = first_free_id();
	err = id;
	if (id < 0)
		goto unmap;
	cell = alloc_cell(src, size);
	err = -CV_ENOMEM;
	if (!cell)
		goto unmap;
	cell->id = id;
	cell->state = CV_CELL_SHUT_DOWN;
	cell->cpu_mask = cell->config->cpu_mask;
	cell->irq_bitmap[0] = CELL_PER_CPU_IRQS;
	for (i = 32; i < CV_NUM_IRQS; i++)
		if (test_bit32(cell->config->irq_bitmap, i))
			set_bit32(cell->irq_bitmap, i);
	err = arch_cell_create(cell);
	if (!err)
		err = map_cell_regions(cell);
	if (!err)
		err = arch_cell_irqchip_init(cell);
	if (!err)
		err = vuart_cell_init(cell);
	if (err) {
		free_cell(cell);
		goto unmap;
	}
	for (i = 0; i < cell->config->num_mem_regions; i++)
		root_unmap(&cv_cell_mem_regions(cell->config)[i]);
	cell->loadable = false;
	root_cell.cpu_mask &= ~cell->cpu_mask;
	for_each_cpu_in(cpu, cell->cpu_mask) {
		struct per_cpu *pc = per_cpu(cpu);

		pc->cell = cell;
		pc->failed = false;
		memset((void *)pc->stats, 0, sizeof(pc->stats));
	}
	for (i = 32; i < CV_NUM_IRQS; i++)
		clear_bit32(cell->irq_bitmap, i);
	move_irqs(&root_cell, cell);
	cells[id] = cell;
	printk("cell %d \"%s\" created, CPUs 0x%llx\n", id, cell->config->name,
	       cell->cpu_mask);
	comm_reconfig_completed();
	err = id;
unmap:
	arch_unmap_guest(config_pa, PAGE_SIZE);
unlock:
	spin_unlock(&cells_lock);
	(void)caller;
	return err;
}

/*
 * Stops a cell: its CPUs parked, its state shut down (a failed cell stays
 * failed, with its record) and its loadable regions the root's again.
 */
static long stop_cell(struct cell *cell)
{
	long err = cpus_park(cell->cpu_mask);

	if (err)
		return err;
	if (cell->state != CV_CELL_FAILED)
		cell->state = CV_CELL_SHUT_DOWN;
	set_loadable_mappings(cell, true);
	return 0;
}

long cell_set_loadable(struct per_cpu *caller, u64 id)
{
	struct cell *cell;
	long err = -CV_ENOENT;

	(void)caller;
	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (cell)
		err = comm_shutdown_ok(cell) ? stop_cell(cell) : -CV_EPERM;
	spin_unlock(&cells_lock);
	return err;
}

long cell_shutdown(struct per_cpu *caller, u64 id)
{
	struct cell *cell;
	long err = -CV_ENOENT;

	(void)caller;
	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (cell)
		err = comm_shutdown_ok(cell) ? stop_cell(cell) : -CV_EPERM;
	spin_unlock(&cells_lock);
	return err;
}

long cell_start(struct per_cpu *caller, u64 id)
{
	struct cell *cell;
	unsigned int cpu, first;
	long err = -CV_ENOENT;

	(void)caller;
	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (!cell)
		goto unlock;
	err = -CV_EPERM;
	if (!comm_shutdown_ok(cell))	/* a restart of a running cell */
		goto unlock;
	err = cpus_park(cell->cpu_mask);
	if (err)
		goto unlock;
	set_loadable_mappings(cell, false);
	comm_init(cell);
	cell->state = CV_CELL_RUNNING;
	cell->failed_cpus = 0;
	memset(&cell->fault, 0, sizeof(cell->fault));
	first = __builtin_ctzll(cell->cpu_mask);
	for_each_cpu_in(cpu, cell->cpu_mask)
		per_cpu(cpu)->failed = false;
	err = cpu_start(per_cpu(first), cell->config->reset_address, 0) == CPU_START_OK ?
	      0 : -CV_EBUSY;
	printk("cell %d \"%s\" started on CPU %u\n", cell->id, cell->config->name, first);
unlock:
	spin_unlock(&cells_lock);
	return err;
}

long cell_destroy(struct per_cpu *caller, u64 id)
{
	const struct cv_mem_region *mem;
	struct cell *cell;
	unsigned int cpu, i;
	long err = -CV_ENOENT;

	(void)caller;
	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (!cell)
		goto unlock;
	err = -CV_EPERM;
	if (comm_cells_locked(cell) || !comm_shutdown_ok(cell))
		goto unlock;
	err = cpus_park(cell->cpu_mask);
	if (err)
		goto unlock;
	mem = cv_cell_mem_regions(cell->config);
	for_each_cpu_in(cpu, cell->cpu_mask) {
		per_cpu(cpu)->cell = &root_cell;
		per_cpu(cpu)->failed = false;
		memset((void *)per_cpu(cpu)->stats, 0, sizeof(per_cpu(cpu)->stats));
	}
	root_cell.cpu_mask |= cell->cpu_mask;
	move_irqs(cell, &root_cell);
	cell->loadable = true;	/* every region goes back, loadable or not */
	for (i = 0; i < cell->config->num_mem_regions; i++)
		if (!(mem[i].flags & CV_MEM_ROOTSHARED))
			root_map(&mem[i]);
	cells[id] = NULL;
	printk("cell %d \"%s\" destroyed\n", cell->id, cell->config->name);
	free_cell(cell);
	comm_reconfig_completed();
	err = 0;
unlock:
	spin_unlock(&cells_lock);
	return err;
}

long cell_get_state(u64 id)
{
	struct cell *cell = cell_by_id(id);

	if (!cell)
		return id == 0 ? CV_CELL_RUNNING : -CV_ENOENT;
	if (cell->state == CV_CELL_RUNNING) {
		u32 state = comm_cell_state(cell);

		if (state <= CV_CELL_FAILED_COMM_REV)
			return state;
	}
	return cell->state;
}

long cell_get_info(u64 id, paddr_t info_pa)
{
	struct cv_hc_cell_info *info;
	struct cell *cell = id ? cell_by_id(id) : &root_cell;

	if (!cell)
		return -CV_ENOENT;
	info = arch_map_guest(info_pa, sizeof(*info));
	if (!info)
		return -CV_ENOMEM;
	info->id = (u32)id;
	info->state = (u32)cell_get_state(id);
	info->cpu_mask = cell->cpu_mask;
	info->failed_cpu_mask = cell->failed_cpus;
	info->fault = cell->fault;
	info->table_pages = (u32)arch_cell_table_pages(cell);
	info->pool_pages = info->table_pages + (id ? CELL_FIXED_PAGES : 0);
	arch_unmap_guest(info_pa, sizeof(*info));
	return 0;
}
