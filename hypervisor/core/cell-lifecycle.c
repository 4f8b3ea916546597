// SPDX-License-Identifier: GPL-2.0
/*
 * The life of a non-root cell, driven by the root's hypercalls: create
 * (copy the config, check it, map, scrub the memory, take it, CPUs and
 * IRQs from the root, publish), shut down (also what set-loadable does),
 * start, destroy (scrub, give everything back), and the state and info
 * queries. Every call comes from a root CPU under cells_lock; the cell's
 * own CPUs are reached through their mailboxes.
 */
#include <hv/arch.h>
#include <hv/cell-comm.h>
#include <hv/cell.h>
#include <hv/cpu-control.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>

struct cell *cells[CV_MAX_CELLS];
static spinlock_t cells_lock;

/* Pool pages of a cell besides its tables: itself, comm page, console ring. */
#define CELL_FIXED_PAGES	3

_Static_assert(sizeof(struct cell) <= PAGE_SIZE, "struct cell lives in one pool page");

static struct cell *cell_by_id(u64 id)
{
	return id > 0 && id < CV_MAX_CELLS ? cells[id] : NULL;
}

static int first_free_id(void)
{
	int id;

	for (id = 1; id < CV_MAX_CELLS; id++)
		if (!cells[id])
			return id;
	return -CV_ENOMEM;
}

/* Room for the config copy after struct cell, in the cell's own page. */
#define CELL_CONFIG_OFFSET	ALIGN_UP(sizeof(struct cell), 8)
#define CELL_CONFIG_ROOM	(PAGE_SIZE - CELL_CONFIG_OFFSET)

static bool config_in_cell_page(const struct cell *cell)
{
	return (const void *)cell->config == (const u8 *)cell + CELL_CONFIG_OFFSET;
}

static void free_cell(struct cell *cell)
{
	ivshmem_cell_exit(cell);
	arch_cell_destroy(cell);
	page_free(&mem_pool, cell->console.buf);
	page_free(&mem_pool, cell->comm);
	if (!config_in_cell_page(cell))
		page_free(&mem_pool, (void *)cell->config);
	page_free(&mem_pool, cell);
}

/*
 * A config that fits after struct cell (any simple cell: a few hundred
 * bytes) moves into the cell's page, and its own page goes back to the
 * pool. The copy is of the hypervisor's copy, checked after the move.
 */
static void compact_config(struct cell *cell)
{
	void *page = (void *)cell->config;

	if (cell->config->size > CELL_CONFIG_ROOM)
		return;
	cell->config = memcpy((u8 *)cell + CELL_CONFIG_OFFSET, page, cell->config->size);
	page_free(&mem_pool, page);
}

/*
 * The cell's pages (itself, its config, comm region, console ring), its
 * config read from the root's page at @config_pa: once, whole, into the
 * hypervisor, before anyone looks at it. NULL and *err on failure.
 */
static struct cell *alloc_cell(paddr_t config_pa, long *err)
{
	struct cell *cell = page_alloc(&mem_pool);
	struct cv_cell_config *cfg = page_alloc(&mem_pool);
	u64 avail = PAGE_SIZE - (config_pa & ~PAGE_MASK);

