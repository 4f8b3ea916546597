/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells: struct cell, and what each core/cell-*.c and core/root-cell.c
 * offers the rest of the hypervisor (the comm region is hv/cell-comm.h,
 * the console hv/cell-console.h).
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <cellvisor/config.h>
#include <hv/cell-console.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <hv/types.h>
#include <hv/vuart.h>
#include <asm/cell.h>

/*
 * irq_bitmap[0]: the SGIs and PPIs every cell may use; they follow the
 * CPUs. The hypervisor's own (SGI 0/1, the maintenance PPI) are filtered
 * by the interrupt controller emulation.
 */
#define CELL_PER_CPU_IRQS	0xffffffffU

struct per_cpu;

struct cell {
	int id;
	const struct cv_cell_config *config;	/* hypervisor copy */
	u64 cpu_mask;			/* CPUs currently owned */
	u32 irq_bitmap[CV_NUM_IRQS / 32];	/* INTIDs owned, SGIs/PPIs included */
	struct arch_cell arch;		/* stage 2 */
	struct mmio_table mmio;
	/* non-root cells */
	u32 state;			/* CV_CELL_* */
	bool loadable;			/* LOADABLE regions mapped in the root */
	u64 failed_cpus;
	struct cv_fault_record fault;
	struct cv_comm_region *comm;
	struct cell_console console;
	struct vuart vuart;
};

extern struct cell root_cell;
extern struct cell *cells[CV_MAX_CELLS];

static inline bool cell_is_root(const struct cell *cell)
{
	return cell->id == 0;
}

static inline bool cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	return cv_irq_owned(cell->irq_bitmap, irq);
}

/* root-cell.c: builds the root cell from the system config (master CPU, at enable). */
int cell_root_init(const struct cv_system_config *sys);
/* The root region that holds all of [pa, pa+size), or NULL. */
const struct cv_mem_region *root_region_of(paddr_t pa, u64 size);
/*
 * All of [pa, pa+size) is RAM the root owns now: in one of its read-write
 * memory regions and none of it a cell's (shared or loadable included).
 */
bool root_owns_ram(paddr_t pa, u64 size);
/*
 * Hypercall arguments in root memory, copied once (checks are made on
 * the copy, never on the root's memory): 0, -CV_EINVAL if the root does
 * not own all of it now, -CV_ENOMEM. At most one page.
 */
int root_copy_from(void *dst, paddr_t pa, u64 len);
int root_copy_to(paddr_t pa, const void *src, u64 len);
/*
 * Raises root doorbell @n (CV_ROOT_DOORBELL_*; nothing if the system
 * config has no such doorbell): the root gets it like a device interrupt.
 * Callable from any CPU, with any lock held, once enabled.
 */
void root_doorbell(unsigned int n);

/*
 * cell-lifecycle.c: the root's hypercalls; an id, a state or -CV_E*.
 * A shut-down cell's loadable regions are the root's (set-loadable is a
 * shutdown).
 */
long cell_create(struct per_cpu *caller, paddr_t config_pa);
long cell_shutdown(u64 id);
long cell_start(u64 id);
long cell_destroy(u64 id);
long cell_get_state(u64 id);
long cell_get_info(u64 id, paddr_t info_pa);

/*
 * cell-check.c: a new cell's config (@size bytes, the hypervisor's copy)
 * against what the root owns now; 0 or -CV_E*, the reason in the log.
 */
int cell_config_check(struct per_cpu *caller, const struct cv_cell_config *c, u64 size);

/*
 * cell-memory.c: memory between the root and a cell. Who owns what is
 * the system config (the hypervisor's memory, the root's regions and,
 * among them, the RAM the root's kernel uses) and the cells' configs:
 * a cell's regions are its own, root-shared ones shared.
 */
/*
 * The cell holding memory that overlaps [pa, pa+size), or NULL. With
 * @skip_shared, regions flagged root-shared do not count.
 */
struct cell *cell_holding(paddr_t pa, u64 size, bool skip_shared);
/*
 * Zeroes the cell's RAM (every region in root RAM, root-shared ones
 * aside: their contents are shared by design) before anyone else can
 * read it: at create, before anything is loaded, and at destroy, before
 * the root gets it back. 0 or -CV_ENOMEM (see arch_scrub()).
 */
int cell_scrub_memory(struct cell *cell);
/* Maps the cell's regions into its own stage 2 (create). */
int cell_map_memory(struct cell *cell);
/*
 * Unmaps them from the root (create): the cell is not loadable. All or
 * nothing; -CV_ENOMEM if the root's tables could not be split.
 */
int cell_take_memory(struct cell *cell);
/* Maps the loadable regions into the root, or takes them back (may fail so). */
int cell_set_loadable(struct cell *cell, bool loadable);
/* Maps everything back into the root (destroy). */
void cell_return_memory(struct cell *cell);

/* cell-fault.c: a non-root cell's CPU did something forbidden: record, park. */
void cell_cpu_fail(struct per_cpu *pc, u32 reason, u64 esr, u64 far, u64 ipa, u64 elr);
/* The hypervisor fails a whole cell (e.g. no reply in time): CPUs parked. */
void cell_fail(struct cell *cell, u32 reason);
/* PSCI SYSTEM_OFF/RESET from a non-root cell: the cell shuts down. */
void cell_shutdown_self(struct per_cpu *pc, u32 reason);


#endif /* _HV_CELL_H */
