/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validation of system and cell configs. The hypervisor checks the compiled
 * blobs again on its own; these checks exist so a person learns what is
 * wrong, and where, before anything reaches the machine.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "cv-config.h"
#include "cv-config-validate.h"
#include "cv-elf.h"

#define ERR(d, c, loc, ...) cv_diag_error((d), (c)->path, (loc), __VA_ARGS__)

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

static bool aligned(uint64_t v)
{
	return (v & (CV_PAGE_SIZE - 1)) == 0;
}

static bool is_comm(const struct cv_region *r)
{
	return r->flags & CV_MEM_COMM_REGION;
}

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

/* Does [start, start+size) lie inside the union of the root's regions? */
static bool covered_by(const struct cv_cell *root, uint64_t start, uint64_t size)
{
	uint64_t end = start + size;
	bool progress = true;

	while (start < end && progress) {
		progress = false;
		for (unsigned int i = 0; i < root->n_regions; i++) {
			const struct cv_region *r = &root->regions[i];

			if (r->phys <= start && start < r->phys + r->size) {
				start = r->phys + r->size;
				progress = true;
			}
		}
	}
	return start >= end;
}

static void check_region_shape(const struct cv_config *c, const struct cv_region *r,
			       struct cv_diag *d)
{
	if (r->size == 0) {
		ERR(d, c, r->loc, "memory region has size 0");
		return;
	}
	if (!is_comm(r) && r->phys + r->size < r->phys)
		ERR(d, c, r->loc, "memory region 0x%llx +0x%llx wraps around the address space",
		    ull(r->phys), ull(r->size));
	if (!is_comm(r) && !aligned(r->phys))
		ERR(d, c, r->loc, "memory region phys 0x%llx is not 4K-aligned", ull(r->phys));
	if (!aligned(r->virt))
		ERR(d, c, r->loc, "memory region virt 0x%llx is not 4K-aligned", ull(r->virt));
	if (!aligned(r->size))
		ERR(d, c, r->loc, "memory region size 0x%llx is not a multiple of 4K", ull(r->size));
	if (!(r->flags & (CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE)))
		ERR(d, c, r->loc, "memory region 0x%llx has no access flags (read, write, execute)",
		    ull(r->phys));
	if ((r->flags & CV_MEM_COMM_REGION) && r->size != CV_COMM_REGION_SIZE)
		ERR(d, c, r->loc, "the comm region is one 4K page");
}

static void check_regions(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *a = &cell->regions[i];

		check_region_shape(c, a, d);
		for (unsigned int j = 0; j < i; j++) {
			const struct cv_region *b = &cell->regions[j];

			if (overlaps(a->virt, a->size, b->virt, b->size))
				ERR(d, c, a->loc, "memory region at guest address 0x%llx overlaps the one at "
				    "0x%llx (line %u)", ull(a->virt), ull(b->virt), b->loc.line);
			else if (!is_comm(a) && !is_comm(b) && overlaps(a->phys, a->size, b->phys, b->size))
				ERR(d, c, a->loc, "memory region at phys 0x%llx overlaps the one at "
				    "0x%llx (line %u)", ull(a->phys), ull(b->phys), b->loc.line);
		}
	}
}

static const struct cv_region *find_virt(const struct cv_cell *cell, uint64_t addr, uint64_t flags)
{
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];

		if (addr >= r->virt && addr - r->virt < r->size && (r->flags & flags) == flags)
			return r;
	}
	return NULL;
}

/* Bytes left in region r from addr (which lies in r) to its end. */
static uint64_t room_from(const struct cv_region *r, uint64_t addr)
{
	return r->size - (addr - r->virt);
}

/* An ELF image's segments, BSS included, each inside one loadable region. */
static void check_elf_segments(const struct cv_config *c, const struct cv_image *img,
			       const struct cv_elf_segment *segs, int n, struct cv_diag *d)
{
	for (int i = 0; i < n; i++) {
		const struct cv_region *r = find_virt(&c->cell, segs[i].paddr, CV_MEM_LOADABLE);

		if (!r || segs[i].mem_size > room_from(r, segs[i].paddr))
			ERR(d, c, img->loc, "image '%s': ELF segment 0x%llx-0x%llx is not inside one region "
			    "flagged 'loadable'", img->file, ull(segs[i].paddr),
			    ull(segs[i].paddr + segs[i].mem_size - 1));
	}
}