	*err = -CV_ENOMEM;
	if (!cell || !cfg)
		goto fail;
	cell->config = cfg;
	cell->comm = page_alloc(&mem_pool);
	cell->console.buf = page_alloc(&mem_pool);
	if (!cell->comm || !cell->console.buf)
		goto fail;
	/* the blob's own size says how much of the copy counts */
	*err = root_copy_from(cfg, config_pa, avail);
	if (!*err && cfg->size > avail)
		*err = -CV_E2BIG;
	if (*err)
		goto fail;
	compact_config(cell);
	cell->state = CV_CELL_SHUT_DOWN;
	cell->cpu_mask = cfg->cpu_mask;
	cell->irq_bitmap[0] = CELL_PER_CPU_IRQS;	/* SPIs come with move_irqs() */
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

/* Stage 2 and emulated devices; everything that can fail before the root gives anything. */
static int build_cell(struct cell *cell)
{
	int err = arch_cell_create(cell);

	if (!err)
		err = cell_map_memory(cell);
	if (!err)
		err = arch_cell_irqchip_init(cell);
	if (!err)
		err = vuart_cell_init(cell);
	if (!err)
		err = ivshmem_cell_init(cell);
	return err;
}

/* Moves @cpu_mask to @to, with fresh statistics and no failure. */
static void move_cpus(u64 cpu_mask, struct cell *to)
{
	unsigned int cpu;

	for_each_cpu_in(cpu, cpu_mask) {
		struct per_cpu *pc = per_cpu(cpu);

		pc->cell = to;
		pc->failed = false;
		memset((void *)pc->stats, 0, sizeof(pc->stats));
	}
}

/* Moves the SPIs of the non-root cell's config that @from owns to @to. */
static void move_irqs(struct cell *from, struct cell *to)
{
	struct per_cpu *first = per_cpu(__builtin_ctzll(to->cpu_mask));
	const u32 *set = (to == &root_cell ? from : to)->config->irq_bitmap;
	unsigned int irq;

	for (irq = 32; irq < CV_NUM_IRQS; irq++) {
		if (!cv_irq_owned(set, irq) || !cell_owns_irq(from, irq))
			continue;
		arch_irq_route(irq, first);
		clear_bit32(from->irq_bitmap, irq);
		set_bit32(to->irq_bitmap, irq);
	}
}

long cell_create(struct per_cpu *caller, paddr_t config_pa)
{
	struct cell *cell;
	long err = -CV_EPERM;

	spin_lock(&cells_lock);
	if (comm_cells_locked(NULL))
		goto unlock;
	cell = alloc_cell(config_pa, &err);
	if (!cell)
		goto unlock;
	err = cell_config_check(caller, cell->config, cell->config->size);
	if (!err) {
		cell->id = first_free_id();
		err = cell->id < 0 ? cell->id : build_cell(cell);
	}
	/* what a previous owner left there: the root's data, or a bug's */
	if (!err)
		err = cell_scrub_memory(cell);
	/* the last step that can fail: it splits the root's blocks */
	if (!err)
		err = cell_take_memory(cell);
	if (err) {
		free_cell(cell);
		goto unlock;
	}
	/* From here nothing fails: the root hands over CPUs and IRQs. */
	root_cell.cpu_mask &= ~cell->cpu_mask;
	move_cpus(cell->cpu_mask, cell);
	move_irqs(&root_cell, cell);
	cells[cell->id] = cell;
	printk("cell %d \"%s\" created, CPUs 0x%llx\n", cell->id, cell->config->name,
	       cell->cpu_mask);
	comm_reconfig_completed();
	err = cell->id;
unlock:
	spin_unlock(&cells_lock);
	return err;
}

/*
 * The cell @id, asked to shut down (it may veto) and with its CPUs parked;
 * or NULL and *err says why. Under cells_lock.
 */
static struct cell *stopped_cell(u64 id, long *err)
{
	struct cell *cell = cell_by_id(id);

	*err = -CV_ENOENT;
	if (!cell)
		return NULL;
	*err = -CV_EPERM;
	if (!comm_shutdown_ok(cell))
		return NULL;
	*err = cpus_park(cell->cpu_mask);
	return *err ? NULL : cell;
}

long cell_shutdown(u64 id)
{
	struct cell *cell;
	long err;

	spin_lock(&cells_lock);
	cell = stopped_cell(id, &err);
	if (!cell)
		goto unlock;
	if (cell->state != CV_CELL_FAILED)	/* a failed cell keeps its record */
		cell->state = CV_CELL_SHUT_DOWN;
	ivshmem_cell_reset(cell);
	/* back into the root's tables (split at start): no page needed */
	cell_set_loadable(cell, true);
unlock:
	spin_unlock(&cells_lock);
	return err;
}

long cell_start(u64 id)
{
	struct cell *cell;
	unsigned int cpu, first;
	long err;

	spin_lock(&cells_lock);
	cell = stopped_cell(id, &err);	/* a restart stops a running cell first */
	if (!cell)
		goto unlock;
	err = cell_set_loadable(cell, false);
	if (err)
		goto unlock;
	ivshmem_cell_reset(cell);
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

long cell_destroy(u64 id)
{
	struct cell *cell;
	long err = -CV_EPERM;

	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (cell && comm_cells_locked(cell))
		goto unlock;
	cell = stopped_cell(id, &err);
	if (!cell)
		goto unlock;
	/* nothing of the cell's reaches the root: on failure it stays, stopped */
	err = cell_scrub_memory(cell);
	if (err) {
		cell->state = CV_CELL_SHUT_DOWN;
		goto unlock;
	}
	move_cpus(cell->cpu_mask, &root_cell);
	root_cell.cpu_mask |= cell->cpu_mask;
	move_irqs(cell, &root_cell);
	cell_return_memory(cell);
	cells[id] = NULL;
	printk("cell %d \"%s\" destroyed\n", cell->id, cell->config->name);
	free_cell(cell);
	comm_reconfig_completed();
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
	struct cell *cell = id ? cell_by_id(id) : &root_cell;
	struct cv_cell_info info = { 0 };

	if (!cell)
		return -CV_ENOENT;
	info.id = (u32)id;
	info.state = (u32)cell_get_state(id);
	memcpy(info.name, cell->config->name, sizeof(info.name));
	info.name[sizeof(info.name) - 1] = 0;
	info.cpu_mask = cell->cpu_mask;
	info.failed_cpu_mask = cell->failed_cpus;
	info.fault = cell->fault;
	info.table_pages = (u32)arch_cell_table_pages(cell);
	if (id)
		info.pool_pages = info.table_pages + CELL_FIXED_PAGES +
				  !config_in_cell_page(cell);
	else
		info.pool_pages = info.table_pages;
	return root_copy_to(info_pa, &info, sizeof(info));
}
