/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellctl config create [DTB] [-o OUT]: a first system config from a device
 * tree (the running machine's /sys/firmware/fdt by default). It finds the
 * GICv3, the CPUs' MPIDRs, RAM, the console UART and the device windows the
 * root needs (every enabled node's reg, translated to CPU addresses through
 * its buses' ranges, merged where they touch), puts the hypervisor at the
 * top of the first RAM bank, and checks the result like `config check`
 * before writing it. A person still reviews it: Linux must be kept out of
 * the hypervisor's memory.
 */
#include <fcntl.h>
#include <libfdt.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cellctl.h"
#include "cv-config.h"
#include "cv-file.h"

#define HV_SIZE		(4ULL << 20)
#define MAX_RAM		8
#define PAGE_MASK	(~(CV_PAGE_SIZE - 1))

struct region {
	uint64_t start, size;
	const char *flags;
	char name[40];
};

struct dt_system {
	uint64_t gicd, gicr, gicr_size;
	uint32_t maint_irq;
	uint64_t mpidr[CV_MAX_CPUS];
	unsigned int n_cpus;
	struct region ram[MAX_RAM], *io;	/* io: n_io of them, malloc()ed */
	unsigned int n_ram, n_io;
	unsigned int n_high;		/* device windows left out: beyond the IPA limit */
	const char *uart_type;
	uint64_t uart_base;
};

static void dt_system_done(struct dt_system *s)
{
	free(s->io);
}

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/*
 * An address in bus's child address space as its parent sees it, through
 * bus's ranges (DT spec 2.3.8): none means the children are not memory
 * mapped (e.g. nvmem cells), an empty one means the same addresses. PCI
 * buses are not walked: their host's windows cover the devices.
 */
static bool translate_up(const void *fdt, int bus, uint64_t *addr)
{
	int parent = fdt_parent_offset(fdt, bus), len;
	int cac = fdt_address_cells(fdt, bus), pac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, bus), entry = cac + pac + sc;
	const char *type = fdt_getprop(fdt, bus, "device_type", NULL);
	const fdt32_t *p = fdt_getprop(fdt, bus, "ranges", &len);

	if (!p || (type && streq(type, "pci")) || cac < 1 || cac > 2 || pac < 1 || sc < 1)
		return false;
	for (int i = 0; (i + 1) * entry * 4 <= len; i++) {
		const fdt32_t *e = p + i * entry;
		uint64_t child = cells(e, cac), size = cells(e + cac + pac, sc);

		if (*addr >= child && *addr - child < size) {
			*addr = cells(e + cac, pac) + (*addr - child);
			return true;
		}
	}
	return len == 0;
}

/* An address on bus as the CPUs see it; false if it is not memory mapped. */
static bool translate(const void *fdt, int bus, uint64_t *addr)
{
	for (; bus > 0; bus = fdt_parent_offset(fdt, bus))
		if (!translate_up(fdt, bus, addr))
			return false;
	return true;
}

/*
 * The i-th (address, size) pair of a node's reg, in its parent's cell
 * sizes, as a CPU address. False past the last pair, or if the address is
 * not memory mapped.
 */
static bool reg_at(const void *fdt, int node, int i, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), len;
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || ac < 1 || sc < 0 || (i + 1) * (ac + sc) * 4 > len)
		return false;
	p += i * (ac + sc);
	*addr = cells(p, ac);
	*size = cells(p + ac, sc);
	return translate(fdt, parent, addr);
}

static void set_region(struct region *r, uint64_t start, uint64_t size, const char *flags, const char *name)
{
	uint64_t end = (start + size + CV_PAGE_SIZE - 1) & PAGE_MASK;

	start &= PAGE_MASK;
	*r = (struct region){ .start = start, .size = end - start, .flags = flags };
	snprintf(r->name, sizeof(r->name), "%s", name);
}

static void add_ram(struct dt_system *s, uint64_t start, uint64_t size)
{
	if (size && s->n_ram < MAX_RAM)
		set_region(&s->ram[s->n_ram++], start, size, "[read, write, execute, dma, root-ram]", "ram");
}

static int add_io(struct dt_system *s, uint64_t start, uint64_t size, const char *name)
{
	struct region *io;

	/* the hypervisor's stage 2 ends there: the root could not reach it anyway */
	if (start >= CV_IPA_LIMIT || size > CV_IPA_LIMIT - start) {
		s->n_high++;
		return 0;
	}
	if (!size)
		return 0;
	io = reallocarray(s->io, s->n_io + 1, sizeof(*io));
	if (!io)
		return -ENOMEM;
	s->io = io;
	set_region(&s->io[s->n_io++], start, size, "[read, write, io]", name);
	return 0;
}

static int find_gic(const void *fdt, struct dt_system *s)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3"), len;
	const fdt32_t *irq;
	uint64_t size;

	if (node < 0 || !reg_at(fdt, node, 0, &s->gicd, &size) || !reg_at(fdt, node, 1, &s->gicr, &s->gicr_size))
		return -ENODEV;
	/* The maintenance interrupt is a PPI in the GIC node's own interrupts. */
	irq = fdt_getprop(fdt, node, "interrupts", &len);
	s->maint_irq = irq && len >= 8 ? 16 + fdt32_to_cpu(irq[1]) : 25;
	return 0;
}

