/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validation of system and cell configs: the rules every side applies
 * (common/config-check.c, which the hypervisor applies again on its own)
 * told at their place in the file, plus what only the userland can check
 * (image files, cells meant to run together).
 */
#include <stdio.h>
#include <sys/stat.h>

#include <cellvisor/config-check.h>

#include "cv-config.h"
#include "cv-config-validate.h"
#include "cv-config-links.h"
#include "cv-elf.h"

#define ERR(d, c, loc, ...) cv_diag_error((d), (c)->path, (loc), __VA_ARGS__)

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

static bool is_comm(const struct cv_region *r)
{
	return r->flags & CV_MEM_COMM_REGION;
}

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
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
 * The shared rules (common/config-check.c) run on the compiled blob; each
 * verdict names a rule and the region, CPU or IRQ it is about, and is told
 * here in words at the place in the YAML file that said it.
 */
struct verdict_ctx {
	struct cv_check chk;
	const struct cv_config *c;	/* the config checked */
	const struct cv_config *sys;	/* the system config it is checked against */
	const struct cv_cell *cell;	/* c's cell, or the system's root cell */
	bool root;
	struct cv_diag *d;
};

static const char *flag_names(uint64_t flags, char *buf, size_t len)
{
	static const struct { uint64_t flag; const char *name; } names[] = {
		{ CV_MEM_READ, "read" }, { CV_MEM_WRITE, "write" }, { CV_MEM_EXECUTE, "execute" },
		{ CV_MEM_DMA, "dma" }, { CV_MEM_IO, "io" }, { CV_MEM_COMM_REGION, "comm-region" },
		{ CV_MEM_LOADABLE, "loadable" }, { CV_MEM_ROOTSHARED, "root-shared" },
		{ CV_MEM_NO_HUGEPAGES, "no-hugepages" }, { CV_MEM_ROOT_RAM, "root-ram" },
	};
	size_t n = 0;

	buf[0] = 0;
	for (size_t i = 0; i < ELEMENTSOF(names); i++)
		if (flags & names[i].flag)
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? ", " : "", names[i].name);
	return buf;
}

/*
 * The part of the GIC that [phys, phys+size) covers, described for a
 * message ("the GIC distributor (0x8000000)"). Only the hypervisor
 * touches the GIC's registers; everyone else gets its emulation.
 */
static const char *gic_part(const struct cv_platform *p, uint64_t phys, uint64_t size, char *buf,
			    size_t len)
{
	uint64_t gicr_size = p->gicr_stride * p->num_cpus;

	if (overlaps(phys, size, p->gicd_base, CV_GIC_FRAME_SIZE))
		snprintf(buf, len, "the GIC distributor (0x%llx)", ull(p->gicd_base));
	else
		snprintf(buf, len, "the GIC redistributors (0x%llx +0x%llx)", ull(p->gicr_base),
			 ull(gicr_size));
	return buf;
}

