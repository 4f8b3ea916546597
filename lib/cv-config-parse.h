/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the parsers of cell and system configs (not installed, not API). */
#ifndef CV_CONFIG_PARSE_H
#define CV_CONFIG_PARSE_H

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

int cv_parse_console(struct cv_yaml *y, yaml_node_t *v, struct cv_console *con);
/* A cell mapping; root selects the root cell's smaller key set. */
int cv_parse_cell(struct cv_yaml *y, yaml_node_t *n, struct cv_cell *cell, bool root);

#endif /* CV_CONFIG_PARSE_H */
