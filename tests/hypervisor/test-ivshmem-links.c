// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of links (core/ivshmem.c) and the virtual PCI host
 * (core/vpci.c) as peers use them: the stage-2 rights of each section,
 * the configuration space an inmate or Linux walks, BAR0 following the
 * command register, the register page, doorbells and state changes
 * reaching exactly the peers they should, resets and goodbyes, the
 * hypervisor's own checks of a new cell's links; and every access a
 * device must refuse (size, alignment, offsets past the registers,
 * absent functions).
 */
#include <stdarg.h>
#include <string.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/ivshmem.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include "tap.h"

#define MMCFG		0x08e00000ULL
#define LINK_PHYS	0x7faf0000ULL
#define BAR		0xff000000ULL

/* ---- what ivshmem.c and vpci.c call outside themselves ---- */

struct cell root_cell;
struct cell *cells[CV_MAX_CELLS];
const struct cv_system_config *system_config;
static struct cv_system_config sys;

struct mapping {
	struct cell *cell;
	struct cv_mem_region m;
	bool unmap;
};
static struct mapping maps[64];
static unsigned int n_maps;
static unsigned int pended[16], n_pended;
static char last_log[256];

int arch_map_region(struct cell *cell, const struct cv_mem_region *mem)
{
	if (n_maps < ARRAY_SIZE(maps))
		maps[n_maps++] = (struct mapping){ cell, *mem, false };
	return 0;
}

int arch_unmap_region(struct cell *cell, const struct cv_mem_region *mem)
{
	if (n_maps < ARRAY_SIZE(maps))
		maps[n_maps++] = (struct mapping){ cell, *mem, true };
	return 0;
}

void arch_irq_raise(unsigned int irq)
{
	if (n_pended < ARRAY_SIZE(pended))
		pended[n_pended++] = irq;
}

/* root doorbell n, told apart from SPIs in pended[] */
#define ROOT_DOORBELL(n)	(0x10000 + (n))

void root_doorbell(unsigned int n)
{
	arch_irq_raise(ROOT_DOORBELL(n));
}

void arch_dcache_clean(const void *addr, u64 size)
{
	(void)addr;
	(void)size;
}

void *arch_map_guest(paddr_t pa, u64 size)
{
	(void)size;
	return (void *)(unsigned long)pa;
}

void arch_unmap_guest(paddr_t pa, u64 size)
{
	(void)pa;
	(void)size;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
}

/* The root owns 0x40000000 +0x3fc00000 (one region). */
const struct cv_mem_region *root_region_of(paddr_t pa, u64 size)
{
	const struct cv_mem_region *r = cv_cell_mem_regions(root_cell.config);

	return pa >= r->phys_start && size <= r->size && pa - r->phys_start <= r->size - size ?
	       r : NULL;
}

/* The tests hand in their own buffer's address. */
int root_copy_to(paddr_t pa, const void *src, u64 len)
{
	memcpy((void *)(unsigned long)pa, src, len);
	return 0;
}

/* ---- configs ---- */

/* One region, then the links: the blob's layout. */
struct config {
	struct cv_cell_config c;
	struct cv_mem_region regions[1];
	struct cv_link links[2];
};

static struct config root_cfg, cfg_a, cfg_b, cfg_c;
static struct cell cell_a, cell_b, cell_c;

static struct cv_link demo_link(unsigned int id, unsigned int slot)
{
	struct cv_link l = {
		.name = "demo", .phys = LINK_PHYS, .virt = LINK_PHYS, .rw_size = 0x9000,
		.output_size = 0x2000, .peers = 3, .id = (u16)id, .slot = (u8)slot,
	};
	return l;
}

static void own_irq(struct cv_cell_config *c, unsigned int irq)
{
	c->irq_bitmap[irq / 32] |= 1U << (irq % 32);
}

