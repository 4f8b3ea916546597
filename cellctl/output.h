/* SPDX-License-Identifier: GPL-2.0-only */
/* Tables for people and JSON for programs, with the same column names. */
#ifndef CELLCTL_OUTPUT_H
#define CELLCTL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#define TABLE_MAX_COLS 16

struct table {
	const char *cols[TABLE_MAX_COLS];	/* lowercase names; JSON keys */
	bool numeric[TABLE_MAX_COLS];		/* printed unquoted in JSON */
	size_t n_cols;
	char **cells;				/* n_rows * n_cols strings */
	size_t n_rows;
};

/* Columns as "name" or "#name" (numeric). */
void table_init(struct table *t, const char *const *cols, size_t n);
int table_add_row(struct table *t, const char *const *values);
/* As a table (with "N <noun> listed." unless --no-legend) or, with --json, as an array of objects. */
void table_print(const struct table *t, const char *noun);
void table_free(struct table *t);

void json_print_string(const char *s);
/* "64K", "2M", "1.5G" */
char *format_size(unsigned long long bytes, char *buf, size_t size);

#endif /* CELLCTL_OUTPUT_H */
