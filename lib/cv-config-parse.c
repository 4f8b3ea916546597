/* SPDX-License-Identifier: GPL-2.0-only */
/* YAML → struct cv_config: system configs, documents and files. */
#include <stdio.h>

#include "cv-config-parse.h"

/* ---- system ---- */

DEFINE_KEY(sys_kind) { (void)y, (void)v, (void)ctx; return 0; }	/* checked in parse_document() */

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

DEFINE_KEY(sys_console) { return cv_parse_console(y, v, &((struct sys_parse *)ctx)->sys->debug_console); }
DEFINE_KEY(sys_root) { return cv_parse_cell(y, v, &((struct sys_parse *)ctx)->sys->root, true); }

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
	{ .key = "kind", .parse = sys_kind },
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
		return cv_parse_cell(y, root, &c->cell, false);
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
		free(c->cell.images[i].file), free(c->cell.images[i].string);
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