/* A cell of one RAM region at @ram and the demo link as peer @id, INTx at @irq_base. */
static void make_cell(struct cell *cell, struct config *cfg, int id, u64 ram, unsigned int peer,
		      unsigned int irq_base)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->c.num_mem_regions = 1;
	cfg->regions[0] = (struct cv_mem_region){ ram, 0, 0x10000,
						   CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE };
	cfg->c.num_links = 1;
	cfg->links[0] = demo_link(peer, 0);
	cfg->c.vpci_irq_base = irq_base;
	own_irq(&cfg->c, irq_base);
	memset(cell, 0, sizeof(*cell));
	cell->id = id;
	cell->config = &cfg->c;
}

/* ---- accesses ---- */

static enum mmio_result access(struct cell *cell, u64 addr, unsigned int size, bool write, u64 *val)
{
	struct mmio_access acc = { .addr = addr, .size = size, .is_write = write, .value = write ? *val : 0 };
	enum mmio_result r = mmio_dispatch(&cell->mmio, &acc);

	if (!write)
		*val = acc.value;
	return r;
}

static u64 do_rd(struct cell *cell, u64 addr, unsigned int size, int line)
{
	u64 v = 0xdeadbeef;

	if (!tap_ok(access(cell, addr, size, false, &v) == MMIO_HANDLED,
		    "a read of 0x%llx is handled", (unsigned long long)addr))
		tap_diag("at %s:%d", __FILE__, line);
	return v;
}

static void do_wr(struct cell *cell, u64 addr, unsigned int size, u64 v, int line)
{
	if (!tap_ok(access(cell, addr, size, true, &v) == MMIO_HANDLED,
		    "a write of 0x%llx is handled", (unsigned long long)addr))
		tap_diag("at %s:%d", __FILE__, line);
}

#define rd(cell, addr, size)	do_rd(cell, addr, size, __LINE__)
#define wr(cell, addr, size, v)	do_wr(cell, addr, size, v, __LINE__)

static u64 cfg(unsigned int slot, unsigned int reg)
{
	return MMCFG + ((u64)slot << 15) + reg;
}

static const struct mapping *find_map(struct cell *cell, u64 virt)
{
	for (unsigned int i = n_maps; i-- > 0;)
		if (maps[i].cell == cell && !maps[i].unmap && maps[i].m.virt_start == virt)
			return &maps[i];
	return NULL;
}

static u32 *state_table(void)
{
	const struct mapping *m = find_map(&root_cell, LINK_PHYS);

	return m ? (u32 *)(unsigned long)m->m.phys_start : NULL;
}

static bool pended_irq(unsigned int irq)
{
	for (unsigned int i = 0; i < n_pended; i++)
		if (pended[i] == irq)
			return true;
	return false;
}

/* ---- the tests ---- */

static void test_root(void)
{
	const struct mapping *m;

	CHECK_EQ(ivshmem_root_init(), 0);
	/* the link's memory leaves the root's plain mapping first */
	CHECK(maps[0].unmap && maps[0].cell == &root_cell && maps[0].m.phys_start == LINK_PHYS &&
	      maps[0].m.size == 0x10000);
	m = find_map(&root_cell, LINK_PHYS);
	CHECK(m && m->m.size == 0x1000 && m->m.flags == CV_MEM_READ);
	/* the state table is the hypervisor's page, not the link's first page */
	CHECK(m && m->m.phys_start != LINK_PHYS);
	m = find_map(&root_cell, LINK_PHYS + 0x1000);
	CHECK(m && m->m.size == 0x9000 && m->m.flags == (CV_MEM_READ | CV_MEM_WRITE));
	m = find_map(&root_cell, LINK_PHYS + 0xa000);
	CHECK(m && m->m.flags == (CV_MEM_READ | CV_MEM_WRITE));	/* its own output, peer 0 */
	m = find_map(&root_cell, LINK_PHYS + 0xc000);
	CHECK(m && m->m.flags == CV_MEM_READ);
	m = find_map(&root_cell, LINK_PHYS + 0xe000);
	CHECK(m && m->m.flags == CV_MEM_READ);
	/* its register page after the ECAM */
	CHECK_EQ(rd(&root_cell, MMCFG + 0x100000 + IVSHMEM_REG_ID, 4), 0);
	CHECK_EQ(rd(&root_cell, MMCFG + 0x100000 + IVSHMEM_REG_MAX_PEERS, 4), 3);
}

