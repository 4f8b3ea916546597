/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generated device trees (cv-dtb.h). The shape follows what QEMU's virt
 * machine gives its guests, so that what runs there runs in a cell: the
 * GICv3 at its real addresses (the cell sees it filtered), one
 * redistributor region covering every frame (Linux walks them to its own
 * by GICR_TYPER), the architected timer's PPIs, PSCI through SMC (which
 * the hypervisor emulates), the vUART as a PL011 on a fixed 24 MHz clock.
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>

#include "cv-config-validate.h"
#include "cv-dtb.h"

#define DTB_MAX_SIZE		(64 * 1024)
#define PHANDLE_GIC		1
#define PHANDLE_CLOCK_BASE	2	/* one per distinct fixed clock */
#define MAX_CLOCKS		(CV_MAX_DEVICES + 1)

/* Device tree interrupt specifiers (GIC binding): type, number, flags. */
#define GIC_SPI			0
#define GIC_PPI			1
#define IRQ_EDGE_RISING		1
#define IRQ_LEVEL_HIGH		4

/* The architected timer's PPIs, as INTID - 16: secure/non-secure physical, virtual, hypervisor. */
static const uint32_t timer_ppis[] = { 13, 14, 11, 10 };

struct gen {
	void *fdt;
	int err;		/* the first libfdt error */
	const struct cv_cell *cell;
	const struct cv_system *sys;
	uint64_t clocks[MAX_CLOCKS];	/* distinct fixed-clock frequencies */
	unsigned int n_clocks;
	char stdout_path[64];
};

static int fail(char **error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(error, fmt, ap) < 0)
		*error = NULL;
	va_end(ap);
	return -EINVAL;
}

/* libfdt calls: keep the first error and carry on, checked once at the end. */
static void check(struct gen *g, int r)
{
	if (r < 0 && !g->err)
		g->err = r;
}

static void begin(struct gen *g, const char *name)
{
	check(g, fdt_begin_node(g->fdt, name));
}

static void end(struct gen *g)
{
	check(g, fdt_end_node(g->fdt));
}

static void prop_u32(struct gen *g, const char *name, uint32_t v)
{
	check(g, fdt_property_u32(g->fdt, name, v));
}

static void prop_str(struct gen *g, const char *name, const char *s)
{
	check(g, fdt_property_string(g->fdt, name, s));
}

static void prop_empty(struct gen *g, const char *name)
{
	check(g, fdt_property(g->fdt, name, NULL, 0));
}

static void prop_raw(struct gen *g, const char *name, const void *v, size_t len)
{
	check(g, fdt_property(g->fdt, name, v, (int)len));
}

/* A list of 32-bit cells. */
static void prop_cells(struct gen *g, const char *name, const uint32_t *v, size_t n)
{
	fdt32_t be[64];

	for (size_t i = 0; i < n && i < ELEMENTSOF(be); i++)
		be[i] = cpu_to_fdt32(v[i]);
	prop_raw(g, name, be, (n < ELEMENTSOF(be) ? n : ELEMENTSOF(be)) * sizeof(be[0]));
}

/* reg with 2 address and 2 size cells (the root's). */
static void prop_reg(struct gen *g, const uint64_t *pairs, size_t n_pairs)
{
	uint32_t v[16];
	size_t n = 0;

	for (size_t i = 0; i < n_pairs && n + 4 <= ELEMENTSOF(v); i++) {
		v[n++] = (uint32_t)(pairs[2 * i] >> 32);
		v[n++] = (uint32_t)pairs[2 * i];
		v[n++] = (uint32_t)(pairs[2 * i + 1] >> 32);
		v[n++] = (uint32_t)pairs[2 * i + 1];
	}
	prop_cells(g, "reg", v, n);
}

static void begin_at(struct gen *g, const char *name, uint64_t addr)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s@%llx", name, (unsigned long long)addr);
	begin(g, buf);
}