/* A string image (a command line): the text and its NUL in a loadable region. */
static void check_string_image(const struct cv_config *c, const struct cv_image *img,
			       const struct cv_region *r, struct cv_diag *d)
{
	uint64_t len = strlen(img->string) + 1;

	if (!r)
		ERR(d, c, img->loc, "string image is loaded at 0x%llx, which is in no region flagged 'loadable'",
		    ull(img->address));
	else if (len > room_from(r, img->address))
		ERR(d, c, img->loc, "string image (%llu bytes with its NUL) does not fit in the region at 0x%llx",
		    ull(len), ull(r->virt));
}

static void check_image(const struct cv_config *c, const struct cv_image *img, struct cv_diag *d)
{
	const struct cv_region *r = find_virt(&c->cell, img->address, CV_MEM_LOADABLE);
	_cleanup_free_ struct cv_elf_segment *segs = NULL;
	_cleanup_free_ char *path = NULL;
	const char *why = NULL;
	struct stat st;
	bool exists;
	int n;

	if (img->string) {
		check_string_image(c, img, r, d);
		return;
	}
	if (img->device_tree) {
		cv_check_device_tree_image(c, img, d);
		return;
	}
	path = cv_image_path(c, img);
	exists = path && stat(path, &st) == 0;
	n = exists ? cv_elf_file_segments(path, &segs, &why) : 0;

	if (n < 0) {
		ERR(d, c, img->loc, "image '%s': %s", img->file, why ? why : strerror(-n));
		return;
	}
	if (n > 0) {	/* an ELF file says itself where it goes; 'address' is not used */
		check_elf_segments(c, img, segs, n, d);
		return;
	}
	if (!r) {
		ERR(d, c, img->loc, "image '%s' is loaded at 0x%llx, which is in no region flagged 'loadable'",
		    img->file, ull(img->address));
		return;
	}
	if (!exists) {
		/* Configs are checked before the images are installed: not an error here. */
		cv_diag_warning(d, c->path, img->loc, "image '%s' does not exist (yet)",
				path ? path : img->file);
		return;
	}
	if ((uint64_t)st.st_size > room_from(r, img->address))
		ERR(d, c, img->loc, "image '%s' (%lld bytes) does not fit in the region at 0x%llx "
		    "(0x%llx bytes from 0x%llx)", img->file, (long long)st.st_size, ull(r->virt),
		    ull(room_from(r, img->address)), ull(img->address));
}

/*
 * A console UART the inmate writes to must be the cell's: its vUART or in
 * one of its device regions. Elsewhere its first character faults the cell.
 */
static void check_console(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	uint64_t a = cell->console.address;

	if (cell->console.type == CV_CON_TYPE_NONE || a == 0)
		return;
	if ((cell->flags & CV_CELL_VUART) && a >= cell->vuart.base && a - cell->vuart.base < CV_PAGE_SIZE)
		return;
	if (!find_virt(cell, a, CV_MEM_IO))
		ERR(d, c, cell->console_loc, "console UART at 0x%llx is neither the cell's vuart nor in one of "
		    "its 'io' memory regions: its first character would fault the cell", ull(a));
}

static void check_vuart(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	if (!(cell->flags & CV_CELL_VUART))
		return;
	if (!aligned(cell->vuart.base))
		ERR(d, c, cell->vuart_loc, "vuart base 0x%llx is not 4K-aligned", ull(cell->vuart.base));
	if (find_virt(cell, cell->vuart.base, 0))
		ERR(d, c, cell->vuart_loc, "vuart at 0x%llx overlaps a memory region of the cell",
		    ull(cell->vuart.base));
	if (cell->vuart.irq < 32 || cell->vuart.irq >= 1020)
		ERR(d, c, cell->vuart_loc, "vuart irq %u is not an SPI (32..1019)", cell->vuart.irq);
	else if (!cv_irq_owned(cell->irq_bitmap, cell->vuart.irq))
		ERR(d, c, cell->vuart_loc, "vuart irq %u is not in the cell's 'irqs': add it there",
		    cell->vuart.irq);
}

