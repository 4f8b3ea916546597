/* SPDX-License-Identifier: GPL-2.0-only */
/* YAML → struct cv_config: the key tables of system and cell configs. */
#include <stdio.h>

#include "cv-yaml.h"

#define Y (struct cv_yaml *y, yaml_node_t *v, void *ctx)
#define DEFINE_KEY(fn) static int fn Y

/* ABI fields are __u64/__u32 (and some are packed): parse into a temporary. */
#define SIZE_INTO(what, lvalue) ({				\
		uint64_t _t = 0;					\
		int _r = cv_yaml_size(y, v, what, &_t);			\
		if (_r == 0)						\
			(lvalue) = _t;					\
		_r;							\
	})
#define U32_INTO(what, lvalue) ({				\
		uint32_t _t = 0;					\
		int _r = cv_yaml_u32(y, v, what, &_t);			\
		if (_r == 0)						\
			(lvalue) = _t;					\
		_r;							\
	})

static const struct cv_yaml_flag mem_flags[] = {
	{ "read", CV_MEM_READ },
	{ "write", CV_MEM_WRITE },
	{ "execute", CV_MEM_EXECUTE },
	{ "dma", CV_MEM_DMA },
	{ "io", CV_MEM_IO },
	{ "comm-region", CV_MEM_COMM_REGION },
	{ "loadable", CV_MEM_LOADABLE },
	{ "root-shared", CV_MEM_ROOTSHARED },
	{ "no-hugepages", CV_MEM_NO_HUGEPAGES },
};

static const struct cv_yaml_flag console_types[] = {
	{ "none", CV_CON_TYPE_NONE },
	{ "pl011", CV_CON_TYPE_PL011 },
	{ "8250", CV_CON_TYPE_8250 },
	{ "imx", CV_CON_TYPE_IMX },
};

static const struct cv_yaml_flag console_flags[] = {
	{ "mmio", CV_CON_FLAG_MMIO },
	{ "regdist-4", CV_CON_FLAG_REGDIST_4 },
};

static const struct cv_yaml_flag virtual_console_modes[] = {
	{ "none", 0 },
	{ "permitted", CV_CELL_VIRTUAL_CONSOLE_PERMITTED },
	{ "active", CV_CELL_VIRTUAL_CONSOLE_PERMITTED | CV_CELL_VIRTUAL_CONSOLE_ACTIVE },
};

/* ---- memory regions ---- */

struct region_ctx {
	struct cv_region *r;
	bool has_virt;
};

DEFINE_KEY(region_phys) { return cv_yaml_size(y, v, "phys", &((struct region_ctx *)ctx)->r->phys); }
DEFINE_KEY(region_size) { return cv_yaml_size(y, v, "size", &((struct region_ctx *)ctx)->r->size); }
DEFINE_KEY(region_name) { const char *s; (void)ctx; return cv_yaml_string(y, v, "name", &s); }

DEFINE_KEY(region_virt)
{
	struct region_ctx *c = ctx;

	c->has_virt = true;
	return cv_yaml_size(y, v, "virt", &c->r->virt);
}

DEFINE_KEY(region_flags)
{
	return cv_yaml_flags(y, v, "memory flag", mem_flags, ELEMENTSOF(mem_flags),
			     &((struct region_ctx *)ctx)->r->flags);
}

static const struct cv_yaml_key region_keys[] = {
	{ .key = "name", .parse = region_name },
	{ .key = "phys", .parse = region_phys, .required = true },
	{ .key = "virt", .parse = region_virt },
	{ .key = "size", .parse = region_size, .required = true },
	{ .key = "flags", .parse = region_flags },
};

