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

struct cv_yaml_key {
	const char *key;
	int (*parse)(struct cv_yaml *y, yaml_node_t *value, void *ctx);
	bool required;
};

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

struct cv_yaml_flag {
	const char *name;
	uint64_t value;
};
/* A flag name or a list of them, or-ed into *ret. */
int cv_yaml_flags(struct cv_yaml *y, yaml_node_t *n, const char *what,
		  const struct cv_yaml_flag *table, size_t n_table, uint64_t *ret);

#endif /* CV_YAML_H */
