/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the parsers of cell and system configs (not installed, not API). */
#ifndef CV_CONFIG_PARSE_H
#define CV_CONFIG_PARSE_H

#include "cv-yaml.h"

/* A key's own parse function, for what a key table cannot say. */
#define DEFINE_KEY(fn) static int fn(struct cv_yaml *y, yaml_node_t *v, void *ctx)

/* The keys of a console mapping (struct cv_console), in system and cell configs. */
#define CV_CONSOLE_KEYS		7
extern const struct cv_yaml_key cv_console_keys[CV_CONSOLE_KEYS];

/* A cell mapping; root selects the root cell's smaller key set. */
int cv_parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root);

#endif /* CV_CONFIG_PARSE_H */