/* A verdict about memory region v->index (of a cell, or of the root cell). */
static void region_verdict(struct verdict_ctx *x, const struct cv_verdict *v)
{
	const struct cv_cell *cell = x->cell;
	const struct cv_region *r = &cell->regions[v->index], *o = &cell->regions[v->other];
	const struct cv_system *sys = x->sys ? &x->sys->system : NULL;
	const char *what = x->root ? "root memory region" : "memory region";
	const char *sys_path = x->sys ? x->sys->path : "the system config";
	struct cv_diag *d = x->d;
	const struct cv_config *c = x->c;
	char buf[128];

	switch (v->rule) {
	case CV_RULE_REGION_EMPTY:
		ERR(d, c, r->loc, "memory region has size 0");
		break;
	case CV_RULE_REGION_UNALIGNED:
		if (!is_comm(r) && (r->phys & (CV_PAGE_SIZE - 1)))
			ERR(d, c, r->loc, "%s phys 0x%llx is not 4K-aligned", what, ull(r->phys));
		else if (r->virt & (CV_PAGE_SIZE - 1))
			ERR(d, c, r->loc, "%s virt 0x%llx is not 4K-aligned", what, ull(r->virt));
		else
			ERR(d, c, r->loc, "%s size 0x%llx is not a multiple of 4K", what, ull(r->size));
		break;
	case CV_RULE_REGION_WRAPS:
		ERR(d, c, r->loc, "%s 0x%llx +0x%llx wraps around the address space", what,
		    ull(is_comm(r) ? r->virt : r->phys), ull(r->size));
		break;
	case CV_RULE_REGION_IPA_LIMIT:
		ERR(d, c, r->loc, "%s at guest address 0x%llx +0x%llx ends above the %d-bit guest "
		    "physical address space (0x%llx)", what, ull(r->virt), ull(r->size), CV_IPA_BITS,
		    ull(CV_IPA_LIMIT));
		break;
	case CV_RULE_REGION_NO_ACCESS:
		ERR(d, c, r->loc, "%s 0x%llx has no access flags (read, write, execute)", what,
		    ull(r->phys));
		break;
	case CV_RULE_REGION_FLAGS:
		ERR(d, c, r->loc, "%s 0x%llx cannot be flagged %s%s", what, ull(r->phys),
		    flag_names(r->flags & (x->root ? CV_MEM_LOADABLE | CV_MEM_ROOTSHARED :
					   CV_MEM_ROOT_RAM), buf, sizeof(buf)),
		    x->root ? "" : ": root-ram marks the root cell's own RAM, in the system config");
		break;
	case CV_RULE_REGION_OVERLAP_VIRT:
		ERR(d, c, r->loc, "%s at guest address 0x%llx overlaps the one at 0x%llx (line %u)",
		    what, ull(r->virt), ull(o->virt), o->loc.line);
		break;
	case CV_RULE_REGION_OVERLAP_PHYS:
		ERR(d, c, r->loc, "%s at phys 0x%llx overlaps the one at 0x%llx (line %u)", what,
		    ull(r->phys), ull(o->phys), o->loc.line);
		break;
	case CV_RULE_COMM_SIZE:
		ERR(d, c, r->loc, "the comm region is one 4K page");
		break;
	case CV_RULE_COMM_PHYS:
		ERR(d, c, r->loc, "a comm region is a page of the hypervisor's and has no physical "
		    "address: phys 0x%llx must be 0 (or use the 'comm-region' key)", ull(r->phys));
		break;
	case CV_RULE_COMM_FLAGS:
		ERR(d, c, r->loc, "the comm region can only be read and written, not flagged %s",
		    flag_names(r->flags & ~(CV_MEM_READ | CV_MEM_WRITE | CV_MEM_COMM_REGION), buf,
			       sizeof(buf)));
		break;
	case CV_RULE_COMM_TWICE:
		if (r->loc.line == cell->loc.line && r->loc.column == cell->loc.column)
			/* the one the cell gets without 'comm-region: none' */
			ERR(d, c, o->loc, "a comm region in 'memory' besides the cell's default one at 0x%llx: "
			    "say 'comm-region: none' to have only this one", ull(r->virt));
		else
			ERR(d, c, r->loc, "a second comm region (the first is on line %u)", o->loc.line);
		break;
	case CV_RULE_ROOT_NOT_IDENTITY:
		ERR(d, c, r->loc, "root memory region 0x%llx is mapped at 0x%llx: the root cell's regions "
		    "are identity-mapped (leave 'virt' out)", ull(r->phys), ull(r->virt));
		break;
	case CV_RULE_ROOT_COMM:
		ERR(d, c, r->loc, "the root cell has no comm region");
		break;
	case CV_RULE_ROOT_RAM_IO:
		ERR(d, c, r->loc, "root memory region 0x%llx is flagged both root-ram and io", ull(r->phys));
		break;
	case CV_RULE_REGION_HYPERVISOR:
		ERR(d, c, r->loc, "%s 0x%llx +0x%llx overlaps the hypervisor's memory (0x%llx +0x%llx)",
		    what, ull(r->phys), ull(r->size), ull(sys->hv_phys), ull(sys->hv_size));
		break;
	case CV_RULE_REGION_GIC:
		ERR(d, c, r->loc, "%s 0x%llx +0x%llx covers %s, which the hypervisor emulates", what,
		    ull(r->phys), ull(r->size), gic_part(&sys->platform, r->phys, r->size, buf, sizeof(buf)));
		break;
	case CV_RULE_REGION_DEBUG_UART:
		/* the hypervisor writes its log there from any CPU at any time */
		ERR(d, c, r->loc, "memory region 0x%llx +0x%llx holds the hypervisor's debug-console UART "
		    "(0x%llx): no cell can have it, not even root-shared; print through virtual-console "
		    "instead (debug-console in %s)", ull(r->phys), ull(r->size),
		    ull(sys->debug_console.address), sys_path);
		break;
	case CV_RULE_REGION_OUTSIDE_ROOT:
		for (unsigned int k = 0; k < sys->root.n_regions; k++)
			if (overlaps(r->phys, r->size, sys->root.regions[k].phys, sys->root.regions[k].size)) {
				ERR(d, c, r->loc, "memory region 0x%llx +0x%llx is not inside one region of the "
				    "root cell's memory (it reaches beyond the one at 0x%llx, %s:%u)",
				    ull(r->phys), ull(r->size), ull(sys->root.regions[k].phys), sys_path,
				    sys->root.regions[k].loc.line);
				return;
			}
		ERR(d, c, r->loc, "memory region 0x%llx +0x%llx is outside the root cell's memory",
		    ull(r->phys), ull(r->size));
		break;
	case CV_RULE_REGION_ROOT_RAM:
		ERR(d, c, r->loc, "memory region 0x%llx +0x%llx is RAM the root cell uses (the region at "
		    "0x%llx flagged root-ram, %s:%u): no cell may map it, not even root-shared or io",
		    ull(r->phys), ull(r->size), ull(sys->root.regions[v->other].phys), sys_path,
		    sys->root.regions[v->other].loc.line);
		break;
	}
}