static int parse_regions(struct cv_yaml *y, yaml_node_t *v, struct cv_cell *cell)
{
	int ret = 0;

	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'memory' must be a list of regions");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);
		struct region_ctx c;

		/* One slot stays free for the comm region. */
		if (cell->n_regions >= CV_MAX_MEM_REGIONS - 1)
			return cv_yaml_error(y, item, "too many memory regions (at most %d)",
					     CV_MAX_MEM_REGIONS - 1);
		c = (struct region_ctx){ .r = &cell->regions[cell->n_regions++] };
		c.r->loc = cv_yaml_loc(item);
		if (cv_yaml_mapping(y, item, "a memory region", region_keys,
				    ELEMENTSOF(region_keys), &c) < 0)
			ret = -EINVAL;
		if (!c.has_virt)
			c.r->virt = c.r->phys;	/* identity-mapped unless told otherwise */
	}
	return ret;
}

/* ---- images ---- */

DEFINE_KEY(image_file)
{
	struct cv_image *img = ctx;
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "file", &s);
	if (r < 0)
		return r;
	if (!*s)
		return cv_yaml_error(y, v, "'file' is empty");
	img->file = strdup(s);
	return img->file ? 0 : -ENOMEM;
}

DEFINE_KEY(image_address) { return cv_yaml_size(y, v, "address", &((struct cv_image *)ctx)->address); }

static const struct cv_yaml_key image_keys[] = {
	{ .key = "file", .parse = image_file, .required = true },
	{ .key = "address", .parse = image_address },
};

static int parse_images(struct cv_yaml *y, yaml_node_t *v, struct cv_cell *cell)
{
	int ret = 0;

	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'images' must be a list of {file, address}");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);
		struct cv_image *img;

		if (cell->n_images >= CV_MAX_IMAGES)
			return cv_yaml_error(y, item, "too many images (at most %d)", CV_MAX_IMAGES);
		img = &cell->images[cell->n_images++];
		img->loc = cv_yaml_loc(item);
		if (cv_yaml_mapping(y, item, "an image", image_keys, ELEMENTSOF(image_keys), img) < 0)
			ret = -EINVAL;
	}
	return ret;
}

/* ---- console (struct cv_console) ---- */

DEFINE_KEY(con_type)
{
	uint64_t t = 0;
	int r;

	r = cv_yaml_flags(y, v, "console type", console_types, ELEMENTSOF(console_types), &t);
	((struct cv_console *)ctx)->type = (uint16_t)t;
	return r;
}

DEFINE_KEY(con_address) { return SIZE_INTO("address", ((struct cv_console *)ctx)->address); }
DEFINE_KEY(con_divider) { return U32_INTO("divider", ((struct cv_console *)ctx)->divider); }
DEFINE_KEY(con_gate) { return U32_INTO("gate-nr", ((struct cv_console *)ctx)->gate_nr); }
DEFINE_KEY(con_clock) { return SIZE_INTO("clock-reg", ((struct cv_console *)ctx)->clock_reg); }

DEFINE_KEY(con_size)
{
	uint64_t s;
	int r;

	r = cv_yaml_size(y, v, "size", &s);
	if (r == 0 && s > UINT32_MAX)
		return cv_yaml_error(y, v, "console 'size' must fit in 32 bits");
	((struct cv_console *)ctx)->size = (uint32_t)s;
	return r;
}

DEFINE_KEY(con_flags)
{
	uint64_t f = 0;
	int r;

	r = cv_yaml_flags(y, v, "console flag", console_flags, ELEMENTSOF(console_flags), &f);
	((struct cv_console *)ctx)->flags = (uint16_t)f;
	return r;
}

static const struct cv_yaml_key console_keys[] = {
	{ .key = "type", .parse = con_type, .required = true },
	{ .key = "address", .parse = con_address },
	{ .key = "size", .parse = con_size },
	{ .key = "flags", .parse = con_flags },
	{ .key = "divider", .parse = con_divider },
	{ .key = "gate-nr", .parse = con_gate },
	{ .key = "clock-reg", .parse = con_clock },
};

static int parse_console(struct cv_yaml *y, yaml_node_t *v, struct cv_console *con)
{
	return cv_yaml_mapping(y, v, "a console", console_keys, ELEMENTSOF(console_keys), con);
}

/* ---- cells ---- */