static void test_config_space(void)
{
	u64 v = 0;

	CHECK_EQ(ivshmem_cell_check(&cfg_a.c), 0);
	CHECK_EQ(ivshmem_cell_init(&cell_a), 0);
	/* peer 1 writes its own output only */
	CHECK(find_map(&cell_a, LINK_PHYS + 0xa000)->m.flags == CV_MEM_READ);
	CHECK(find_map(&cell_a, LINK_PHYS + 0xc000)->m.flags == (CV_MEM_READ | CV_MEM_WRITE));
	CHECK(find_map(&cell_a, LINK_PHYS + 0xe000)->m.flags == CV_MEM_READ);
	CHECK(find_map(&cell_a, LINK_PHYS)->m.flags == CV_MEM_READ);

	/* what Jailhouse's inmate library reads */
	CHECK_EQ(rd(&cell_a, cfg(0, 0), 2), 0x110a);
	CHECK_EQ(rd(&cell_a, cfg(0, 2), 2), 0x4106);
	CHECK_EQ(rd(&cell_a, cfg(0, 8), 4), 0xff000000);
	CHECK(rd(&cell_a, cfg(0, 6), 2) & 0x10);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x34), 1), 0x40);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x40), 1), 0x09);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x41), 1), 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x42), 1), 0x20);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x44), 4), 0x1000);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x48), 4), 0x9000);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x4c), 4), 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x50), 4), 0x2000);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x58), 4), (u32)LINK_PHYS);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x5c), 4), 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x3d), 1), 1);		/* INTx pin A in slot 0 */
	CHECK_EQ(rd(&cell_a, cfg(0, 0x2c), 4), 0x4106110a);
	/* absent: other slots, other functions */
	CHECK_EQ(rd(&cell_a, cfg(1, 0), 2), 0xffff);
	CHECK_EQ(rd(&cell_a, cfg(31, 0), 4), 0xffffffff);
	CHECK_EQ(rd(&cell_a, MMCFG + 0x1000, 4), 0xffffffff);	/* 00:00.1 */
	CHECK_EQ(rd(&cell_a, cfg(1, 3), 1), 0xff);
	wr(&cell_a, cfg(1, 0x10), 4, 0x12345000);			/* ignored */
	/* read-only and unimplemented registers stay what they are */
	wr(&cell_a, cfg(0, 0), 4, 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0), 4), 0x4106110a);
	wr(&cell_a, cfg(0, 8), 4, 0x12345678);
	CHECK_EQ(rd(&cell_a, cfg(0, 8), 4), 0xff000000);
	wr(&cell_a, cfg(0, 0x14), 4, 0xffffffff);			/* BAR1: none */
	CHECK_EQ(rd(&cell_a, cfg(0, 0x14), 4), 0);
	wr(&cell_a, cfg(0, 0x44), 4, 0x10);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x44), 4), 0x1000);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x60), 4), 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0xffc), 4), 0);
	/* wrong sizes and alignment: refused, as a bus error */
	CHECK_EQ(access(&cell_a, cfg(0, 0), 8, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, cfg(0, 2), 4, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, cfg(0, 1), 2, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, cfg(0, 6), 4, true, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, cfg(1, 1), 2, false, &v), MMIO_ERROR);

	/* BAR0: sized, placed, decoded only with the memory bit */
	wr(&cell_a, cfg(0, 0x10), 4, 0xffffffff);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x10), 4), 0xfffff000);
	wr(&cell_a, cfg(0, 0x10), 4, BAR | 0xabc);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x10), 4), BAR);
	CHECK_EQ(access(&cell_a, BAR, 4, false, &v), MMIO_UNHANDLED);
	wr(&cell_a, cfg(0, 4), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | 0x100);
	CHECK_EQ(rd(&cell_a, cfg(0, 4), 2), PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_ID, 4), 1);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_MAX_PEERS, 4), 3);
	/* a BAR on another device of the cell does not decode */
	wr(&cell_a, cfg(0, 0x10), 4, MMCFG);
	CHECK_EQ(rd(&cell_a, cfg(0, 0), 2), 0x110a);
	wr(&cell_a, cfg(0, 0x10), 4, BAR);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_ID, 4), 1);
	wr(&cell_a, cfg(0, 4), 2, 0);
	CHECK_EQ(access(&cell_a, BAR, 4, false, &v), MMIO_UNHANDLED);
	wr(&cell_a, cfg(0, 4), 2, PCI_COMMAND_MEMORY);
}

