/* SPDX-License-Identifier: GPL-2.0-only */
/* Walking a libyaml document with diagnostics: typed scalars and key tables. */
#include <stdarg.h>
#include <stdio.h>

#include "cv-yaml.h"

struct cv_loc cv_yaml_loc(const yaml_node_t *n)
{
	return (struct cv_loc){
		.line = (unsigned int)n->start_mark.line + 1,
		.column = (unsigned int)n->start_mark.column + 1,
	};
}

int cv_yaml_error(struct cv_yaml *y, const yaml_node_t *n, const char *fmt, ...)
{
	_cleanup_free_ char *msg = NULL;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -ENOMEM;
	return cv_diag_error(y->diag, y->path, cv_yaml_loc(n), "%s", msg);
}

static const char *node_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a single value";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

static int list_keys(const struct cv_yaml_key *keys, size_t n_keys, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n_keys && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", keys[i].key);
	return 0;
}

static uint64_t field_get(const void *field, size_t width)
{
	uint64_t v = 0;

	memcpy(&v, field, width);	/* little-endian, like the ABI */
	return v;
}

static void field_set(void *field, size_t width, uint64_t v)
{
	memcpy(field, &v, width);
}

/* A key without a parse function: its value, read as k->type, into its field of ctx. */
static int parse_field(struct cv_yaml *y, yaml_node_t *v, const struct cv_yaml_key *k, void *ctx)
{
	void *field = (char *)ctx + k->offset;
	uint64_t u = 0;
	uint32_t u32 = 0;
	bool b = false;
	int r = 0;

	if (k->loc)
		*(struct cv_loc *)((char *)ctx + k->loc_offset) = cv_yaml_loc(v);
	switch (k->type) {
	case CV_YAML_IGNORE:
		return 0;
	case CV_YAML_SIZE:
		r = cv_yaml_size(y, v, k->key, &u);
		break;
	case CV_YAML_U64:
		r = cv_yaml_u64(y, v, k->key, &u);
		break;
	case CV_YAML_U32:
		r = cv_yaml_u32(y, v, k->key, &u32);
		u = u32;
		break;
	case CV_YAML_STRDUP:
		return cv_yaml_strdup(y, v, k->key, (char **)field);
	case CV_YAML_FLAGS:
		u = field_get(field, k->width);
		r = cv_yaml_flags(y, v, k->what, k->flags, k->n_flags, &u);
		break;
	case CV_YAML_BOOL_FLAG:
		r = cv_yaml_bool(y, v, k->key, &b);
		u = field_get(field, k->width) | (b ? k->flag : 0);
		break;
	case CV_YAML_CPUS:
		r = cv_yaml_cpus(y, v, &u);
		break;
	case CV_YAML_IRQS:
		return cv_yaml_irqs(y, v, field);
	case CV_YAML_MAPPING:
		return cv_yaml_mapping(y, v, k->what, k->keys, k->n_keys, field);
	}
	if (r == 0)
		field_set(field, k->width, u);
	return r;
}

int cv_yaml_mapping(struct cv_yaml *y, yaml_node_t *n, const char *what,
		    const struct cv_yaml_key *keys, size_t n_keys, void *ctx)
{
	uint64_t seen = 0;
	char known[512];
	int ret = 0, r;

	if (n->type != YAML_MAPPING_NODE)
		return cv_yaml_error(y, n, "%s must be a mapping of keys to values, not %s",
				     what, node_kind(n));
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
		const char *name;
		size_t i;

		if (k->type != YAML_SCALAR_NODE) {
			ret = cv_yaml_error(y, k, "keys of %s must be plain names", what);
			continue;
		}
		name = (const char *)k->data.scalar.value;
		for (i = 0; i < n_keys; i++)
			if (streq(keys[i].key, name))
				break;
		if (i == n_keys) {
			list_keys(keys, n_keys, known, sizeof(known));
			ret = cv_yaml_error(y, k, "unknown key '%s' in %s (known keys: %s)",
					    name, what, known);
			continue;
		}
		if (seen & (1ULL << i)) {
			ret = cv_yaml_error(y, k, "key '%s' appears twice in %s", name, what);
			continue;
		}
		seen |= 1ULL << i;
		r = keys[i].parse ? keys[i].parse(y, v, ctx) : parse_field(y, v, &keys[i], ctx);
		if (r < 0)
			ret = r;
	}
	for (size_t i = 0; i < n_keys; i++)
		if (keys[i].required && !(seen & (1ULL << i)))
			ret = cv_yaml_error(y, n, "%s lacks the required key '%s'", what, keys[i].key);
	return ret;
}

