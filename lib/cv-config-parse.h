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

/*
 * A cell is parsed into a copy inside this, with what the comm-region key
 * said: an address, or "none"; without the key it sits at
 * CV_COMM_REGION_IPA.
 */
struct cell_parse {
	struct cv_cell cell;
	bool comm_set;
	bool comm_none;
	uint64_t comm_ipa;
	struct cv_loc comm_loc;
};

#define CELL(ctx) (&((struct cell_parse *)(ctx))->cell)

/* cv-config-parse-devices.c: a cell's 'devices' and 'linux', an image's 'device-tree'. */
int cv_parse_devices(struct cv_yaml *y, yaml_node_t *v, void *ctx);
extern const struct cv_yaml_key cv_linux_keys[4];
int cv_parse_image_device_tree(struct cv_yaml *y, yaml_node_t *v, void *ctx);

/* A cell mapping; root selects the root cell's smaller key set. */
int cv_parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root);
/* The 'links' list of a cell or of the root cell (cv-config-parse-links.c). */
int cv_parse_links(struct cv_yaml *y, yaml_node_t *v, struct cv_cell *cell, bool root);

#endif /* CV_CONFIG_PARSE_H */