static uint32_t clock_phandle(struct gen *g, uint64_t hz)
{
	for (unsigned int i = 0; i < g->n_clocks; i++)
		if (g->clocks[i] == hz)
			return PHANDLE_CLOCK_BASE + i;
	if (g->n_clocks == MAX_CLOCKS)
		return 0;
	g->clocks[g->n_clocks++] = hz;
	return PHANDLE_CLOCK_BASE + g->n_clocks - 1;
}

static int add_cpus(struct gen *g, char **error)
{
	const struct cv_platform *p = &g->sys->platform;
	uint32_t cells = 1;

	for (unsigned int cpu = 0; cpu < 64; cpu++) {
		if (!(g->cell->cpu_mask >> cpu & 1))
			continue;
		if (cpu >= p->num_cpus)
			return fail(error, "CPU %u of cell '%s' is not in the system config's MPIDR list "
				    "(%u CPUs): the device tree cannot describe it", cpu, g->cell->name, p->num_cpus);
		if (p->cpu_mpidr[cpu] & ~CV_MPIDR_AFFINITY)
			return fail(error, "CPU %u's MPIDR 0x%llx has bits outside Aff3..Aff0: the device tree "
				    "cannot describe it", cpu, (unsigned long long)p->cpu_mpidr[cpu]);
		if (p->cpu_mpidr[cpu] >> 32)
			cells = 2;
	}
	begin(g, "cpus");
	prop_u32(g, "#address-cells", cells);
	prop_u32(g, "#size-cells", 0);
	for (unsigned int cpu = 0; cpu < 64 && cpu < p->num_cpus; cpu++) {
		uint64_t mpidr = p->cpu_mpidr[cpu];
		uint32_t reg[2] = { (uint32_t)(mpidr >> 32), (uint32_t)mpidr };

		if (!(g->cell->cpu_mask >> cpu & 1))
			continue;
		begin_at(g, "cpu", mpidr);
		prop_str(g, "device_type", "cpu");
		prop_str(g, "compatible", "arm,armv8");
		prop_cells(g, "reg", cells == 2 ? reg : reg + 1, cells);
		prop_str(g, "enable-method", "psci");
		end(g);
	}
	end(g);
	return 0;
}

static void add_psci(struct gen *g)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";

	begin(g, "psci");
	prop_raw(g, "compatible", compat, sizeof(compat));
	prop_str(g, "method", "smc");
	end(g);
}

/* RAM: what the cell can write that is neither a device nor the comm page. */
static int add_memory(struct gen *g, char **error)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < g->cell->n_regions; i++) {
		const struct cv_region *r = &g->cell->regions[i];
		uint64_t reg[2] = { r->virt, r->size };

		if (!(r->flags & CV_MEM_WRITE) || (r->flags & (CV_MEM_IO | CV_MEM_COMM_REGION)))
			continue;
		begin_at(g, "memory", r->virt);
		prop_str(g, "device_type", "memory");
		prop_reg(g, reg, 1);
		end(g);
		n++;
	}
	if (!n)
		return fail(error, "cell '%s' has no writable memory region the device tree could call RAM",
			    g->cell->name);
	return 0;
}

static void add_gic(struct gen *g)
{
	const struct cv_platform *p = &g->sys->platform;
	uint64_t reg[4] = { p->gicd_base, 0x10000, p->gicr_base, p->gicr_stride * p->num_cpus };

	begin_at(g, "intc", p->gicd_base);
	prop_str(g, "compatible", "arm,gic-v3");
	prop_u32(g, "#interrupt-cells", 3);
	prop_empty(g, "interrupt-controller");
	prop_u32(g, "#redistributor-regions", 1);
	prop_reg(g, reg, 2);
	prop_u32(g, "phandle", PHANDLE_GIC);
	end(g);
}

static void add_timer(struct gen *g)
{
	static const char compat[] = "arm,armv8-timer\0arm,armv7-timer";
	uint32_t irqs[3 * ELEMENTSOF(timer_ppis)];

	for (size_t i = 0; i < ELEMENTSOF(timer_ppis); i++) {
		irqs[3 * i] = GIC_PPI;
		irqs[3 * i + 1] = timer_ppis[i];
		irqs[3 * i + 2] = IRQ_LEVEL_HIGH;
	}
	begin(g, "timer");
	prop_raw(g, "compatible", compat, sizeof(compat));
	prop_cells(g, "interrupts", irqs, ELEMENTSOF(irqs));
	prop_empty(g, "always-on");
	end(g);
}