/* The comm region: an address, or "none"; without the key it sits at CV_COMM_REGION_IPA. */
struct cell_parse {
	struct cv_cell *cell;
	bool comm_set;
	bool comm_none;
	uint64_t comm_ipa;
	struct cv_loc comm_loc;
};

#define CELL(ctx) (((struct cell_parse *)(ctx))->cell)

DEFINE_KEY(cell_kind) { (void)y, (void)v, (void)ctx; return 0; }	/* checked by the caller */

DEFINE_KEY(cell_name)
{
	struct cv_cell *c = CELL(ctx);
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "name", &s);
	if (r < 0)
		return r;
	c->name_loc = cv_yaml_loc(v);
	if (!cv_cell_name_valid(s))
		return cv_yaml_error(y, v, "invalid cell name '%s': use 1..%d characters of "
				     "A-Z a-z 0-9 _ . - (not starting with . or -)",
				     s, CV_CELL_NAME_LEN - 1);
	memcpy(c->name, s, strlen(s) + 1);
	return 0;
}

DEFINE_KEY(cell_cpus)
{
	struct cv_cell *c = CELL(ctx);

	c->cpus_loc = cv_yaml_loc(v);
	return cv_yaml_cpus(y, v, &c->cpu_mask);
}

DEFINE_KEY(cell_irqs)
{
	struct cv_cell *c = CELL(ctx);

	c->irqs_loc = cv_yaml_loc(v);
	return cv_yaml_irqs(y, v, c->irq_bitmap);
}

DEFINE_KEY(cell_memory) { return parse_regions(y, v, CELL(ctx)); }
DEFINE_KEY(cell_images) { return parse_images(y, v, CELL(ctx)); }
DEFINE_KEY(cell_console) { return parse_console(y, v, &CELL(ctx)->console); }

DEFINE_KEY(cell_reset)
{
	struct cv_cell *c = CELL(ctx);

	c->reset_loc = cv_yaml_loc(v);
	return cv_yaml_size(y, v, "reset-address", &c->reset_address);
}

DEFINE_KEY(cell_timeout) { return cv_yaml_u64(y, v, "msg-reply-timeout-us", &CELL(ctx)->msg_reply_timeout_us); }
DEFINE_KEY(cell_vpci) { return cv_yaml_u32(y, v, "vpci-irq-base", &CELL(ctx)->vpci_irq_base); }

DEFINE_KEY(cell_virtual_console)
{
	struct cv_cell *c = CELL(ctx);
	uint64_t f = 0;
	int r;

	r = cv_yaml_flags(y, v, "virtual-console mode", virtual_console_modes,
			  ELEMENTSOF(virtual_console_modes), &f);
	c->flags |= (uint32_t)f;
	return r;
}

DEFINE_KEY(cell_passive)
{
	struct cv_cell *c = CELL(ctx);
	bool b = false;
	int r;

	r = cv_yaml_bool(y, v, "passive-comm-region", &b);
	if (b)
		c->flags |= CV_CELL_PASSIVE_COMMREG;
	return r;
}

DEFINE_KEY(vuart_base) { return SIZE_INTO("base", ((struct cv_vuart *)ctx)->base); }
DEFINE_KEY(vuart_irq) { return U32_INTO("irq", ((struct cv_vuart *)ctx)->irq); }

static const struct cv_yaml_key vuart_keys[] = {
	{ .key = "base", .parse = vuart_base, .required = true },
	{ .key = "irq", .parse = vuart_irq, .required = true },
};

DEFINE_KEY(cell_vuart)
{
	struct cv_cell *c = CELL(ctx);

	c->flags |= CV_CELL_VUART;
	c->vuart_loc = cv_yaml_loc(v);
	return cv_yaml_mapping(y, v, "'vuart'", vuart_keys, ELEMENTSOF(vuart_keys), &c->vuart);
}

