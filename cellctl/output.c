/* SPDX-License-Identifier: GPL-2.0-only */
/* Tables for people and JSON for programs, with the same column names. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellctl.h"
#include "output.h"

void table_init(struct table *t, const char *const *cols, size_t n)
{
	*t = (struct table){ .n_cols = n };
	for (size_t i = 0; i < n; i++) {
		t->numeric[i] = cols[i][0] == '#';
		t->cols[i] = cols[i] + t->numeric[i];
	}
}

int table_add_row(struct table *t, const char *const *values)
{
	char **c = realloc(t->cells, (t->n_rows + 1) * t->n_cols * sizeof(char *));

	if (!c)
		return -ENOMEM;
	t->cells = c;
	for (size_t i = 0; i < t->n_cols; i++) {
		c[t->n_rows * t->n_cols + i] = strdup(values[i] && *values[i] ? values[i] : "-");
		if (!c[t->n_rows * t->n_cols + i])
			return -ENOMEM;
	}
	t->n_rows++;
	return 0;
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i]);
	free(t->cells);
}

void json_print_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void table_print_json(const struct table *t)
{
	printf("[");
	for (size_t r = 0; r < t->n_rows; r++) {
		printf("%s{", r ? "," : "");
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *v = t->cells[r * t->n_cols + c];

			printf("%s", c ? "," : "");
			json_print_string(t->cols[c]);
			putchar(':');
			if (t->numeric[c] && strcmp(v, "-") != 0)
				printf("%s", v);
			else if (strcmp(v, "-") == 0)
				printf("null");
			else
				json_print_string(v);
		}
		printf("}");
	}
	printf("]\n");
}

static size_t sort_cols;

static int compare_rows(const void *a, const void *b)
{
	char *const *x = a, *const *y = b;
	int r = strcmp(x[0], y[0]);

	/* Then by the second column as a number (stats: the CPU). */
	if (r == 0 && sort_cols > 1)
		r = (int)(strtol(x[1], NULL, 10) - strtol(y[1], NULL, 10));
	return r;
}

/* Rows sorted by the first column, as people scan them. */
static void table_sort(const struct table *t)
{
	sort_cols = t->n_cols;
	if (t->n_rows > 1)
		qsort(t->cells, t->n_rows, t->n_cols * sizeof(char *), compare_rows);
}

void table_print(const struct table *t, const char *noun)
{
	size_t width[TABLE_MAX_COLS];

	table_sort(t);
	if (arg_json) {
		table_print_json(t);
		return;
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		width[c] = strlen(t->cols[c]);
		for (size_t r = 0; r < t->n_rows; r++)
			if (strlen(t->cells[r * t->n_cols + c]) > width[c])
				width[c] = strlen(t->cells[r * t->n_cols + c]);
	}
	if (!arg_no_legend) {
		for (size_t c = 0; c < t->n_cols; c++) {
			for (const char *p = t->cols[c]; *p; p++)
				putchar(toupper((unsigned char)*p));
			printf("%*s", c + 1 < t->n_cols ? (int)(width[c] - strlen(t->cols[c]) + 1) : 0, "");
		}
		putchar('\n');
	}
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *v = t->cells[r * t->n_cols + c];

			if (c + 1 < t->n_cols)
				printf("%-*s ", (int)width[c], v);
			else
				printf("%s", v);
		}
		putchar('\n');
	}
	if (!arg_no_legend && noun) {
		if (t->n_rows)
			printf("\n%zu %s listed.\n", t->n_rows, noun);
		else
			printf("No %s.\n", noun);
	}
}

char *format_size(unsigned long long bytes, char *buf, size_t size)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (bytes >= 1024 && bytes % 1024 == 0 && u < 3) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%llu", bytes);
	else
		snprintf(buf, size, "%llu%c", bytes, units[u]);
	return buf;
}
