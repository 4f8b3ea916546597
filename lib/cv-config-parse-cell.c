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
	{ "root-ram", CV_MEM_ROOT_RAM },
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
	struct cv_region r;
	bool has_virt;
};

DEFINE_KEY(region_name) { const char *s; (void)ctx; return cv_yaml_string(y, v, "name", &s); }

DEFINE_KEY(region_virt)
{
	struct region_ctx *c = ctx;

	c->has_virt = true;
	return cv_yaml_size(y, v, "virt", &c->r.virt);
}

static const struct cv_yaml_key region_keys[] = {
	{ .key = "name", .parse = region_name },
	CV_KEY("phys", SIZE, struct region_ctx, r.phys, .required = true),
	{ .key = "virt", .parse = region_virt },
	CV_KEY("size", SIZE, struct region_ctx, r.size, .required = true),
	CV_KEY("flags", FLAGS, struct region_ctx, r.flags, CV_FLAGS(mem_flags), .what = "memory flag"),
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
		c = (struct region_ctx){ .r.loc = cv_yaml_loc(item) };
		if (cv_yaml_mapping(y, item, "a memory region", region_keys,
				    ELEMENTSOF(region_keys), &c) < 0)
			ret = -EINVAL;
		if (!c.has_virt)
			c.r.virt = c.r.phys;	/* identity-mapped unless told otherwise */
		cell->regions[cell->n_regions++] = c.r;
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

static const struct cv_yaml_key image_keys[] = {
	{ .key = "file", .parse = image_file },
	CV_KEY("string", STRDUP, struct cv_image, string),
	{ .key = "device-tree", .parse = cv_parse_image_device_tree },
	CV_KEY("address", SIZE, struct cv_image, address),
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
		else if ((img->file != NULL) + (img->string != NULL) + img->device_tree != 1)
			ret = cv_yaml_error(y, item, "an image has one of 'file', 'string' or 'device-tree'");
	}
	return ret;
}

/* ---- console (struct cv_console) ---- */

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

const struct cv_yaml_key cv_console_keys[CV_CONSOLE_KEYS] = {
	CV_KEY("type", FLAGS, struct cv_console, type, CV_FLAGS(console_types),
	       .what = "console type", .required = true),
	CV_KEY("address", SIZE, struct cv_console, address),
	{ .key = "size", .parse = con_size },
	CV_KEY("flags", FLAGS, struct cv_console, flags, CV_FLAGS(console_flags),
	       .what = "console flag"),
	CV_KEY("divider", U32, struct cv_console, divider),
	CV_KEY("gate-nr", U32, struct cv_console, gate_nr),
	CV_KEY("clock-reg", SIZE, struct cv_console, clock_reg),
};

/* ---- cells ---- */

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
	if (cv_cell_name_reserved(s))
		return cv_yaml_error(y, v, "the cell name '%s' is reserved: the hypervisor's console goes by it", s);
	memcpy(c->name, s, strlen(s) + 1);
	return 0;
}

DEFINE_KEY(cell_memory) { return parse_regions(y, v, CELL(ctx)); }
DEFINE_KEY(cell_images) { return parse_images(y, v, CELL(ctx)); }
DEFINE_KEY(cell_links) { return cv_parse_links(y, v, CELL(ctx), false); }
DEFINE_KEY(root_links) { return cv_parse_links(y, v, CELL(ctx), true); }

static const struct cv_yaml_key vuart_keys[] = {
	CV_KEY("base", SIZE, struct cv_vuart, base, .required = true),
	CV_KEY("irq", U32, struct cv_vuart, irq, .required = true),
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

#define CELL_KEY(name, ty, field, ...) CV_KEY(name, ty, struct cell_parse, cell.field, __VA_ARGS__)
#define CELL_LOC(field) CV_LOC(struct cell_parse, cell.field)

static const struct cv_yaml_key cell_keys[] = {
	{ .key = "kind" },	/* checked by the caller */
	{ .key = "name", .parse = cell_name, .required = true },
	CELL_KEY("cpus", CPUS, cpu_mask, CELL_LOC(cpus_loc), .required = true),
	CELL_KEY("irqs", IRQS, irq_bitmap, CELL_LOC(irqs_loc)),
	{ .key = "memory", .parse = cell_memory, .required = true },
	{ .key = "images", .parse = cell_images },
	CELL_KEY("console", MAPPING, console, CV_KEYS(cv_console_keys, "a console"),
		 CELL_LOC(console_loc)),
	CELL_KEY("virtual-console", FLAGS, flags, CV_FLAGS(virtual_console_modes),
		 .what = "virtual-console mode"),
	{ .key = "vuart", .parse = cell_vuart },
	{ .key = "comm-region", .parse = cell_comm },
	CELL_KEY("passive-comm-region", BOOL_FLAG, flags, .flag = CV_CELL_PASSIVE_COMMREG),
	CELL_KEY("reset-address", SIZE, reset_address, CELL_LOC(reset_loc)),
	CELL_KEY("msg-reply-timeout-us", U64, msg_reply_timeout_us, CELL_LOC(timeout_loc)),
	CELL_KEY("may-veto", BOOL_FLAG, flags, .flag = CV_CELL_MAY_VETO),
	CELL_KEY("vpci-irq-base", U32, vpci_irq_base, CELL_LOC(vpci_loc)),
	{ .key = "devices", .parse = cv_parse_devices },
	CELL_KEY("linux", MAPPING, linux_boot, CV_KEYS(cv_linux_keys, "'linux'"), CELL_LOC(linux_boot.loc)),
	{ .key = "links", .parse = cell_links },
};

/* The root cell is described inside the system config, with fewer keys. */
static const struct cv_yaml_key root_cell_keys[] = {
	{ .key = "name", .parse = cell_name, .required = true },
	CELL_KEY("cpus", CPUS, cpu_mask, CELL_LOC(cpus_loc), .required = true),
	CELL_KEY("irqs", IRQS, irq_bitmap, CELL_LOC(irqs_loc)),
	{ .key = "memory", .parse = cell_memory, .required = true },
	{ .key = "links", .parse = root_links },
};

int cv_parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root)
{
	struct cell_parse p = { .cell = *cell, .comm_ipa = CV_COMM_REGION_IPA };
	struct cv_region *comm;
	int r;

	p.cell.loc = cv_yaml_loc(n);
	if (root)
		r = cv_yaml_mapping(y, n, "the root cell", root_cell_keys,
				    ELEMENTSOF(root_cell_keys), &p);
	else
		r = cv_yaml_mapping(y, n, "a cell config", cell_keys, ELEMENTSOF(cell_keys), &p);
	*cell = p.cell;
	if (root || p.comm_none || cell->n_regions >= CV_MAX_MEM_REGIONS)
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
