/* SPDX-License-Identifier: GPL-2.0-only */
/* Walking a libyaml document with diagnostics: typed scalars and key tables. */
#ifndef CV_YAML_H
#define CV_YAML_H

#include <yaml.h>
#include "cv-config.h"

struct cv_yaml {
	const char *path;
	yaml_document_t *doc;
	struct cv_diag *diag;
};

struct cv_yaml_flag {
	const char *name;
	uint64_t value;
};

/* How a key's value is read when the key has no parse function. */
enum cv_yaml_type {
	CV_YAML_IGNORE,		/* accepted as it is, not kept */
	CV_YAML_SIZE,		/* 4096, 0x1000, 64K, 2M, 1G */
	CV_YAML_U64,
	CV_YAML_U32,
	CV_YAML_STRDUP,		/* a string, malloc()ed into a char * */
	CV_YAML_FLAGS,		/* names from .flags (or a list of them), or-ed in */
	CV_YAML_BOOL_FLAG,	/* true/false: true or-s .flag in */
	CV_YAML_CPUS,		/* "2-3,5" or a list of such: a CPU mask */
	CV_YAML_IRQS,		/* "32-287,300" or a list: or-ed into an INTID bitmap */
	CV_YAML_MAPPING,	/* the mapping .keys, into the same field */
};

/*
 * One key of a mapping: either .parse(ctx) does it, or the value is read
 * as .type into the field at .offset (.width bytes: 2, 4 or 8; any
 * alignment) of the struct ctx points to. With .loc, where the value was
 * written goes to the struct cv_loc at .loc_offset.
 */
struct cv_yaml_key {
	const char *key;
	bool required;
	int (*parse)(struct cv_yaml *y, yaml_node_t *value, void *ctx);
	enum cv_yaml_type type;
	size_t offset, width;
	bool loc;
	size_t loc_offset;
	const struct cv_yaml_flag *flags;	/* CV_YAML_FLAGS */
	size_t n_flags;
	uint64_t flag;				/* CV_YAML_BOOL_FLAG */
	const struct cv_yaml_key *keys;		/* CV_YAML_MAPPING */
	size_t n_keys;
	const char *what;			/* FLAGS, MAPPING: its name in messages */
};

/* Key tables: CV_KEY(name, type, struct, field, ...more initialisers). */
#define CV_FIELD(st, field) .offset = offsetof(st, field), .width = sizeof(((st *)0)->field)
#define CV_KEY(name, ty, st, field, ...) \
	{ .key = name, .type = CV_YAML_##ty, CV_FIELD(st, field), __VA_ARGS__ }
#define CV_LOC(st, field) .loc = true, .loc_offset = offsetof(st, field)
#define CV_FLAGS(table) .flags = table, .n_flags = ELEMENTSOF(table)
#define CV_KEYS(table, w) .keys = table, .n_keys = ELEMENTSOF(table), .what = w

struct cv_loc cv_yaml_loc(const yaml_node_t *n);
int cv_yaml_error(struct cv_yaml *y, const yaml_node_t *n, const char *fmt, ...) _printf_(3, 4);

/*
 * Call each key's parser for the mapping node; unknown, duplicate and missing
 * required keys are errors. what names the mapping in messages ("cell config").
 * Every key is visited even after an error, so one run reports them all.
 */
int cv_yaml_mapping(struct cv_yaml *y, yaml_node_t *n, const char *what,
		    const struct cv_yaml_key *keys, size_t n_keys, void *ctx);

int cv_yaml_string(struct cv_yaml *y, yaml_node_t *n, const char *what, const char **ret);
/* The same, copied: *ret is malloc()ed. */
int cv_yaml_strdup(struct cv_yaml *y, yaml_node_t *n, const char *what, char **ret);
int cv_yaml_u64(struct cv_yaml *y, yaml_node_t *n, const char *what, uint64_t *ret);
int cv_yaml_u32(struct cv_yaml *y, yaml_node_t *n, const char *what, uint32_t *ret);
int cv_yaml_size(struct cv_yaml *y, yaml_node_t *n, const char *what, uint64_t *ret);
int cv_yaml_bool(struct cv_yaml *y, yaml_node_t *n, const char *what, bool *ret);
int cv_yaml_cpus(struct cv_yaml *y, yaml_node_t *n, uint64_t *ret_mask);
int cv_yaml_irqs(struct cv_yaml *y, yaml_node_t *n, uint32_t *bitmap);

/* A flag name or a list of them, or-ed into *ret. */
int cv_yaml_flags(struct cv_yaml *y, yaml_node_t *n, const char *what,
		  const struct cv_yaml_flag *table, size_t n_table, uint64_t *ret);

#endif /* CV_YAML_H */