static int cv_cell_validate_alone(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_cell *cell = &c->cell;
	size_t before = d->n_errors;

	check_regions(c, cell, d);
	check_vuart(c, cell, d);
	check_console(c, cell, d);
	cv_check_devices(c, d);
	for (unsigned int i = 0; i < cell->n_images; i++)
		check_image(c, &cell->images[i], d);
	if (!find_virt(cell, cell->reset_address, CV_MEM_EXECUTE))
		ERR(d, c, cell->reset_loc.line ? cell->reset_loc : cell->loc,
		    "reset-address 0x%llx is not inside an executable memory region",
		    ull(cell->reset_address));
	return d->n_errors > before ? -EINVAL : 0;
}

/*
 * The part of the GIC that [phys, phys+size) covers, described for a
 * message ("the GIC distributor (0x8000000)"), or NULL. Only the
 * hypervisor touches the GIC's registers; everyone else gets its emulation.
 */
static const char *gic_clash(const struct cv_platform *p, uint64_t phys, uint64_t size, char *buf,
			     size_t len)
{
	uint64_t gicr_size = p->gicr_stride * p->num_cpus;

	if (overlaps(phys, size, p->gicd_base, 0x10000))
		snprintf(buf, len, "the GIC distributor (0x%llx)", ull(p->gicd_base));
	else if (overlaps(phys, size, p->gicr_base, gicr_size))
		snprintf(buf, len, "the GIC redistributors (0x%llx +0x%llx)", ull(p->gicr_base), ull(gicr_size));
	else
		return NULL;
	return buf;
}

static void check_against_system(const struct cv_config *c, const struct cv_config *s,
				 struct cv_diag *d)
{
	const struct cv_cell *cell = &c->cell, *root = &s->system.root;
	const struct cv_system *sys = &s->system;
	uint64_t all = sys->platform.num_cpus >= 64 ? ~0ULL : (1ULL << sys->platform.num_cpus) - 1;
	char buf[64];

	if (cell->cpu_mask & ~all)
		ERR(d, c, cell->cpus_loc, "CPUs %s do not exist: %s has %u CPUs",
		    cv_format_cpu_list(cell->cpu_mask & ~all, buf, sizeof(buf)), s->path,
		    sys->platform.num_cpus);
	else if (cell->cpu_mask & ~root->cpu_mask)
		ERR(d, c, cell->cpus_loc, "CPUs %s are not the root cell's to give",
		    cv_format_cpu_list(cell->cpu_mask & ~root->cpu_mask, buf, sizeof(buf)));
	else if ((root->cpu_mask & ~cell->cpu_mask) == 0)
		ERR(d, c, cell->cpus_loc, "the cell takes every CPU of the root cell; Linux needs one");
	for (unsigned int i = 32; i < CV_NUM_IRQS; i++)
		if (cv_irq_owned(cell->irq_bitmap, i) && !cv_irq_owned(root->irq_bitmap, i)) {
			const struct cv_device *dev = cv_irq_device(cell, i);

			ERR(d, c, dev ? dev->irqs_loc : cell->irqs_loc, "interrupt %u%s%s%s is not owned by the root cell",
			    i, dev ? " of device '" : "", dev ? dev->name : "", dev ? "'" : "");
			break;
		}
	for (unsigned int i = 32; i < CV_NUM_IRQS; i++)
		if (cv_irq_owned(cell->irq_bitmap, i) && cv_is_root_doorbell(&sys->platform, i)) {
			ERR(d, c, cell->irqs_loc, "interrupt %u is a root doorbell (root-doorbell-irqs in %s): "
			    "the hypervisor raises it in the root cell, no cell can own it", i, s->path);
			break;
		}
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];
		const struct cv_console *con = &sys->debug_console;
		const char *gic;

		if (is_comm(r) || r->size == 0)
			continue;
		gic = gic_clash(&sys->platform, r->phys, r->size, buf, sizeof(buf));
		if (overlaps(r->phys, r->size, sys->hv_phys, sys->hv_size))
			ERR(d, c, r->loc, "memory region 0x%llx +0x%llx overlaps the hypervisor's memory "
			    "(0x%llx +0x%llx)", ull(r->phys), ull(r->size), ull(sys->hv_phys), ull(sys->hv_size));
		else if (gic)
			ERR(d, c, r->loc, "memory region 0x%llx +0x%llx covers %s, which the hypervisor emulates",
			    ull(r->phys), ull(r->size), gic);
		else if (!covered_by(root, r->phys, r->size))
			ERR(d, c, r->loc, "memory region 0x%llx +0x%llx is outside the root cell's memory",
			    ull(r->phys), ull(r->size));
		/* The hypervisor writes its log there from any CPU at any time; even shared it would interleave. */
		if (con->type != CV_CON_TYPE_NONE &&
		    overlaps(r->phys, r->size, con->address, con->size ? con->size : CV_PAGE_SIZE))
			ERR(d, c, r->loc, "memory region 0x%llx +0x%llx holds the hypervisor's debug-console UART "
			    "(0x%llx): no cell can have it, not even root-shared; print through virtual-console "
			    "instead (debug-console in %s)", ull(r->phys), ull(r->size), ull(con->address), s->path);
	}
}

