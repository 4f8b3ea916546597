/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks of the parts of a cell config beyond memory, CPUs and IRQs: the
 * devices it takes from the root, what it boots ('linux:', a generated
 * device tree) and whether the device tree can describe it. Called by
 * cv-config-validate.c.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "cv-config.h"
#include "cv-config-validate.h"

#define ERR(d, c, loc, ...) cv_diag_error((d), (c)->path, (loc), __VA_ARGS__)

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

static bool is_ram(const struct cv_region *r)
{
	return !(r->flags & (CV_MEM_IO | CV_MEM_COMM_REGION));
}

const struct cv_device *cv_irq_device(const struct cv_cell *cell, unsigned int irq)
{
	for (unsigned int i = 0; i < cell->n_devices; i++)
		for (unsigned int k = 0; k < cell->devices[i].n_irqs; k++)
			if (cell->devices[i].irqs[k] == irq)
				return &cell->devices[i];
	return NULL;
}

char *cv_region_describe(const struct cv_cell *cell, const struct cv_region *r, char *buf, size_t size)
{
	if (r->device)
		snprintf(buf, size, "device '%s'", cell->devices[r->device - 1].name);
	else
		snprintf(buf, size, "memory region 0x%llx +0x%llx", ull(r->phys), ull(r->size));
	return buf;
}

/* A device's window must say where it is; devices of one cell must not overlap. */
static void check_device_shapes(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	unsigned int consoles = 0;

	for (unsigned int i = 0; i < cell->n_devices; i++) {
		const struct cv_device *a = &cell->devices[i];

		if (a->size == 0 || a->address + a->size < a->address)
			ERR(d, c, a->loc, "device '%s': window 0x%llx +0x%llx is empty or wraps around",
			    a->name, ull(a->address), ull(a->size));
		for (unsigned int j = 0; j < i; j++) {
			const struct cv_device *b = &cell->devices[j];

			if (streq(a->name, b->name) && a->address == b->address)
				ERR(d, c, a->loc, "device '%s' at 0x%llx is listed twice (line %u)",
				    a->name, ull(a->address), b->loc.line);
			else if (overlaps(a->address, a->size, b->address, b->size))
				ERR(d, c, a->loc, "device '%s' (0x%llx +0x%llx) overlaps device '%s' (line %u)",
				    a->name, ull(a->address), ull(a->size), b->name, b->loc.line);
		}
		if (a->console && ++consoles == 2)
			ERR(d, c, a->loc, "device '%s': only one device can be the console", a->name);
		if (a->clock_names_len && !a->clock_hz)
			ERR(d, c, a->loc, "device '%s': 'clock-names' needs a 'clock-frequency'", a->name);
	}
}

/*
 * Without an IOMMU (QEMU's SMMUv3 serves PCI only) a device's DMA uses
 * physical addresses: the cell's Linux gives it guest physical ones, so
 * they must be the same.
 */
static void check_dma_identity(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	const struct cv_device *dma = NULL;

	for (unsigned int i = 0; i < cell->n_devices && !dma; i++)
		if (cell->devices[i].dma != CV_DMA_NONE)
			dma = &cell->devices[i];
	if (!dma)
		return;
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];

		if (is_ram(r) && r->virt != r->phys)
			ERR(d, c, r->loc, "memory region 0x%llx is mapped at guest address 0x%llx, but device "
			    "'%s' does DMA: without an IOMMU it reaches physical addresses, so map the cell's "
			    "RAM 1:1 (virt = phys)", ull(r->phys), ull(r->virt), dma->name);
	}
}

static const struct cv_region *region_at(const struct cv_cell *cell, uint64_t addr, uint64_t flags)
{
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		const struct cv_region *r = &cell->regions[i];

		if (addr >= r->virt && addr - r->virt < r->size && (r->flags & flags) == flags)
			return r;
	}
	return NULL;
}

static void check_file(const struct cv_config *c, const char *what, const char *file, struct cv_loc loc,
		       struct cv_diag *d)
{
	_cleanup_free_ char *path = cv_config_path(c, file);
	struct stat st;

	if (!file)
		return;
	if (!*file)
		ERR(d, c, loc, "'%s' is empty", what);
	else if (!path || stat(path, &st) < 0)
		cv_diag_warning(d, c->path, loc, "%s '%s' does not exist (yet)", what, path ? path : file);
	else if (!S_ISREG(st.st_mode))
		ERR(d, c, loc, "%s '%s' is not a regular file", what, path);
}