static void test_registers(void)
{
	u64 v = 0;

	/* only aligned 32-bit accesses */
	CHECK_EQ(access(&cell_a, BAR + IVSHMEM_REG_ID, 2, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, BAR + IVSHMEM_REG_ID, 1, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, BAR + IVSHMEM_REG_ID, 8, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, BAR + 2, 4, false, &v), MMIO_ERROR);
	CHECK_EQ(access(&cell_a, BAR + IVSHMEM_REG_DOORBELL + 1, 4, true, &v), MMIO_ERROR);
	CHECK_EQ(access(&root_cell, MMCFG + 0x100000 + 6, 2, true, &v), MMIO_ERROR);
	/* past the registers: reads 0, writes ignored */
	CHECK_EQ(rd(&cell_a, BAR + 0x14, 4), 0);
	CHECK_EQ(rd(&cell_a, BAR + 0xffc, 4), 0);
	wr(&cell_a, BAR + 0x100, 4, 0xffffffff);
	/* read-only ID and MAX_PEERS, write-only DOORBELL */
	wr(&cell_a, BAR + IVSHMEM_REG_ID, 4, 7);
	wr(&cell_a, BAR + IVSHMEM_REG_MAX_PEERS, 4, 16);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_ID, 4), 1);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_MAX_PEERS, 4), 3);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4), 0);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_INT_CTRL, 4), 0);
	wr(&cell_a, BAR + IVSHMEM_REG_INT_CTRL, 4, 0xffffffff);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_INT_CTRL, 4), 1);
	CHECK_EQ(n_pended, 0);
}

static void test_doorbells(void)
{
	u64 root_regs = MMCFG + 0x100000;

	CHECK_EQ(ivshmem_cell_check(&cfg_b.c), 0);
	CHECK_EQ(ivshmem_cell_init(&cell_b), 0);
	wr(&cell_b, cfg(0, 0x10), 4, BAR);
	wr(&cell_b, cfg(0, 4), 2, PCI_COMMAND_MEMORY);

	/* the root rings peer 1: only cell A's SPI, which asked for interrupts */
	wr(&root_cell, root_regs + IVSHMEM_REG_DOORBELL, 4, 1 << 16);
	CHECK(n_pended == 1 && pended[0] == 144);
	/* peer 2 did not enable interrupts: nothing */
	n_pended = 0;
	wr(&root_cell, root_regs + IVSHMEM_REG_DOORBELL, 4, 2 << 16);
	CHECK_EQ(n_pended, 0);
	wr(&cell_b, BAR + IVSHMEM_REG_INT_CTRL, 4, 1);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 2 << 16);
	CHECK(n_pended == 1 && pended[0] == 140);
	/* vectors other than 0, peers that do not exist: nothing */
	n_pended = 0;
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, (2 << 16) | 1);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 3 << 16);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 0xffff0000);
	CHECK_EQ(n_pended, 0);
	/* INTx disabled in the command register: nothing */
	wr(&cell_b, cfg(0, 4), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_INTX_DISABLE);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 2 << 16);
	CHECK_EQ(n_pended, 0);
	wr(&cell_b, cfg(0, 4), 2, PCI_COMMAND_MEMORY);
	/* one-shot mode (privileged control, byte 3 of the vendor capability) */
	wr(&cell_b, cfg(0, 0x43), 1, 1);
	CHECK_EQ(rd(&cell_b, cfg(0, 0x40), 4), 0x01200009);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 2 << 16);
	wr(&cell_a, BAR + IVSHMEM_REG_DOORBELL, 4, 2 << 16);
	CHECK(n_pended == 1 && pended[0] == 140);
	CHECK_EQ(rd(&cell_b, BAR + IVSHMEM_REG_INT_CTRL, 4), 0);
	wr(&cell_b, BAR + IVSHMEM_REG_INT_CTRL, 4, 1);
	wr(&cell_b, cfg(0, 0x43), 1, 0);
	n_pended = 0;

	/* state: into the table, and an interrupt to every other peer that wants one */
	wr(&cell_a, BAR + IVSHMEM_REG_STATE, 4, 2);
	CHECK_EQ(state_table()[1], 2);
	CHECK_EQ(rd(&cell_a, BAR + IVSHMEM_REG_STATE, 4), 2);
	CHECK(n_pended == 1 && pended_irq(140));
	wr(&cell_a, BAR + IVSHMEM_REG_STATE, 4, 2);	/* no change: no interrupt */
	CHECK_EQ(n_pended, 1);
	wr(&root_cell, root_regs + IVSHMEM_REG_STATE, 4, 1);
	CHECK(state_table()[0] == 1 && pended_irq(144) && pended_irq(140));
	n_pended = 0;

	/* the root: its link's doorbell (root doorbell 1), always one-shot */
	wr(&root_cell, root_regs + IVSHMEM_REG_INT_CTRL, 4, 1);
	wr(&cell_b, BAR + IVSHMEM_REG_DOORBELL, 4, 0);
	wr(&cell_b, BAR + IVSHMEM_REG_DOORBELL, 4, 0);
	CHECK(n_pended == 1 && pended[0] == ROOT_DOORBELL(1));
	CHECK_EQ(rd(&root_cell, root_regs + IVSHMEM_REG_INT_CTRL, 4), 0);
	n_pended = 0;
}

