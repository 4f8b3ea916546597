/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trapped MMIO: a cell's sorted table of emulated regions, each described
 * by its registers. Every access a guest makes to an emulated device goes
 * through mmio_regs_dispatch() (from mmio_dispatch(), or straight for a
 * region that never moves), which checks it against the register it falls
 * in before any device code sees it: its size is one the register takes,
 * it is aligned (naturally, and to the register's own alignment) and so
 * it stays inside that one register. An access that fails the check, or
 * falls where no register is, is refused (MMIO_ERROR): the arch then
 * fails a non-root cell with the fault recorded, or injects an external
 * abort into the root; the device is never touched. Handlers therefore
 * never see an access they would have to check again.
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/spinlock.h>
#include <hv/types.h>

/* An access decoded by the arch from the trap syndrome. */
struct mmio_access {
	u64 addr;		/* guest physical; region-relative in handlers */
	u64 value;		/* written value, or read result */
	unsigned int size;	/* 1, 2, 4 or 8 bytes */
	bool is_write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED,		/* no region: illegal access */
	MMIO_ERROR,		/* the region refused the access */
};

struct mmio_reg;

/* Emulates one checked access; acc->addr is the offset in the region. */
typedef enum mmio_result (*mmio_handler_t)(void *arg, const struct mmio_reg *reg,
					   struct mmio_access *acc);

/* Access sizes a register takes (struct mmio_reg.sizes). */
#define MMIO_8		1
#define MMIO_16		2
#define MMIO_32		4
#define MMIO_64		8

/*
 * A block of equal registers: [start, end) in steps of width bytes (a
 * power of two; start and end aligned to it). An access reaches the
 * handler only if its size is in sizes (none wider than the register)
 * and its offset is a multiple of both its size and align (1: natural
 * alignment is enough; width: sub-register accesses only at the
 * register's own offset).
 */
struct mmio_reg {
	u32 start, end;
	u8 width, sizes, align;
	mmio_handler_t handler;
};

/*
 * A device's register table, sorted and disjoint, scanned from the start.
 * A large one has an index (filled by mmio_regs_prepare()): for each
 * 1 << index_shift bytes, the first register that does not end before
 * them, so finding a register is a look-up and a step or two.
 */
struct mmio_regs {
	const struct mmio_reg *table;
	unsigned int count;
	unsigned int index_shift;	/* 0: no index */
	u8 *index;			/* span >> index_shift entries */
	u64 span;			/* what it was prepared for; 0: not yet */
};

/*
 * An emulated device in a cell's address space. A region made of
 * identical frames (e.g. one redistributor per CPU) describes one frame
 * of frame_size bytes (a power of two; 0: the table covers the whole
 * region), and the table applies to each.
 */
struct mmio_region {
	u64 start, size;
	u64 frame_mask;		/* frame_size - 1, or ~0 */
	const struct mmio_regs *regs;
	void *arg;
};

#define MMIO_MAX_REGIONS	16

/*
 * A cell's table may change while its CPUs dispatch (a guest moves a PCI
 * BAR): writers take the lock and make seq odd while they change it;
 * readers retry until they saw an even, unchanged seq. A handler may so
 * be called once more for a region just unregistered.
 */
struct mmio_table {
	spinlock_t lock;
	volatile u32 seq;
	unsigned int count;
	struct mmio_region regions[MMIO_MAX_REGIONS];
};

/*
 * Once per table, before any region uses it: checks it against the rules
 * above for a region (or frame) of @span bytes, so a table that would let
 * an access out of its register is never used, and fills its index.
 * 0 or -CV_EINVAL.
 */
int mmio_regs_prepare(struct mmio_regs *regs, u64 span);
/*
 * Inserts a region (sorted); -CV_ENOMEM when full, -CV_EBUSY on overlap,
 * -CV_EINVAL for a table not prepared for its span (the region, or one
 * frame).
 */
int mmio_region_register(struct mmio_table *t, u64 start, u64 size, u64 frame_size,
			 const struct mmio_regs *regs, void *arg);
void mmio_region_unregister(struct mmio_table *t, u64 start);
/* The register table rules, on their own (for the unit tests). */
bool mmio_regs_valid(const struct mmio_reg *table, unsigned int count, u64 span);

/*
 * Finds the region and register of acc->addr, checks the access and calls
 * the register's handler with a region-relative address.
 */
enum mmio_result mmio_dispatch(const struct mmio_table *t, struct mmio_access *acc);
/*
 * The same for a region the caller found itself (a device whose region
 * never moves, e.g. the GIC): @off is acc->addr's offset in it, @frame_mask
 * as in struct mmio_region. Inline: a caller with a fixed region folds
 * its constants in.
 */
static inline enum mmio_result mmio_regs_dispatch(const struct mmio_regs *regs, void *arg,
						  u64 off, u64 frame_mask,
						  struct mmio_access *acc)
{
	const struct mmio_reg *reg = regs->table, *end = reg + regs->count;
	u64 in_frame = off & frame_mask;

	if (regs->index_shift)
		reg += regs->index[in_frame >> regs->index_shift];
	while (reg < end && in_frame >= reg->end)
		reg++;
	/*
	 * The check (above): a size the register takes, aligned to the
	 * size and the register's alignment; with the table's rules that
	 * keeps the access inside one register of the region.
	 */
	if (reg == end || in_frame < reg->start || !(reg->sizes & acc->size) ||
	    (in_frame & ((acc->size - 1) | (reg->align - 1))))
		return MMIO_ERROR;
	acc->addr = off;
	return reg->handler(arg, reg, acc);
}

/* Handlers shared by devices: read as zero, writes ignored. */
enum mmio_result mmio_raz_wi(void *arg, const struct mmio_reg *reg, struct mmio_access *acc);

#endif /* _HV_MMIO_H */