static void find_cpus(const void *fdt, struct dt_system *s)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len, ac = fdt_address_cells(fdt, cpus);

	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (type && streq(type, "cpu") && reg && len >= ac * 4 && s->n_cpus < CV_MAX_CPUS)
			s->mpidr[s->n_cpus++] = cells(reg, ac);
	}
}

static void find_uart(const void *fdt, struct dt_system *s)
{
	static const struct { const char *compat, *type; } uarts[] = {
		{ "arm,pl011", "pl011" }, { "fsl,imx21-uart", "imx" }, { "fsl,imx6q-uart", "imx" },
		{ "ns16550a", "8250" }, { "snps,dw-apb-uart", "8250" },
	};
	const char *path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL);
	char buf[256];
	uint64_t size;
	int node;

	if (!path)
		return;
	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(path, ":"), path);
	node = fdt_path_offset(fdt, buf);
	if (node < 0 && buf[0] != '/')
		node = fdt_path_offset(fdt, fdt_get_alias(fdt, buf) ?: "/-");
	for (size_t i = 0; node >= 0 && i < ELEMENTSOF(uarts); i++)
		if (fdt_node_check_compatible(fdt, node, uarts[i].compat) == 0 &&
		    reg_at(fdt, node, 0, &s->uart_base, &size)) {
			s->uart_type = uarts[i].type;
			return;
		}
}

/* A PCI host's memory windows (ranges) must stay mapped for Linux's drivers. */
static int add_pci_windows(const void *fdt, int node, struct dt_system *s)
{
	int len, pac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node)), sc = fdt_size_cells(fdt, node);
	const fdt32_t *p = fdt_getprop(fdt, node, "ranges", &len);
	int entry = 3 + pac + sc, r = 0;

	for (int i = 0; p && sc > 0 && (i + 1) * entry * 4 <= len && r == 0; i++) {
		const fdt32_t *e = p + i * entry;
		uint64_t addr = cells(e + 3, pac);

		/* Space code 0x1 is I/O ports, 0x2/0x3 memory; all are MMIO windows on arm64. */
		if (translate(fdt, fdt_parent_offset(fdt, node), &addr))
			r = add_io(s, addr, cells(e + 3 + pac, sc), "pci-window");
	}
	return r;
}

static bool enabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || streq(status, "okay") || streq(status, "ok");
}

/*
 * RAM from the memory nodes, device windows from every other enabled
 * node's reg. Skipped: disabled subtrees, CPUs, the GIC (the hypervisor
 * emulates it) and reserved-memory (it describes RAM, not devices).
 */
static int find_memory_and_devices(const void *fdt, struct dt_system *s)
{
	int node, depth = -1, skip_below = -1, r = 0;	/* the root is at depth 0 */

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0 && r == 0; node = fdt_next_node(fdt, node, &depth)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *name = fdt_get_name(fdt, node, NULL);
		uint64_t a, sz;

		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 0)
			continue;
		if (!enabled(fdt, node) || (depth == 1 && streq(name, "reserved-memory"))) {
			skip_below = depth;
			continue;
		}
		if (type && streq(type, "memory")) {
			for (int i = 0; reg_at(fdt, node, i, &a, &sz); i++)
				add_ram(s, a, sz);
			continue;
		}
		if ((type && streq(type, "cpu")) || fdt_node_check_compatible(fdt, node, "arm,gic-v3") == 0)
			continue;
		if (type && streq(type, "pci"))
			r = add_pci_windows(fdt, node, s);
		for (int i = 0; reg_at(fdt, node, i, &a, &sz) && r == 0; i++)
			r = add_io(s, a, sz, name);
	}
	return r;
}

static int cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort and merge overlapping device windows; drop anything that touches the GIC. */
static void tidy_io(struct dt_system *s)
{
	unsigned int n = 0;

	qsort(s->io, s->n_io, sizeof(s->io[0]), cmp_region);
	for (unsigned int i = 0; i < s->n_io; i++) {
		struct region *r = &s->io[i];

		if ((r->start < s->gicd + 0x10000 && s->gicd < r->start + r->size) ||
		    (r->start < s->gicr + s->gicr_size && s->gicr < r->start + r->size))
			continue;
		if (n && r->start <= s->io[n - 1].start + s->io[n - 1].size) {
			uint64_t end = r->start + r->size;

			if (end > s->io[n - 1].start + s->io[n - 1].size)
				s->io[n - 1].size = end - s->io[n - 1].start;
			continue;
		}
		s->io[n++] = *r;
	}
	s->n_io = n;
}

static void print_region(FILE *f, const struct region *r)
{
	fprintf(f, "    - { name: %s, phys: 0x%llx, size: 0x%llx, flags: %s }\n", r->name,
		(unsigned long long)r->start, (unsigned long long)r->size, r->flags);
}

