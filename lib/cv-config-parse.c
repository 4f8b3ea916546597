/* SPDX-License-Identifier: GPL-2.0-only */
/* YAML → struct cv_config: system configs, documents and files. */
#include <stdio.h>

#include "cv-config-parse.h"
#include "cv-file.h"

/* ---- system ---- */

#define SYS_KEY(name, ty, field, ...) CV_KEY(name, ty, struct cv_system, field, __VA_ARGS__)
#define SYS_LOC(field) CV_LOC(struct cv_system, field)

static const struct cv_yaml_key hv_keys[] = {
	SYS_KEY("phys", SIZE, hv_phys, .required = true),
	SYS_KEY("size", SIZE, hv_size, .required = true),
	SYS_KEY("root-reads-console", BOOL_FLAG, flags, .flag = CV_SYS_ROOT_READS_HV_CONSOLE),
};

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

/* One range of INTIDs: the doorbells are numbered from its first. */
DEFINE_KEY(plat_doorbells)
{
	struct cv_system *s = ctx;
	uint32_t bitmap[CV_NUM_IRQS / 32] = {};
	unsigned int first = CV_NUM_IRQS, n = 0;

	s->doorbell_loc = cv_yaml_loc(v);
	if (cv_yaml_irqs(y, v, bitmap) < 0)
		return -EINVAL;
	for (unsigned int i = 0; i < CV_NUM_IRQS; i++) {
		if (!cv_irq_owned(bitmap, i))
			continue;
		if (first == CV_NUM_IRQS)
			first = i;
		else if (i != first + n)
			return cv_yaml_error(y, v, "'root-doorbell-irqs' must be one range of SPIs, e.g. 120-127");
		n++;
	}
	if (n > CV_MAX_ROOT_DOORBELLS)
		return cv_yaml_error(y, v, "%u root doorbells: at most %d", n, CV_MAX_ROOT_DOORBELLS);
	s->platform.root_doorbell_base = (uint16_t)(n ? first : 0);
	s->platform.root_doorbell_count = (uint16_t)n;
	return 0;
}

static const struct cv_yaml_key platform_keys[] = {
	SYS_KEY("gic-version", U32, platform.gic_version, .required = true),
	SYS_KEY("gicd", SIZE, platform.gicd_base, SYS_LOC(gicd_loc), .required = true),
	SYS_KEY("gicr", SIZE, platform.gicr_base, SYS_LOC(gicr_loc), .required = true),
	SYS_KEY("gicr-stride", SIZE, platform.gicr_stride),
	SYS_KEY("maintenance-irq", U32, platform.maintenance_irq, SYS_LOC(maint_loc),
		.required = true),
	SYS_KEY("pci-mmconfig", SIZE, platform.pci_mmconfig_base),
	{ .key = "root-doorbell-irqs", .parse = plat_doorbells },
	{ .key = "cpus", .parse = plat_cpus, .required = true },
};

DEFINE_KEY(sys_platform)
{
	struct cv_system *s = ctx;

	s->platform_loc = cv_yaml_loc(v);
	s->platform.gicr_stride = 0x20000;	/* GICv3: RD_base + SGI_base frames */
	return cv_yaml_mapping(y, v, "'platform'", platform_keys, ELEMENTSOF(platform_keys), s);
}

DEFINE_KEY(sys_root) { return cv_parse_cell(y, v, &((struct cv_system *)ctx)->root, true); }

DEFINE_KEY(sys_name)
{
	struct cv_system *sys = ctx;
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "name", &s);
	if (r < 0)
		return r;
	if (!cv_cell_name_valid(s))
		return cv_yaml_error(y, v, "invalid system name '%s': use 1..%d characters of "
				     "A-Z a-z 0-9 _ . -", s, CV_CELL_NAME_LEN - 1);
	memcpy(sys->name, s, strlen(s) + 1);
	return 0;
}

static const struct cv_yaml_key system_keys[] = {
	{ .key = "kind" },	/* checked in parse_document() */
	{ .key = "name", .parse = sys_name },
	/* its keys are fields of struct cv_system too: offset 0 */
	{ .key = "hypervisor", .type = CV_YAML_MAPPING, SYS_LOC(hv_loc),
	  CV_KEYS(hv_keys, "'hypervisor'"), .required = true },
	SYS_KEY("debug-console", MAPPING, debug_console, CV_KEYS(cv_console_keys, "a console")),
	{ .key = "platform", .parse = sys_platform, .required = true },
	{ .key = "root-cell", .parse = sys_root, .required = true },
};

/* ---- documents ---- */

static int parse_document(struct cv_yaml *y, struct cv_config *c)
{
	yaml_node_t *root = yaml_document_get_root_node(y->doc), *kind = NULL;
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
				       ELEMENTSOF(system_keys), &c->system);
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
	free(c->cell.linux_boot.kernel);
	free(c->cell.linux_boot.initrd);
	free(c->cell.linux_boot.dtb);
	free(c->cell.linux_boot.cmdline);
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
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r;

	r = cv_read_regular_file(path, CV_CONFIG_FILE_MAX, &text, &len);
	if (r == -EFBIG)
		return cv_diag_error(diag, path, (struct cv_loc){}, "file too large (over %d bytes)",
				     CV_CONFIG_FILE_MAX);
	if (r < 0)
		return cv_diag_error(diag, path, (struct cv_loc){}, "cannot %s: %s",
				     r == -EINVAL ? "read" : "open", cv_read_strerror(r)), r;
	return cv_config_load_string(path, text, len, ret, diag);
}