DEFINE_KEY(cell_comm)
{
	struct cell_parse *p = ctx;
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "comm-region", &s);
	if (r < 0)
		return r;
	p->comm_set = true;
	p->comm_loc = cv_yaml_loc(v);
	if (streq(s, "none")) {
		p->comm_none = true;
		return 0;
	}
	return cv_yaml_size(y, v, "comm-region", &p->comm_ipa);
}

static const struct cv_yaml_key cell_keys[] = {
	{ .key = "kind", .parse = cell_kind },
	{ .key = "name", .parse = cell_name, .required = true },
	{ .key = "cpus", .parse = cell_cpus, .required = true },
	{ .key = "irqs", .parse = cell_irqs },
	{ .key = "memory", .parse = cell_memory, .required = true },
	{ .key = "images", .parse = cell_images },
	{ .key = "console", .parse = cell_console },
	{ .key = "virtual-console", .parse = cell_virtual_console },
	{ .key = "vuart", .parse = cell_vuart },
	{ .key = "comm-region", .parse = cell_comm },
	{ .key = "passive-comm-region", .parse = cell_passive },
	{ .key = "reset-address", .parse = cell_reset },
	{ .key = "msg-reply-timeout-us", .parse = cell_timeout },
	{ .key = "vpci-irq-base", .parse = cell_vpci },
};

/* The root cell is described inside the system config, with fewer keys. */
static const struct cv_yaml_key root_cell_keys[] = {
	{ .key = "name", .parse = cell_name, .required = true },
	{ .key = "cpus", .parse = cell_cpus, .required = true },
	{ .key = "irqs", .parse = cell_irqs },
	{ .key = "memory", .parse = cell_memory, .required = true },
};

static int parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root)
{
	struct cell_parse p = { .cell = cell, .comm_ipa = CV_COMM_REGION_IPA };
	struct cv_region *comm;
	int r;

	cell->loc = cv_yaml_loc(n);
	if (root)
		return cv_yaml_mapping(y, n, "the root cell", root_cell_keys,
				       ELEMENTSOF(root_cell_keys), &p);
	r = cv_yaml_mapping(y, n, "a cell config", cell_keys, ELEMENTSOF(cell_keys), &p);
	if (p.comm_none || cell->n_regions >= CV_MAX_MEM_REGIONS)
		return r;
	comm = &cell->regions[cell->n_regions++];
	*comm = (struct cv_region){
		.virt = p.comm_ipa,
		.size = CV_COMM_REGION_SIZE,
		.flags = CV_MEM_READ | CV_MEM_WRITE | CV_MEM_COMM_REGION,
		.loc = p.comm_set ? p.comm_loc : cell->loc,
	};
	return r;
}

/* ---- system ---- */

struct sys_parse {
	struct cv_system *sys;
};

DEFINE_KEY(hv_phys) { return cv_yaml_size(y, v, "phys", &((struct cv_system *)ctx)->hv_phys); }
DEFINE_KEY(hv_size) { return cv_yaml_size(y, v, "size", &((struct cv_system *)ctx)->hv_size); }

DEFINE_KEY(hv_root_reads)
{
	struct cv_system *s = ctx;
	bool b = false;
	int r;

	r = cv_yaml_bool(y, v, "root-reads-console", &b);
	if (b)
		s->flags |= CV_SYS_ROOT_READS_HV_CONSOLE;
	return r;
}

static const struct cv_yaml_key hv_keys[] = {
	{ .key = "phys", .parse = hv_phys, .required = true },
	{ .key = "size", .parse = hv_size, .required = true },
	{ .key = "root-reads-console", .parse = hv_root_reads },
};

DEFINE_KEY(sys_hypervisor)
{
	struct sys_parse *p = ctx;

	p->sys->hv_loc = cv_yaml_loc(v);
	return cv_yaml_mapping(y, v, "'hypervisor'", hv_keys, ELEMENTSOF(hv_keys), p->sys);
}

DEFINE_KEY(plat_gicd)
{
	struct cv_system *s = ctx;

	s->gicd_loc = cv_yaml_loc(v);
	return SIZE_INTO("gicd", s->platform.gicd_base);
}