int cv_yaml_string(struct cv_yaml *y, yaml_node_t *n, const char *what, const char **ret)
{
	if (n->type != YAML_SCALAR_NODE)
		return cv_yaml_error(y, n, "'%s' must be a single value, not %s", what, node_kind(n));
	*ret = (const char *)n->data.scalar.value;
	return 0;
}

int cv_yaml_strdup(struct cv_yaml *y, yaml_node_t *n, const char *what, char **ret)
{
	const char *s;
	int r;

	r = cv_yaml_string(y, n, what, &s);
	if (r < 0)
		return r;
	*ret = strdup(s);
	return *ret ? 0 : -ENOMEM;
}

/* A scalar read by @parse; @expected says what it must look like. */
static int number(struct cv_yaml *y, yaml_node_t *n, const char *what, uint64_t *ret,
		  int (*parse)(const char *s, uint64_t *ret), const char *expected)
{
	const char *s;
	int r;

	r = cv_yaml_string(y, n, what, &s);
	if (r < 0)
		return r;
	r = parse(s, ret);
	if (r == -ERANGE)
		return cv_yaml_error(y, n, "'%s' is too large: %s", what, s);
	if (r < 0)
		return cv_yaml_error(y, n, "'%s' must be %s, not '%s'", what, expected, s);
	return 0;
}

int cv_yaml_u64(struct cv_yaml *y, yaml_node_t *n, const char *what, uint64_t *ret)
{
	return number(y, n, what, ret, cv_parse_u64, "a number (decimal or 0x hex)");
}

int cv_yaml_u32(struct cv_yaml *y, yaml_node_t *n, const char *what, uint32_t *ret)
{
	uint64_t v;
	int r;

	r = cv_yaml_u64(y, n, what, &v);
	if (r < 0)
		return r;
	if (v > UINT32_MAX)
		return cv_yaml_error(y, n, "'%s' must fit in 32 bits: 0x%llx", what,
				     (unsigned long long)v);
	*ret = (uint32_t)v;
	return 0;
}

int cv_yaml_size(struct cv_yaml *y, yaml_node_t *n, const char *what, uint64_t *ret)
{
	return number(y, n, what, ret, cv_parse_size,
		      "a size such as 4096, 0x1000, 64K, 2M or 1G");
}

int cv_yaml_bool(struct cv_yaml *y, yaml_node_t *n, const char *what, bool *ret)
{
	const char *s;
	int r;

	r = cv_yaml_string(y, n, what, &s);
	if (r < 0)
		return r;
	if (streq(s, "true") || streq(s, "yes")) {
		*ret = true;
		return 0;
	}
	if (streq(s, "false") || streq(s, "no")) {
		*ret = false;
		return 0;
	}
	return cv_yaml_error(y, n, "'%s' must be true or false, not '%s'", what, s);
}