static void check_linux(const struct cv_config *c, const struct cv_cell *cell, struct cv_diag *d)
{
	const struct cv_linux *l = &cell->linux_boot;

	if (!cv_cell_has_linux(cell))
		return;
	if (cell->n_images)
		ERR(d, c, cell->images[0].loc, "a cell with 'linux' has no 'images': the kernel, initrd and "
		    "device tree are placed by cellvisor");
	if (!region_at(cell, cell->reset_address, CV_MEM_EXECUTE | CV_MEM_LOADABLE | CV_MEM_WRITE))
		ERR(d, c, cell->reset_loc.line ? cell->reset_loc : l->loc,
		    "reset-address 0x%llx is not in a loadable, writable, executable region: a Linux cell's "
		    "loader, kernel, initrd and device tree go there", ull(cell->reset_address));
	if (l->cmdline && strlen(l->cmdline) >= CV_LINUX_CMDLINE_MAX)
		ERR(d, c, l->cmdline_loc, "cmdline is %zu bytes; Linux takes at most %d",
		    strlen(l->cmdline), CV_LINUX_CMDLINE_MAX - 1);
	check_file(c, "kernel", l->kernel, l->loc, d);
	check_file(c, "initrd", l->initrd, l->loc, d);
	check_file(c, "dtb", l->dtb, l->loc, d);
}

void cv_check_devices(const struct cv_config *c, struct cv_diag *d)
{
	check_device_shapes(c, &c->cell, d);
	check_dma_identity(c, &c->cell, d);
	check_linux(c, &c->cell, d);
}

void cv_check_device_tree_image(const struct cv_config *c, const struct cv_image *img, struct cv_diag *d)
{
	if (!region_at(&c->cell, img->address, CV_MEM_LOADABLE))
		ERR(d, c, img->loc, "the device tree is loaded at 0x%llx, which is in no region flagged 'loadable'",
		    ull(img->address));
	else if (img->address & 7)
		ERR(d, c, img->loc, "the device tree's address 0x%llx is not 8-byte aligned", ull(img->address));
}

bool cv_cell_gets_device_tree(const struct cv_cell *cell)
{
	if (cv_cell_has_linux(cell))
		return !cell->linux_boot.dtb;
	for (unsigned int i = 0; i < cell->n_images; i++)
		if (cell->images[i].device_tree)
			return true;
	return false;
}

/* Is [start, start+size) inside root regions flagged io? */
static bool root_io_covers(const struct cv_cell *root, uint64_t start, uint64_t size)
{
	uint64_t end = start + size;
	bool progress = true;

	while (start < end && progress) {
		progress = false;
		for (unsigned int i = 0; i < root->n_regions; i++) {
			const struct cv_region *r = &root->regions[i];

			if ((r->flags & CV_MEM_IO) && r->phys <= start && start < r->phys + r->size) {
				start = r->phys + r->size;
				progress = true;
			}
		}
	}
	return start >= end;
}

void cv_check_devices_against_system(const struct cv_config *c, const struct cv_config *s, struct cv_diag *d)
{
	const struct cv_system *sys = &s->system;
	const struct cv_cell *cell = &c->cell;

	for (unsigned int i = 0; i < cell->n_devices; i++) {
		const struct cv_device *dev = &cell->devices[i];

		/* The hypervisor's console UART and the GIC are refused as for any region. */
		if (dev->size && !root_io_covers(&sys->root, dev->address, dev->size))
			ERR(d, c, dev->loc, "device '%s' (0x%llx +0x%llx) is not the root cell's to give: no root "
			    "region flagged 'io' covers it in %s", dev->name, ull(dev->address), ull(dev->size),
			    s->path);
	}
	/* The generated tree names each CPU by its MPIDR affinity (cpu@reg, Aff3..Aff0). */
	if (!cv_cell_gets_device_tree(cell))
		return;
	for (unsigned int cpu = 0; cpu < sys->platform.num_cpus && cpu < 64; cpu++) {
		uint64_t mpidr = sys->platform.cpu_mpidr[cpu];

		if ((cell->cpu_mask >> cpu & 1) && (mpidr & ~CV_MPIDR_AFFINITY))
			ERR(d, c, cell->cpus_loc, "CPU %u: its MPIDR 0x%llx in %s has bits outside Aff3..Aff0, "
			    "which a device tree cannot describe", cpu, ull(mpidr), s->path);
	}
}