int cv_cell_validate(const struct cv_config *c, const struct cv_config *sys, struct cv_diag *d)
{
	size_t before = d->n_errors;

	if (c->kind != CV_CONFIG_CELL)
		return ERR(d, c, (struct cv_loc){}, "not a cell config (kind: system)");
	(void)cv_cell_validate_alone(c, d);
	if (sys) {
		check_against_system(c, sys, d);
		cv_check_devices_against_system(c, sys, d);
	}
	return d->n_errors > before ? -EINVAL : 0;
}

static void check_gic(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_system *s = &c->system;
	const struct cv_platform *p = &s->platform;
	char buf[80];

	if (p->gic_version != CV_GIC_V3)
		ERR(d, c, s->platform_loc, "gic-version %u is not supported (only 3)", p->gic_version);
	if (p->maintenance_irq < 16 || p->maintenance_irq > 31)
		ERR(d, c, s->maint_loc, "maintenance-irq %u is not a PPI (16..31)", p->maintenance_irq);
	if (!aligned(p->gicd_base))
		ERR(d, c, s->gicd_loc, "gicd 0x%llx is not 4K-aligned", ull(p->gicd_base));
	if (!aligned(p->gicr_base))
		ERR(d, c, s->gicr_loc, "gicr 0x%llx is not 4K-aligned", ull(p->gicr_base));
	if (p->gicr_stride < 0x20000 || !aligned(p->gicr_stride))
		ERR(d, c, s->platform_loc, "gicr-stride 0x%llx is too small for GICv3 (0x20000)",
		    ull(p->gicr_stride));
	/* The distributor and redistributors are emulated: the root must not map them. */
	for (unsigned int i = 0; i < s->root.n_regions; i++) {
		const struct cv_region *r = &s->root.regions[i];
		const char *gic = gic_clash(p, r->phys, r->size, buf, sizeof(buf));

		if (gic)
			ERR(d, c, r->loc, "root memory region 0x%llx +0x%llx covers %s, which the hypervisor "
			    "emulates", ull(r->phys), ull(r->size), gic);
	}
}

static void check_doorbells(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_system *s = &c->system;
	const struct cv_platform *p = &s->platform;

	/* the parser let only SPIs through */
	for (unsigned int i = 0; i < p->root_doorbell_count; i++)
		if (!cv_irq_owned(s->root.irq_bitmap, p->root_doorbell_base + i)) {
			ERR(d, c, s->doorbell_loc, "root doorbell %u is not in the root cell's 'irqs'",
			    p->root_doorbell_base + i);
			break;
		}
}

static void check_cpus(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_system *s = &c->system;
	uint64_t all = s->platform.num_cpus >= 64 ? ~0ULL : (1ULL << s->platform.num_cpus) - 1;
	char buf[64];

	if (s->platform.num_cpus == 0)
		ERR(d, c, s->cpus_loc, "the platform lists no CPU");
	for (unsigned int i = 0; i < s->platform.num_cpus; i++)
		for (unsigned int j = 0; j < i; j++)
			if (s->platform.cpu_mpidr[i] == s->platform.cpu_mpidr[j])
				ERR(d, c, s->cpus_loc, "CPUs %u and %u have the same MPIDR 0x%llx", j, i,
				    ull(s->platform.cpu_mpidr[i]));
	if (s->root.cpu_mask & ~all)
		ERR(d, c, s->root.cpus_loc, "root cell CPUs %s do not exist (the platform lists %u)",
		    cv_format_cpu_list(s->root.cpu_mask & ~all, buf, sizeof(buf)), s->platform.num_cpus);
}