DEFINE_KEY(plat_gicr)
{
	struct cv_system *s = ctx;

	s->gicr_loc = cv_yaml_loc(v);
	return SIZE_INTO("gicr", s->platform.gicr_base);
}

DEFINE_KEY(plat_stride) { return SIZE_INTO("gicr-stride", ((struct cv_system *)ctx)->platform.gicr_stride); }
DEFINE_KEY(plat_version) { return U32_INTO("gic-version", ((struct cv_system *)ctx)->platform.gic_version); }
DEFINE_KEY(plat_pci) { return SIZE_INTO("pci-mmconfig", ((struct cv_system *)ctx)->platform.pci_mmconfig_base); }

DEFINE_KEY(plat_maint)
{
	struct cv_system *s = ctx;

	s->maint_loc = cv_yaml_loc(v);
	return U32_INTO("maintenance-irq", s->platform.maintenance_irq);
}

DEFINE_KEY(plat_cpus)
{
	struct cv_system *s = ctx;
	int ret = 0;

	s->cpus_loc = cv_yaml_loc(v);
	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'cpus' of the platform must be a list of MPIDR values, "
				     "one per logical CPU");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);

		uint64_t mpidr = 0;

		if (s->platform.num_cpus >= CV_MAX_CPUS)
			return cv_yaml_error(y, item, "too many CPUs (at most %d)", CV_MAX_CPUS);
		if (cv_yaml_u64(y, item, "MPIDR", &mpidr) < 0)
			ret = -EINVAL;
		s->platform.cpu_mpidr[s->platform.num_cpus++] = mpidr;
	}
	return ret;
}

static const struct cv_yaml_key platform_keys[] = {
	{ .key = "gic-version", .parse = plat_version, .required = true },
	{ .key = "gicd", .parse = plat_gicd, .required = true },
	{ .key = "gicr", .parse = plat_gicr, .required = true },
	{ .key = "gicr-stride", .parse = plat_stride },
	{ .key = "maintenance-irq", .parse = plat_maint, .required = true },
	{ .key = "pci-mmconfig", .parse = plat_pci },
	{ .key = "cpus", .parse = plat_cpus, .required = true },
};

DEFINE_KEY(sys_platform)
{
	struct sys_parse *p = ctx;

	p->sys->platform_loc = cv_yaml_loc(v);
	p->sys->platform.gicr_stride = 0x20000;	/* GICv3: RD_base + SGI_base frames */
	return cv_yaml_mapping(y, v, "'platform'", platform_keys, ELEMENTSOF(platform_keys), p->sys);
}

DEFINE_KEY(sys_console) { return parse_console(y, v, &((struct sys_parse *)ctx)->sys->debug_console); }
DEFINE_KEY(sys_root) { return parse_cell(y, v, &((struct sys_parse *)ctx)->sys->root, true); }

DEFINE_KEY(sys_name)
{
	struct sys_parse *p = ctx;
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "name", &s);
	if (r < 0)
		return r;
	if (!cv_cell_name_valid(s))
		return cv_yaml_error(y, v, "invalid system name '%s': use 1..%d characters of "
				     "A-Z a-z 0-9 _ . -", s, CV_CELL_NAME_LEN - 1);
	memcpy(p->sys->name, s, strlen(s) + 1);
	return 0;
}

static const struct cv_yaml_key system_keys[] = {
	{ .key = "kind", .parse = cell_kind },
	{ .key = "name", .parse = sys_name },
	{ .key = "hypervisor", .parse = sys_hypervisor, .required = true },
	{ .key = "debug-console", .parse = sys_console },
	{ .key = "platform", .parse = sys_platform, .required = true },
	{ .key = "root-cell", .parse = sys_root, .required = true },
};

/* ---- documents ---- */

