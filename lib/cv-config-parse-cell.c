/* SPDX-License-Identifier: GPL-2.0-only */
/* YAML → struct cv_cell: memory regions, images, consoles and the cell keys. */
#include <stdio.h>

#include "cv-config-parse.h"

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
	int r = cv_yaml_strdup(y, v, "file", &img->file);

	if (r == 0 && !*img->file)
		return cv_yaml_error(y, v, "'file' is empty");
	return r;
}

DEFINE_KEY(image_string) { return cv_yaml_strdup(y, v, "string", &((struct cv_image *)ctx)->string); }

DEFINE_KEY(image_address) { return cv_yaml_size(y, v, "address", &((struct cv_image *)ctx)->address); }

static const struct cv_yaml_key image_keys[] = {
	{ .key = "file", .parse = image_file },
	{ .key = "string", .parse = image_string },
	{ .key = "address", .parse = image_address },
};

static int parse_images(struct cv_yaml *y, yaml_node_t *v, struct cv_cell *cell)
{
	int ret = 0;

	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'images' must be a list of {file or string, address}");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);
		struct cv_image *img;

		if (cell->n_images >= CV_MAX_IMAGES)
			return cv_yaml_error(y, item, "too many images (at most %d)", CV_MAX_IMAGES);
		img = &cell->images[cell->n_images++];
		img->loc = cv_yaml_loc(item);
		if (cv_yaml_mapping(y, item, "an image", image_keys, ELEMENTSOF(image_keys), img) < 0)
			ret = -EINVAL;
		else if (!img->file == !img->string)
			ret = cv_yaml_error(y, item, "an image has either 'file' or 'string'");
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

int cv_parse_console(struct cv_yaml *y, yaml_node_t *v, struct cv_console *con)
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
DEFINE_KEY(cell_console) { return cv_parse_console(y, v, &CELL(ctx)->console); }

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

int cv_parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root)
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