static void test_reset_and_exit(void)
{
	struct cv_link_info info;
	u64 v = 0, pool_before;

	/* a peer that stops: state 0, the others hear it, its device is reset */
	ivshmem_cell_reset(&cell_a);
	CHECK_EQ(state_table()[1], 0);
	CHECK(pended_irq(140));
	CHECK_EQ(access(&cell_a, BAR, 4, false, &v), MMIO_UNHANDLED);
	CHECK_EQ(rd(&cell_a, cfg(0, 4), 2), 0);
	CHECK_EQ(rd(&cell_a, cfg(0, 0x10), 4), 0);
	n_pended = 0;
	/* a reset device asked for no interrupts */
	wr(&cell_b, BAR + IVSHMEM_REG_STATE, 4, 5);
	CHECK(!pended_irq(144));

	CHECK_EQ(ivshmem_link_info(0, (paddr_t)(unsigned long)&info), 0);
	CHECK(!strcmp(info.name, "demo") && info.peers == 3 && info.peer_cell[0] == 0 &&
	      info.peer_cell[1] == 1 && info.peer_cell[2] == 2 && info.peer_cell[3] == -1 &&
	      info.peer_state[2] == 5 && info.phys == LINK_PHYS);
	CHECK_EQ(ivshmem_link_info(1, (paddr_t)(unsigned long)&info), -CV_ENOENT);

	/* peer 1 comes back; peer 2 says goodbye */
	n_pended = 0;
	wr(&cell_a, cfg(0, 0x10), 4, BAR);
	wr(&cell_a, cfg(0, 4), 2, PCI_COMMAND_MEMORY);
	wr(&cell_a, BAR + IVSHMEM_REG_INT_CTRL, 4, 1);
	ivshmem_cell_exit(&cell_b);
	CHECK_EQ(state_table()[2], 0);
	CHECK(pended_irq(144));
	CHECK_EQ(ivshmem_link_info(0, (paddr_t)(unsigned long)&info), 0);
	CHECK_EQ(info.peer_cell[2], -1);
	ivshmem_cell_exit(&cell_a);

	/* a link of cells only: its memory is the root's again when the last goes */
	pool_before = mem_pool.used;
	make_cell(&cell_c, &cfg_c, 3, 0x7f400000, 0, 148);
	strcpy(cfg_c.links[0].name, "solo");
	cfg_c.links[0].phys = cfg_c.links[0].virt = 0x7f500000;
	n_maps = 0;
	CHECK_EQ(ivshmem_cell_check(&cfg_c.c), 0);
	CHECK_EQ(ivshmem_cell_init(&cell_c), 0);
	CHECK(maps[0].unmap && maps[0].cell == &root_cell && maps[0].m.phys_start == 0x7f500000);
	CHECK_EQ(mem_pool.used, pool_before + 2);	/* the link and its state table */
	ivshmem_cell_exit(&cell_c);
	CHECK_EQ(mem_pool.used, pool_before);
	CHECK(!maps[n_maps - 1].unmap && maps[n_maps - 1].cell == &root_cell &&
	      maps[n_maps - 1].m.phys_start == 0x7f500000 && maps[n_maps - 1].m.size == 0x10000 &&
	      maps[n_maps - 1].m.flags == (CV_MEM_READ | CV_MEM_WRITE));
	CHECK_EQ(ivshmem_link_info(1, (paddr_t)(unsigned long)&info), -CV_ENOENT);
}