/* Each item (or the single value) is a list such as "2-3,5". */
static int cpu_item(struct cv_yaml *y, yaml_node_t *n, uint64_t *mask)
{
	const char *s;
	uint64_t m;
	int r;

	r = cv_yaml_string(y, n, "cpus", &s);
	if (r < 0)
		return r;
	r = cv_parse_cpu_list(s, &m);
	if (r == -ERANGE)
		return cv_yaml_error(y, n, "CPU number out of range in '%s' (CPUs are 0..%d)",
				     s, CV_MAX_CPUS - 1);
	if (r < 0)
		return cv_yaml_error(y, n, "'cpus' must be CPU numbers and ranges such as 2-3,5, not '%s'", s);
	if (*mask & m)
		return cv_yaml_error(y, n, "CPU %d is listed twice", __builtin_ctzll(*mask & m));
	*mask |= m;
	return 0;
}

int cv_yaml_cpus(struct cv_yaml *y, yaml_node_t *n, uint64_t *ret_mask)
{
	uint64_t mask = 0;
	int ret = 0;

	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
			if (cpu_item(y, yaml_document_get_node(y->doc, *i), &mask) < 0)
				ret = -EINVAL;
	} else {
		ret = cpu_item(y, n, &mask);
	}
	if (ret == 0 && mask == 0)
		return cv_yaml_error(y, n, "'cpus' lists no CPU");
	*ret_mask = mask;
	return ret;
}

static int irq_item(struct cv_yaml *y, yaml_node_t *n, uint32_t *bitmap)
{
	uint32_t item[CV_NUM_IRQS / 32] = {};
	unsigned int bad = 0;
	const char *s;
	int r;

	r = cv_yaml_string(y, n, "irqs", &s);
	if (r < 0)
		return r;
	r = cv_parse_irq_list(s, item, &bad);
	if (r == -ERANGE)
		return cv_yaml_error(y, n, "interrupt %u is out of range (INTIDs are 0..%d)",
				     bad, CV_NUM_IRQS - 1);
	if (r < 0)
		return cv_yaml_error(y, n, "'irqs' must be INTIDs and ranges such as 32-287,300, not '%s'", s);
	for (unsigned int i = 0; i < CV_NUM_IRQS; i++) {
		if (!cv_irq_owned(item, i))
			continue;
		/* SGIs and PPIs are per CPU and follow the CPUs; only SPIs are owned. */
		if (i < 32 || i >= 1020)
			return cv_yaml_error(y, n, "interrupt %u is not an SPI: a cell owns only SPIs (INTIDs 32..1019)", i);
		if (cv_irq_owned(bitmap, i))
			return cv_yaml_error(y, n, "interrupt %u is listed twice", i);
	}
	for (unsigned int w = 0; w < CV_NUM_IRQS / 32; w++)
		bitmap[w] |= item[w];
	return 0;
}

int cv_yaml_irqs(struct cv_yaml *y, yaml_node_t *n, uint32_t *bitmap)
{
	int ret = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return irq_item(y, n, bitmap);
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
		if (irq_item(y, yaml_document_get_node(y->doc, *i), bitmap) < 0)
			ret = -EINVAL;
	return ret;
}

static int flag_item(struct cv_yaml *y, yaml_node_t *n, const char *what,
		     const struct cv_yaml_flag *table, size_t n_table, uint64_t *ret)
{
	char known[256];
	size_t len = 0;
	const char *s;
	int r;

	r = cv_yaml_string(y, n, what, &s);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n_table; i++)
		if (streq(table[i].name, s)) {
			*ret |= table[i].value;
			return 0;
		}
	for (size_t i = 0; i < n_table && len < sizeof(known); i++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s", i ? ", " : "", table[i].name);
	return cv_yaml_error(y, n, "unknown %s '%s' (known: %s)", what, s, known);
}

int cv_yaml_flags(struct cv_yaml *y, yaml_node_t *n, const char *what,
		  const struct cv_yaml_flag *table, size_t n_table, uint64_t *ret)
{
	int r = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return flag_item(y, n, what, table, n_table, ret);
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
		if (flag_item(y, yaml_document_get_node(y->doc, *i), what, table, n_table, ret) < 0)
			r = -EINVAL;
	return r;
}