/* The cell's own rules and a cell against the system config; false for others. */
static bool cell_verdict(struct verdict_ctx *x, const struct cv_verdict *v)
{
	const struct cv_config *c = x->c;
	const struct cv_cell *cell = x->cell;
	const struct cv_system *s = x->sys ? &x->sys->system : NULL;
	uint64_t all = s ? (s->platform.num_cpus >= 64 ? ~0ULL : (1ULL << s->platform.num_cpus) - 1) : 0;
	struct cv_diag *d = x->d;
	char buf[64];

	switch (v->rule) {
	case CV_RULE_NAME:
		ERR(d, c, cell->name_loc, "invalid cell name '%s'", cell->name);
		break;
	case CV_RULE_NAME_RESERVED:
		ERR(d, c, cell->name_loc, "the cell name '%s' is reserved: the hypervisor's console goes by it",
		    cell->name);
		break;
	case CV_RULE_NO_CPUS:
		ERR(d, c, cell->cpus_loc, "the cell has no CPUs");
		break;
	case CV_RULE_IRQ_NOT_SPI:
		ERR(d, c, cell->irqs_loc, "interrupt %u is not an SPI: a cell owns only SPIs (INTIDs 32..1019)",
		    v->index);
		break;
	case CV_RULE_MSG_TIMEOUT:
		ERR(d, c, cell->timeout_loc, "msg-reply-timeout-us %llu is above %llu (10 s): a root CPU waits "
		    "in the hypervisor that long", ull(cell->msg_reply_timeout_us),
		    ull(CV_MSG_REPLY_TIMEOUT_MAX_US));
		break;
	case CV_RULE_VUART_BASE:
		ERR(d, c, cell->vuart_loc, "vuart base 0x%llx is not 4K-aligned or lies above the guest "
		    "physical address space", ull(cell->vuart.base));
		break;
	case CV_RULE_VUART_OVERLAP:
		ERR(d, c, cell->vuart_loc, "vuart at 0x%llx overlaps a memory region of the cell",
		    ull(cell->vuart.base));
		break;
	case CV_RULE_VUART_IRQ:
		ERR(d, c, cell->vuart_loc, "vuart irq %u is not an SPI (32..1019)", cell->vuart.irq);
		break;
	case CV_RULE_VUART_IRQ_NOT_OWNED:
		ERR(d, c, cell->vuart_loc, "vuart irq %u is not in the cell's 'irqs': add it there",
		    cell->vuart.irq);
		break;
	case CV_RULE_CONSOLE_NOT_OWN:
		ERR(d, c, cell->console_loc, "console UART at 0x%llx is neither the cell's vuart nor in one of "
		    "its 'io' memory regions: its first character would fault the cell",
		    ull(cell->console.address));
		break;
	case CV_RULE_RESET_NOT_EXEC:
		ERR(d, c, cell->reset_loc.line ? cell->reset_loc : cell->loc,
		    "reset-address 0x%llx is not inside an executable memory region",
		    ull(cell->reset_address));
		break;
	case CV_RULE_CPU_NOT_EXIST:
		ERR(d, c, cell->cpus_loc, "CPUs %s do not exist: %s has %u CPUs",
		    cv_format_cpu_list(cell->cpu_mask & ~all, buf, sizeof(buf)), x->sys->path,
		    s->platform.num_cpus);
		break;
	case CV_RULE_CPU_NOT_ROOT:
		ERR(d, c, cell->cpus_loc, "CPUs %s are not the root cell's to give",
		    cv_format_cpu_list(cell->cpu_mask & ~s->root.cpu_mask, buf, sizeof(buf)));
		break;
	case CV_RULE_CPU_ALL_OF_ROOT:
		ERR(d, c, cell->cpus_loc, "the cell takes every CPU of the root cell; Linux needs one");
		break;
	case CV_RULE_IRQ_NOT_ROOT: {
		const struct cv_device *dev = cv_irq_device(cell, v->index);

		ERR(d, c, dev ? dev->irqs_loc : cell->irqs_loc, "interrupt %u%s%s%s is not owned by the root cell",
		    v->index, dev ? " of device '" : "", dev ? dev->name : "", dev ? "'" : "");
		break;
	}
	case CV_RULE_IRQ_DOORBELL:
		ERR(d, c, cell->irqs_loc, "interrupt %u is a root doorbell (root-doorbell-irqs in %s): "
		    "the hypervisor raises it in the root cell, no cell can own it", v->index, x->sys->path);
		break;
	default:
		return false;
	}
	return true;
}