static int parse_document(struct cv_yaml *y, struct cv_config *c)
{
	yaml_node_t *root = yaml_document_get_root_node(y->doc), *kind = NULL;
	struct sys_parse sp = { .sys = &c->system };
	const char *k;

	if (!root)
		return cv_diag_error(y->diag, y->path, (struct cv_loc){}, "the file is empty");
	if (root->type != YAML_MAPPING_NODE)
		return cv_yaml_error(y, root, "a config must be a mapping of keys to values");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *key = yaml_document_get_node(y->doc, p->key);

		if (key->type == YAML_SCALAR_NODE && streq((const char *)key->data.scalar.value, "kind"))
			kind = yaml_document_get_node(y->doc, p->value);
	}
	if (!kind)
		return cv_yaml_error(y, root, "missing 'kind': say 'kind: system' or 'kind: cell'");
	if (cv_yaml_string(y, kind, "kind", &k) < 0)
		return -EINVAL;
	if (streq(k, "cell")) {
		c->kind = CV_CONFIG_CELL;
		return parse_cell(y, root, &c->cell, false);
	}
	if (streq(k, "system")) {
		c->kind = CV_CONFIG_SYSTEM;
		return cv_yaml_mapping(y, root, "a system config", system_keys,
				       ELEMENTSOF(system_keys), &sp);
	}
	return cv_yaml_error(y, kind, "unknown kind '%s': must be 'system' or 'cell'", k);
}

static int parse_text(const char *path, const unsigned char *text, size_t len,
		      struct cv_config *c, struct cv_diag *diag)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct cv_yaml y = { .path = path, .doc = &doc, .diag = diag };
	int r;

	if (!yaml_parser_initialize(&parser))
		return -ENOMEM;
	yaml_parser_set_input_string(&parser, text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		struct cv_loc loc = {
			.line = (unsigned int)parser.problem_mark.line + 1,
			.column = (unsigned int)parser.problem_mark.column + 1,
		};
		if (parser.context)
			r = cv_diag_error(diag, path, loc, "YAML syntax: %s (%s started at line %zu, column %zu)",
					  parser.problem, parser.context, parser.context_mark.line + 1,
					  parser.context_mark.column + 1);
		else
			r = cv_diag_error(diag, path, loc, "YAML syntax: %s", parser.problem);
		yaml_parser_delete(&parser);
		return r;
	}
	r = parse_document(&y, c);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return r;
}

void cv_config_free(struct cv_config *c)
{
	if (!c)
		return;
	for (unsigned int i = 0; i < c->cell.n_images; i++)
		free(c->cell.images[i].file);
	free(c->path);
	free(c);
}

int cv_config_load_string(const char *path, const char *text, size_t len,
			  struct cv_config **ret, struct cv_diag *diag)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	size_t before = diag->n_errors;
	int r;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->path = strdup(path);
	if (!c->path)
		return -ENOMEM;
	r = parse_text(path, (const unsigned char *)text, len, c, diag);
	if (r < 0 || diag->n_errors > before)
		return r < 0 ? r : -EINVAL;
	*ret = TAKE_PTR(c);
	return 0;
}

int cv_config_load(const char *path, struct cv_config **ret, struct cv_diag *diag)
{
	_cleanup_fclose_ FILE *f = NULL;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;

	f = fopen(path, "re");
	if (!f)
		return cv_diag_error(diag, path, (struct cv_loc){}, "cannot open: %s", strerror(errno)),
		       -errno;
	text = malloc(CV_CONFIG_MAX_SIZE * 4 + 1);
	if (!text)
		return -ENOMEM;
	len = fread(text, 1, CV_CONFIG_MAX_SIZE * 4 + 1, f);
	if (ferror(f))
		return cv_diag_error(diag, path, (struct cv_loc){}, "cannot read: %s", strerror(errno));
	if (len > CV_CONFIG_MAX_SIZE * 4)
		return cv_diag_error(diag, path, (struct cv_loc){}, "file too large (over %d bytes)",
				     CV_CONFIG_MAX_SIZE * 4);
	return cv_config_load_string(path, text, len, ret, diag);
}
