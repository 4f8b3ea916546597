/* SPDX-License-Identifier: GPL-2.0-only */
/* Collected config diagnostics, each "FILE:LINE:COLUMN: what is wrong". */
#ifndef CV_DIAG_H
#define CV_DIAG_H

#include <stddef.h>
#include "cv-util.h"

/* A position in a config file, 1-based; line 0 means "the file as a whole". */
struct cv_loc {
	unsigned int line;
	unsigned int column;
};

struct cv_diag {
	char **msgs;		/* formatted, in the order found */
	size_t n_msgs;
	size_t n_errors;	/* warnings are kept in msgs but not counted here */
};

void cv_diag_init(struct cv_diag *d);
void cv_diag_clear(struct cv_diag *d);
/* Add "path:line:col: error: ..." (or "warning: ..."); returns -EINVAL for errors, 0 for warnings. */
int cv_diag_error(struct cv_diag *d, const char *path, struct cv_loc loc, const char *fmt, ...)
	_printf_(4, 5);
void cv_diag_warning(struct cv_diag *d, const char *path, struct cv_loc loc, const char *fmt, ...)
	_printf_(4, 5);
/* All messages joined by newlines (caller frees), for D-Bus errors. */
char *cv_diag_join(const struct cv_diag *d, size_t max_msgs);

static inline void cv_diag_clearp(struct cv_diag *d)
{
	cv_diag_clear(d);
}

#endif /* CV_DIAG_H */