static void write_yaml(FILE *f, const struct dt_system *s, const char *source)
{
	/* The hypervisor takes the top 4M of the first RAM bank (2M-aligned). */
	uint64_t hv = ((s->ram[0].start + s->ram[0].size - HV_SIZE) & ~((2ULL << 20) - 1));
	struct region ram0 = s->ram[0];

	ram0.size = hv - ram0.start;
	fprintf(f, "# cellvisor system config written by 'cellctl config create' from %s.\n"
		"# Review it: keep Linux out of the hypervisor's memory (mem= or a\n"
		"# reserved-memory node). All RAM is Linux's (root-ram) and no cell\n"
		"# can have any: to give cells RAM, keep Linux out of some (mem=) and\n"
		"# put it in a region of its own without root-ram.\n"
		"kind: system\n\nhypervisor:\n  phys: 0x%llx\n  size: 4M\n\n", source, (unsigned long long)hv);
	if (s->uart_type)
		fprintf(f, "debug-console:\n  type: %s\n  address: 0x%llx\n  size: 4K\n  flags: [mmio]\n\n",
			s->uart_type, (unsigned long long)s->uart_base);
	fprintf(f, "platform:\n  gic-version: 3\n  gicd: 0x%llx\n  gicr: 0x%llx\n  gicr-stride: 0x20000\n"
		"  maintenance-irq: %u\n  cpus: [", (unsigned long long)s->gicd, (unsigned long long)s->gicr,
		s->maint_irq);
	for (unsigned int i = 0; i < s->n_cpus; i++)
		fprintf(f, "%s0x%llx", i ? ", " : "", (unsigned long long)s->mpidr[i]);
	fprintf(f, "]\n\nroot-cell:\n  name: root\n  cpus: 0-%u\n"
		"  irqs: 32-287             # adjust to the GIC's number of SPIs (GICD_TYPER)\n  memory:\n",
		s->n_cpus - 1);
	if (s->n_high)
		fprintf(f, "    # left out: %u device window(s) beyond the %d-bit guest physical address\n"
			"    # space of the hypervisor's stage 2\n", s->n_high, CV_IPA_BITS);
	for (unsigned int i = 0; i < s->n_io; i++)
		print_region(f, &s->io[i]);
	print_region(f, &ram0);
	for (unsigned int i = 1; i < s->n_ram; i++)
		print_region(f, &s->ram[i]);
}

static int check_output(const char *path)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};

	if (cv_config_load(path, &c, &d) == 0)
		(void)cv_system_validate(c, &d);
	for (size_t i = 0; i < d.n_msgs; i++)
		fprintf(stderr, "%s\n", d.msgs[i]);
	return d.n_errors ? -EINVAL : 0;
}

int verb_config_create(int argc, char *argv[])
{
	const char *src = argc > 1 ? argv[1] : "/sys/firmware/fdt";
	_cleanup_free_ void *fdt = NULL;
	_cleanup_fclose_ FILE *f = NULL;
	_cleanup_(dt_system_done) struct dt_system s = {};
	size_t size = 0;
	int r;

	r = cv_read_file(src, 16 << 20, &fdt, &size);
	/* Check the whole blob against what was read before walking it. */
	if (r < 0 || size < FDT_V1_SIZE || fdt_check_full(fdt, size) != 0) {
		fprintf(stderr, "cellctl: cannot read a device tree from %s: %s\n", src,
			r < 0 ? strerror(-r) : "not a flattened device tree");
		return EXIT_FAIL;
	}
	if (find_gic(fdt, &s) < 0) {
		fprintf(stderr, "cellctl: %s has no GICv3 (compatible \"arm,gic-v3\"): cellvisor needs one\n", src);
		return EXIT_FAIL;
	}
	find_cpus(fdt, &s);
	find_uart(fdt, &s);
	r = find_memory_and_devices(fdt, &s);
	if (r < 0) {
		fprintf(stderr, "cellctl: %s\n", strerror(-r));
		return EXIT_FAIL;
	}
	tidy_io(&s);
	if (s.n_cpus < 2 || s.n_ram == 0 || s.ram[0].size < 2 * HV_SIZE) {
		fprintf(stderr, "cellctl: %s describes %u CPUs and %u RAM banks: not enough for cellvisor\n",
			src, s.n_cpus, s.n_ram);
		return EXIT_FAIL;
	}
	if (s.n_io + s.n_ram > CV_MAX_MEM_REGIONS) {
		fprintf(stderr, "cellctl: %s needs %u root memory regions, more than the %u a cell can have\n",
			src, s.n_io + s.n_ram, CV_MAX_MEM_REGIONS);
		return EXIT_FAIL;
	}
	f = arg_output ? fopen(arg_output, "we") : stdout;
	if (!f) {
		fprintf(stderr, "cellctl: cannot write %s: %s\n", arg_output, strerror(errno));
		return EXIT_FAIL;
	}
	write_yaml(f, &s, src);
	if (f == stdout) {
		f = NULL;	/* not ours to close */
		return EXIT_OK;
	}
	if (fflush(f) != 0)
		return EXIT_FAIL;
	/* What we wrote must pass the checks cellmgrd will apply. */
	return check_output(arg_output) < 0 ? EXIT_FAIL : EXIT_OK;
}