/* The system config's own rules; false for others. */
static bool system_verdict(struct verdict_ctx *x, const struct cv_verdict *v)
{
	const struct cv_config *c = x->c;
	const struct cv_system *s = &x->sys->system;
	uint64_t all = s->platform.num_cpus >= 64 ? ~0ULL : (1ULL << s->platform.num_cpus) - 1;
	struct cv_diag *d = x->d;
	char buf[64];

	switch (v->rule) {
	case CV_RULE_HV_MEMORY:
		ERR(d, c, s->hv_loc, "hypervisor memory 0x%llx +0x%llx must be 2M-aligned and 2M..64M in size "
		    "(the hypervisor maps it with 2M blocks)", ull(s->hv_phys), ull(s->hv_size));
		break;
	case CV_RULE_DEBUG_CONSOLE:
		ERR(d, c, s->hv_loc, "debug-console has a type but no address");
		break;
	case CV_RULE_GIC_VERSION:
		ERR(d, c, s->platform_loc, "gic-version %u is not supported (only 3)", s->platform.gic_version);
		break;
	case CV_RULE_MAINTENANCE_IRQ:
		ERR(d, c, s->maint_loc, "maintenance-irq %u is not a PPI (16..31)", s->platform.maintenance_irq);
		break;
	case CV_RULE_GICD:
		ERR(d, c, s->gicd_loc, "gicd 0x%llx is not a 64K-aligned address", ull(s->platform.gicd_base));
		break;
	case CV_RULE_GICR:
		if (!s->platform.gicr_base || (s->platform.gicr_base & (CV_GIC_FRAME_SIZE - 1)))
			ERR(d, c, s->gicr_loc, "gicr 0x%llx is not a 64K-aligned address",
			    ull(s->platform.gicr_base));
		else
			ERR(d, c, s->platform_loc, "gicr-stride 0x%llx is not a multiple of 64K of at least "
			    "0x20000 (GICv3)", ull(s->platform.gicr_stride));
		break;
	case CV_RULE_NUM_CPUS:
		ERR(d, c, s->cpus_loc, "the platform lists no CPU");
		break;
	case CV_RULE_MPIDR_TWICE:
		ERR(d, c, s->cpus_loc, "CPUs %u and %u have the same MPIDR 0x%llx", v->other, v->index,
		    ull(s->platform.cpu_mpidr[v->index]));
		break;
	case CV_RULE_ROOT_DOORBELLS:
		ERR(d, c, s->doorbell_loc, "root-doorbell-irqs must be at most %d SPIs", CV_MAX_ROOT_DOORBELLS);
		break;
	case CV_RULE_ROOT_DOORBELL_NOT_ROOT:
		ERR(d, c, s->doorbell_loc, "root doorbell %u is not in the root cell's 'irqs'", v->index);
		break;
	case CV_RULE_ROOT_LINKS_NO_VPCI:
		ERR(d, c, s->root.links[0].loc, "the root's links need 'pci-mmconfig' in 'platform': "
		    "their registers are the pages after it");
		break;
	case CV_RULE_ROOT_LINKS_DOORBELLS:
		ERR(d, c, s->root.links[s->root.n_links - 1].loc, "the root's %u link(s) need %u root doorbells "
		    "(root-doorbell-irqs in 'platform': 0 is the consoles', 1.. the links'), not %u",
		    s->root.n_links, s->root.n_links + 1, s->platform.root_doorbell_count);
		break;
	case CV_RULE_ROOT_LINK_REGS:
		ERR(d, c, s->root.regions[v->index].loc, "root memory region 0x%llx +0x%llx covers the "
		    "registers of the root's links (0x%llx +0x%llx, after pci-mmconfig's 1M), which the "
		    "hypervisor emulates", ull(s->root.regions[v->index].phys), ull(s->root.regions[v->index].size),
		    ull(CV_ROOT_LINK_REGS(s->platform.pci_mmconfig_base, 0)), ull(s->root.n_links * CV_PAGE_SIZE));
		break;
	case CV_RULE_ROOT_CPU_NOT_EXIST:
		ERR(d, c, s->root.cpus_loc, "root cell CPUs %s do not exist (the platform lists %u)",
		    cv_format_cpu_list(s->root.cpu_mask & ~all, buf, sizeof(buf)), s->platform.num_cpus);
		break;
	default:
		return false;
	}
	return true;
}

