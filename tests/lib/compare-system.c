/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compares a system config `cellctl config create` wrote from a board's
 * device tree with the one shipped for that board, part by part, as TAP
 * lines without numbers (the calling script numbers them). Equal must be:
 * the debug console, the GIC, the CPUs, the root's CPUs and interrupts,
 * every device window (phys, size, flags) both ways. The one freedom a
 * shipped config takes, and must explain in its comments: where in RAM the
 * hypervisor sits and how the RAM around it is split into regions; the
 * RAM regions and the hypervisor together must still be exactly the RAM
 * the device tree has. Names of regions and of the root cell are free.
 *
 * Usage: compare-system GENERATED.yaml SHIPPED.yaml
 */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-config.h"

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static bool is_io(const struct cv_region *r)
{
	return r->flags & CV_MEM_IO;
}

static bool same_region(const struct cv_region *a, const struct cv_region *b)
{
	return a->phys == b->phys && a->virt == b->virt && a->size == b->size && a->flags == b->flags;
}

/* Every device window of a is in b, unchanged; says which one is not. */
static void windows_in(const struct cv_cell *a, const struct cv_cell *b, const char *a_name,
		       const char *b_name)
{
	char what[160];

	for (unsigned int i = 0; i < a->n_regions; i++) {
		const struct cv_region *r = &a->regions[i];
		bool found = false;

		if (!is_io(r))
			continue;
		for (unsigned int j = 0; j < b->n_regions && !found; j++)
			found = same_region(r, &b->regions[j]);
		snprintf(what, sizeof(what), "device window 0x%llx +0x%llx of the %s config is in the %s one",
			 ull(r->phys), ull(r->size), a_name, b_name);
		tap_ok(found, "%s", what);
	}
}

/*
 * RAM as a set of pages: the root's RAM regions and the hypervisor. Both
 * configs must add up to the same set, region boundaries aside.
 */
struct span {
	uint64_t start, end;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static unsigned int ram_spans(const struct cv_system *s, struct span *out)
{
	unsigned int n = 0, merged = 0;

	for (unsigned int i = 0; i < s->root.n_regions; i++)
		if (!is_io(&s->root.regions[i]))
			out[n++] = (struct span){ s->root.regions[i].phys,
						  s->root.regions[i].phys + s->root.regions[i].size };
	out[n++] = (struct span){ s->hv_phys, s->hv_phys + s->hv_size };
	qsort(out, n, sizeof(*out), cmp_span);
	for (unsigned int i = 0; i < n; i++) {
		if (merged && out[i].start <= out[merged - 1].end) {
			if (out[i].end > out[merged - 1].end)
				out[merged - 1].end = out[i].end;
			continue;
		}
		out[merged++] = out[i];
	}
	return merged;
}

static bool same_ram(const struct cv_system *a, const struct cv_system *b)
{
	struct span sa[CV_MAX_MEM_REGIONS + 1], sb[CV_MAX_MEM_REGIONS + 1];
	unsigned int na = ram_spans(a, sa), nb = ram_spans(b, sb);
	bool same = na == nb && memcmp(sa, sb, na * sizeof(*sa)) == 0;

	for (unsigned int i = 0; i < na && !same; i++)
		printf("# generated RAM with the hypervisor: 0x%llx-0x%llx\n", ull(sa[i].start), ull(sa[i].end - 1));
	for (unsigned int i = 0; i < nb && !same; i++)
		printf("# shipped RAM with the hypervisor: 0x%llx-0x%llx\n", ull(sb[i].start), ull(sb[i].end - 1));
	return same;
}

/*
 * Every RAM region of the shipped config has the flags the generator
 * gives RAM, but for root-ram: the generator makes all RAM Linux's, a
 * shipped config keeps some for cells.
 */
static bool ram_flags(const struct cv_system *gen, const struct cv_system *shipped)
{
	uint64_t flags = 0;

	for (unsigned int i = 0; i < gen->root.n_regions && !flags; i++)
		if (!is_io(&gen->root.regions[i]))
			flags = gen->root.regions[i].flags;
	for (unsigned int i = 0; i < shipped->root.n_regions; i++)
		if (!is_io(&shipped->root.regions[i]) &&
		    (shipped->root.regions[i].flags | CV_MEM_ROOT_RAM) != flags)
			return false;
	return flags & CV_MEM_ROOT_RAM;
}

static struct cv_config *load(const char *path)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	struct cv_config *c = NULL;
	char what[256];

	cv_diag_init(&d);
	if (cv_config_load(path, &c, &d) == 0)
		(void)cv_system_validate(c, &d);
	for (size_t i = 0; i < d.n_msgs; i++)
		printf("# %s\n", d.msgs[i]);
	snprintf(what, sizeof(what), "%s is a valid system config", path);
	tap_ok(c && d.n_errors == 0, "%s", what);
	return d.n_errors ? NULL : c;
}

int main(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *gc = NULL, *sc = NULL;
	const struct cv_system *g, *s;

	if (argc != 3) {
		fprintf(stderr, "usage: %s GENERATED.yaml SHIPPED.yaml\n", argv[0]);
		return 2;
	}
	gc = load(argv[1]);
	sc = load(argv[2]);
	if (!gc || !sc)
		return 1;
	g = &gc->system;
	s = &sc->system;
	tap_ok(memcmp(&g->debug_console, &s->debug_console, sizeof(s->debug_console)) == 0,
	   "debug console: same type, address, size and flags");
	tap_ok(g->platform.gic_version == s->platform.gic_version && g->platform.gicd_base == s->platform.gicd_base &&
	   g->platform.gicr_base == s->platform.gicr_base && g->platform.gicr_stride == s->platform.gicr_stride,
	   "GIC: same version, distributor, redistributors and stride");
	tap_ok(g->platform.maintenance_irq == s->platform.maintenance_irq, "same maintenance interrupt");
	tap_ok(g->platform.num_cpus == s->platform.num_cpus &&
	   memcmp(g->platform.cpu_mpidr, s->platform.cpu_mpidr, sizeof(g->platform.cpu_mpidr)) == 0,
	   "CPUs: same MPIDRs in the same order");
	tap_ok(g->root.cpu_mask == s->root.cpu_mask, "root cell: same CPUs");
	tap_ok(memcmp(g->root.irq_bitmap, s->root.irq_bitmap, sizeof(g->root.irq_bitmap)) == 0,
	   "root cell: same interrupts");
	windows_in(&g->root, &s->root, "generated", "shipped");
	windows_in(&s->root, &g->root, "shipped", "generated");
	tap_ok(g->hv_size == s->hv_size, "hypervisor: same size");
	tap_ok(same_ram(g, s), "RAM regions and the hypervisor cover the same RAM");
	tap_ok(ram_flags(g, s), "every RAM region has the generated RAM's flags (root-ram aside)");
	return tap_done();
}