static void add_vuart(struct gen *g)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	const struct cv_vuart *u = &g->cell->vuart;
	uint64_t reg[2] = { u->base, 0x1000 };
	uint32_t irq[3] = { GIC_SPI, u->irq - 32, IRQ_LEVEL_HIGH };
	uint32_t clk, clocks[2];

	if (!(g->cell->flags & CV_CELL_VUART))
		return;
	clk = clock_phandle(g, CV_DTB_VUART_CLOCK_HZ);
	clocks[0] = clocks[1] = clk;
	begin_at(g, "pl011", u->base);
	prop_raw(g, "compatible", compat, sizeof(compat));
	prop_reg(g, reg, 1);
	prop_cells(g, "interrupts", irq, 3);
	prop_cells(g, "clocks", clocks, 2);
	prop_raw(g, "clock-names", clock_names, sizeof(clock_names));
	end(g);
	snprintf(g->stdout_path, sizeof(g->stdout_path), "/pl011@%llx", (unsigned long long)u->base);
}

static void add_device(struct gen *g, const struct cv_device *d)
{
	uint64_t reg[2] = { d->address, d->size };
	uint32_t irqs[3 * CV_DEVICE_MAX_IRQS], clocks[8];
	size_t n_clocks = 0;

	for (unsigned int i = 0; i < d->n_irqs; i++) {
		irqs[3 * i] = GIC_SPI;
		irqs[3 * i + 1] = d->irqs[i] - 32;
		irqs[3 * i + 2] = d->edge ? IRQ_EDGE_RISING : IRQ_LEVEL_HIGH;
	}
	/* One clock per name, all the same fixed clock; one without names. */
	for (size_t off = 0; d->clock_hz && off < d->clock_names_len && n_clocks < ELEMENTSOF(clocks);
	     off += strlen(d->clock_names + off) + 1)
		clocks[n_clocks++] = clock_phandle(g, d->clock_hz);
	if (d->clock_hz && !n_clocks)
		clocks[n_clocks++] = clock_phandle(g, d->clock_hz);

	begin_at(g, d->name, d->address);
	prop_raw(g, "compatible", d->compatible, d->compatible_len);
	prop_reg(g, reg, 1);
	if (d->n_irqs)
		prop_cells(g, "interrupts", irqs, 3 * d->n_irqs);
	if (d->dma == CV_DMA_COHERENT)
		prop_empty(g, "dma-coherent");
	if (n_clocks)
		prop_cells(g, "clocks", clocks, n_clocks);
	if (d->clock_names_len)
		prop_raw(g, "clock-names", d->clock_names, d->clock_names_len);
	end(g);
	if (d->console)
		snprintf(g->stdout_path, sizeof(g->stdout_path), "/%s@%llx", d->name,
			 (unsigned long long)d->address);
}

static void add_clocks(struct gen *g)
{
	char name[32];

	for (unsigned int i = 0; i < g->n_clocks; i++) {
		snprintf(name, sizeof(name), "clock-%llu", (unsigned long long)g->clocks[i]);
		begin(g, name);
		prop_str(g, "compatible", "fixed-clock");
		prop_u32(g, "#clock-cells", 0);
		prop_u32(g, "clock-frequency", (uint32_t)g->clocks[i]);
		prop_u32(g, "phandle", PHANDLE_CLOCK_BASE + i);
		end(g);
	}
}

static void add_chosen(struct gen *g, const struct cv_dtb_chosen *chosen)
{
	begin(g, "chosen");
	if (chosen && chosen->bootargs && *chosen->bootargs)
		prop_str(g, "bootargs", chosen->bootargs);
	if (g->stdout_path[0])
		prop_str(g, "stdout-path", g->stdout_path);
	if (chosen && chosen->initrd_end) {
		check(g, fdt_property_u64(g->fdt, "linux,initrd-start", chosen->initrd_start));
		check(g, fdt_property_u64(g->fdt, "linux,initrd-end", chosen->initrd_end));
	}
	end(g);
	if (g->stdout_path[0]) {
		begin(g, "aliases");
		prop_str(g, "serial0", g->stdout_path);
		end(g);
	}
}