static int report_verdict(struct cv_check *chk, const struct cv_verdict *v)
{
	struct verdict_ctx *x = (struct verdict_ctx *)chk;

	if (!strcmp(cv_rule_subject(v->rule), "region"))
		region_verdict(x, v);
	else if (!cv_links_verdict(x->c, x->cell, x->sys, v, x->d) &&
		 !cell_verdict(x, v) && !(x->sys && system_verdict(x, v)))
		/* the blob's shape and flags the YAML cannot say: the compiler's fault */
		ERR(x->d, x->c, x->cell->loc, "the compiled config breaks a rule: %s",
		    cv_rule_text(v->rule));
	return 1;
}

int cv_cell_check_rules(const struct cv_config *c, const struct cv_config *sys, struct cv_diag *d)
{
	_cleanup_free_ void *cell_blob = NULL, *sys_blob = NULL;
	size_t cell_size, sys_size;
	struct verdict_ctx x = {
		.chk.report = report_verdict, .c = c, .sys = sys, .cell = &c->cell, .d = d,
	};
	int r;

	r = cv_cell_compile(&c->cell, &cell_blob, &cell_size);
	if (r == 0 && sys)
		r = cv_system_compile(&sys->system, &sys_blob, &sys_size);
	if (r < 0)
		return ERR(d, c, c->cell.loc, "cannot compile the config: %s", strerror(-r));
	return cv_check_cell(&x.chk, cell_blob, cell_size, sys_blob) ? -EINVAL : 0;
}

int cv_cell_validate(const struct cv_config *c, const struct cv_config *sys, struct cv_diag *d)
{
	const struct cv_cell *cell = &c->cell;
	size_t before = d->n_errors;

	if (c->kind != CV_CONFIG_CELL)
		return ERR(d, c, (struct cv_loc){}, "not a cell config (kind: system)");
	(void)cv_cell_check_rules(c, sys, d);
	cv_check_devices(c, d);
	if (sys) {
		cv_check_devices_against_system(c, sys, d);
		cv_links_check_against_system(c, sys, d);
	}
	for (unsigned int i = 0; i < cell->n_images; i++)
		check_image(c, &cell->images[i], d);
	return d->n_errors > before ? -EINVAL : 0;
}

int cv_system_validate(const struct cv_config *c, struct cv_diag *d)
{
	const struct cv_system *s = &c->system;
	_cleanup_free_ void *blob = NULL;
	struct verdict_ctx x = {
		.chk.report = report_verdict, .c = c, .sys = c, .cell = &s->root, .root = true, .d = d,
	};
	size_t before = d->n_errors, size;
	int r;

	if (c->kind != CV_CONFIG_SYSTEM)
		return ERR(d, c, (struct cv_loc){}, "not a system config (kind: cell)");
	r = cv_system_compile(s, &blob, &size);
	if (r < 0)
		return ERR(d, c, s->root.loc, "cannot compile the config: %s", strerror(-r));
	(void)cv_check_system(&x.chk, blob, size);
	cv_links_check_root(c, d);
	if (s->debug_console.type != CV_CON_TYPE_NONE && s->debug_console.type != CV_CON_TYPE_PL011 &&
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
	cv_links_check_pair(a, b, d);
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