/*
 * The hypervisor's own check, against the links and cells that exist:
 * each case alone makes a good config bad. A link's shape and its place
 * in its cell and in the root's memory are shared rules, tested on the
 * config corpus by all three layers (config-layers).
 */
static void test_checks(void)
{
	static struct cell other;
	static struct config other_cfg;
	struct config c;

#define REFUSED(change) do { \
		make_cell(&cell_c, &c, 3, 0x7f400000, 1, 144); \
		change; \
		CHECK_EQ(ivshmem_cell_check(&c.c), -CV_EINVAL); \
	} while (0)

	make_cell(&cell_c, &c, 3, 0x7f400000, 1, 144);
	CHECK_EQ(ivshmem_cell_check(&c.c), 0);
	REFUSED(c.links[0].output_size = 0x1000);		/* layout not the root's */
	REFUSED(c.links[0].rw_size = 0);
	REFUSED(c.links[0].protocol = 1);
	REFUSED(c.links[0].id = 0);				/* the root's ID */
	REFUSED(c.regions[0].phys_start = LINK_PHYS + 0x8000);	/* RAM on the link */
	REFUSED(c.regions[0].flags |= CV_MEM_ROOTSHARED; c.regions[0].phys_start = LINK_PHYS);
	REFUSED(strcpy(c.links[0].name, "other"); c.links[0].id = 0);	/* another link, same memory */

	/* a link on another cell's memory, root-shared or not */
	make_cell(&other, &other_cfg, 2, 0x7f600000, 2, 140);
	other_cfg.c.num_links = 0;
	other_cfg.regions[0].flags |= CV_MEM_ROOTSHARED;
	cells[2] = &other;
	REFUSED(strcpy(c.links[0].name, "x"); c.links[0].id = 0; c.links[0].phys = c.links[0].virt = 0x7f600000);
	cells[2] = NULL;
	CHECK(strstr(last_log, "refused") != NULL);
#undef REFUSED
}

int main(void)
{
	static u8 pool_mem[64 * 4096] __attribute__((aligned(4096)));

	pool_init(&mem_pool, pool_mem, 64);
	sys.platform.pci_mmconfig_base = MMCFG;
	sys.platform.root_doorbell_base = 120;
	sys.platform.root_doorbell_count = 2;
	system_config = &sys;
	root_cfg.c.num_mem_regions = 1;
	root_cfg.regions[0] = (struct cv_mem_region){ 0x40000000, 0x40000000, 0x3fc00000,
						      CV_MEM_READ | CV_MEM_WRITE };
	root_cfg.c.num_links = 1;
	root_cfg.links[0] = demo_link(0, 0);
	root_cell.config = &root_cfg.c;
	make_cell(&cell_a, &cfg_a, 1, 0x7f800000, 1, 144);
	make_cell(&cell_b, &cfg_b, 2, 0x7f900000, 2, 140);

	test_root();
	test_config_space();
	test_registers();
	test_doorbells();
	test_reset_and_exit();
	test_checks();
	return tap_done();
}