int cv_system_validate(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_system *s = &c->system;
	size_t before = d->n_errors;

	if (c->kind != CV_CONFIG_SYSTEM)
		return ERR(d, c, (struct cv_loc){}, "not a system config (kind: cell)");
	if (s->hv_size == 0 || !aligned(s->hv_phys) || !aligned(s->hv_size))
		ERR(d, c, s->hv_loc, "hypervisor memory 0x%llx +0x%llx must be non-empty and 4K-aligned",
		    ull(s->hv_phys), ull(s->hv_size));
	check_regions(c, &s->root, d);
	for (unsigned int i = 0; i < s->root.n_regions; i++) {
		const struct cv_region *r = &s->root.regions[i];

		if (overlaps(r->phys, r->size, s->hv_phys, s->hv_size))
			ERR(d, c, r->loc, "root memory region 0x%llx +0x%llx overlaps the hypervisor's memory "
			    "(0x%llx +0x%llx)", ull(r->phys), ull(r->size), ull(s->hv_phys), ull(s->hv_size));
	}
	check_gic(c, d);
	check_doorbells(c, d);
	check_cpus(c, d);
	if (s->debug_console.type != CV_CON_TYPE_NONE && s->debug_console.address == 0)
		ERR(d, c, s->hv_loc, "debug-console has a type but no address");
	else if (s->debug_console.type != CV_CON_TYPE_NONE && s->debug_console.type != CV_CON_TYPE_PL011 &&
		 s->debug_console.type != CV_CON_TYPE_IMX)
		cv_diag_warning(d, c->path, s->hv_loc, "the hypervisor drives only pl011 and imx debug consoles: "
				"its log will reach Linux (cellctl console) but not this UART");
	return d->n_errors > before ? -EINVAL : 0;
}

static void check_pair(const struct cv_config *a, const struct cv_config *b, struct cv_diag *d)
{
	char buf[64], wa[80], wb[80];

	if (streq(a->cell.name, b->cell.name))
		ERR(d, b, b->cell.name_loc, "cell name '%s' is also used by %s", b->cell.name, a->path);
	if (a->cell.cpu_mask & b->cell.cpu_mask)
		ERR(d, b, b->cell.cpus_loc, "CPUs %s are also given to cell '%s' (%s)",
		    cv_format_cpu_list(a->cell.cpu_mask & b->cell.cpu_mask, buf, sizeof(buf)),
		    a->cell.name, a->path);
	for (unsigned int i = 0; i < CV_NUM_IRQS; i++)
		if (cv_irq_owned(a->cell.irq_bitmap, i) && cv_irq_owned(b->cell.irq_bitmap, i)) {
			const struct cv_device *dev = cv_irq_device(&b->cell, i);

			ERR(d, b, dev ? dev->irqs_loc : b->cell.irqs_loc, "interrupt %u is also given to cell '%s' (%s)",
			    i, a->cell.name, a->path);
			break;
		}
	for (unsigned int i = 0; i < b->cell.n_regions; i++)
		for (unsigned int j = 0; j < a->cell.n_regions; j++) {
			const struct cv_region *rb = &b->cell.regions[i], *ra = &a->cell.regions[j];

			/* Shared memory is flagged root-shared on both sides. */
			if (is_comm(ra) || is_comm(rb) || (ra->flags & rb->flags & CV_MEM_ROOTSHARED))
				continue;
			if (overlaps(ra->phys, ra->size, rb->phys, rb->size))
				ERR(d, b, rb->loc, "%s overlaps %s of cell '%s' (%s:%u)",
				    cv_region_describe(&b->cell, rb, wb, sizeof(wb)),
				    ra->device ? cv_region_describe(&a->cell, ra, wa, sizeof(wa)) : "memory",
				    a->cell.name, a->path, ra->loc.line);
		}
}

int cv_cells_validate_together(struct cv_config *const *cells, size_t n, struct cv_diag *d)
{
	size_t before = d->n_errors;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			check_pair(cells[j], cells[i], d);
	return d->n_errors > before ? -EINVAL : 0;
}

int cv_cells_check(struct cv_config *const *configs, size_t n, const struct cv_config *sys,
		   struct cv_diag *d)
{
	_cleanup_free_ struct cv_config **cells = calloc(n + 1, sizeof(*cells));
	size_t before = d->n_errors, n_cells = 0;

	if (!cells)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (configs[i] && configs[i]->kind == CV_CONFIG_CELL &&
		    cv_cell_validate(configs[i], sys, d) == 0)
			cells[n_cells++] = configs[i];
	(void)cv_cells_validate_together(cells, n_cells, d);
	return d->n_errors > before ? -EINVAL : 0;
}