int cv_dtb_generate(const struct cv_cell *cell, const struct cv_system *sys,
		    const struct cv_dtb_chosen *chosen, void **ret, size_t *ret_size, char **error)
{
	_cleanup_free_ void *buf = calloc(1, DTB_MAX_SIZE);
	struct gen g = { .fdt = buf, .cell = cell, .sys = sys };
	char model[64];
	void *shrunk;
	int r;

	*error = NULL;
	if (!buf)
		return -ENOMEM;
	/*
	 * Phandles are numbers fixed before the nodes that use them are
	 * written, so the clock nodes (collected while writing the UART and
	 * devices) come after them; a tree's node order does not matter.
	 */
	check(&g, fdt_create(buf, DTB_MAX_SIZE));
	check(&g, fdt_finish_reservemap(buf));
	begin(&g, "");
	snprintf(model, sizeof(model), "cellvisor cell %s", cell->name);
	prop_str(&g, "model", model);
	prop_str(&g, "compatible", "cellvisor,cell");
	prop_u32(&g, "#address-cells", 2);
	prop_u32(&g, "#size-cells", 2);
	prop_u32(&g, "interrupt-parent", PHANDLE_GIC);
	r = add_cpus(&g, error);
	if (r == 0)
		r = add_memory(&g, error);
	if (r < 0)
		return r;
	add_psci(&g);
	add_gic(&g);
	add_timer(&g);
	add_vuart(&g);
	for (unsigned int i = 0; i < cell->n_devices; i++)
		add_device(&g, &cell->devices[i]);
	add_clocks(&g);
	add_chosen(&g, chosen);
	end(&g);
	check(&g, fdt_finish(buf));
	if (g.err)
		return fail(error, "cannot build the device tree of cell '%s': %s", cell->name,
			    fdt_strerror(g.err));
	*ret_size = fdt_totalsize(buf);
	shrunk = realloc(buf, *ret_size);
	*ret = shrunk ? shrunk : buf;
	buf = NULL;
	return 0;
}

int cv_dtb_set_chosen(const void *dtb, size_t size, const struct cv_dtb_chosen *chosen,
		      void **ret, size_t *ret_size, char **error)
{
	size_t room = size + 4096 + (chosen->bootargs ? strlen(chosen->bootargs) : 0);
	_cleanup_free_ void *buf = NULL;
	int node, r;

	*error = NULL;
	if (size < sizeof(struct fdt_header) || fdt_check_header(dtb) != 0 || fdt_totalsize(dtb) > size)
		return fail(error, "the device tree file is not a flattened device tree (bad header)");
	if (room > DTB_MAX_SIZE * 32)
		return fail(error, "the device tree file is too large (%zu bytes)", size);
	buf = malloc(room);
	if (!buf)
		return -ENOMEM;
	r = fdt_open_into(dtb, buf, (int)room);
	if (r == 0) {
		node = fdt_path_offset(buf, "/chosen");
		if (node == -FDT_ERR_NOTFOUND)
			node = fdt_add_subnode(buf, 0, "chosen");
		r = node < 0 ? node : 0;
	}
	if (r == 0 && chosen->bootargs && *chosen->bootargs)
		r = fdt_setprop_string(buf, node, "bootargs", chosen->bootargs);
	if (r == 0 && chosen->initrd_end)
		r = fdt_setprop_u64(buf, node, "linux,initrd-start", chosen->initrd_start);
	if (r == 0 && chosen->initrd_end)
		r = fdt_setprop_u64(buf, node, "linux,initrd-end", chosen->initrd_end);
	if (r == 0)
		r = fdt_pack(buf);
	if (r < 0)
		return fail(error, "cannot set /chosen in the device tree file: %s", fdt_strerror(r));
	*ret_size = fdt_totalsize(buf);
	*ret = TAKE_PTR(buf);
	return 0;
}
