/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The config pipeline, as TAP: every file in invalid/ must fail with the
 * error named on its "# expect:" line (file:line:column and text), every
 * file in valid/ and every shipped config must pass, pairs in together/
 * must clash, cells in boards/BOARD/ must fail beside the board's shipped
 * configs, and compiled blobs must carry what the YAML said.
 *
 * Usage: test-config-pipeline CORPUS-DIR SYSTEM.yaml SHIPPED.yaml...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-config.h"

/* One test whose description names one thing; detail, if any, explains a failure. */
static void ok(bool cond, const char *fmt, const char *arg, const char *detail)
{
	if (!tap_ok(cond, fmt, arg) && detail)
		tap_diag("%s", detail);
}

/* The rest of the line starting with prefix among the file's leading comment lines, or NULL. */
static char *read_header(const char *path, const char *prefix)
{
	char line[512];
	FILE *f = fopen(path, "re");
	char *e = NULL;

	if (!f)
		return NULL;
	while (!e && fgets(line, sizeof(line), f) && line[0] == '#')
		if (strncmp(line, prefix, strlen(prefix)) == 0) {
			line[strcspn(line, "\n")] = 0;
			e = strdup(line + strlen(prefix));
		}
	fclose(f);
	return e;
}

static char *read_expect(const char *path)
{
	return read_header(path, "# expect: ");
}

/* Load, validate (cells against sys), return the diagnostics joined. */
static char *check_file(const char *path, const struct cv_config *sys, size_t *n_errors)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};

	cv_diag_init(&d);
	if (cv_config_load(path, &c, &d) == 0) {
		if (c->kind == CV_CONFIG_SYSTEM)
			(void)cv_system_validate(c, &d);
		else
			(void)cv_cell_validate(c, sys, &d);
	}
	*n_errors = d.n_errors;
	return cv_diag_join(&d, 100);
}

static bool has_line_starting(const char *text, const char *prefix)
{
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return true;
	}
	return false;
}

static void test_invalid(const char *dir, const char *name, const struct cv_config *sys)
{
	_cleanup_free_ char *path = NULL, *expect = NULL, *want = NULL, *got = NULL;
	size_t errs;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	expect = read_expect(path);
	if (!expect) {
		ok(false, "%s has an '# expect:' line", name, NULL);
		return;
	}
	/* "12:5: error: …" follows "path:"; a file-wide "error: …" follows "path: ". */
	if (asprintf(&want, "%s:%s%s", path, expect[0] >= '0' && expect[0] <= '9' ? "" : " ", expect) < 0)
		abort();
	got = check_file(path, sys, &errs);
	ok(errs > 0 && has_line_starting(got, want), "invalid/%s is rejected as expected", name, got);
	if (errs == 0 || !has_line_starting(got, want))
		printf("# wanted: %s\n", want);
}

static void test_valid(const char *path, const struct cv_config *sys)
{
	_cleanup_free_ char *got = NULL;
	size_t errs;

	got = check_file(path, sys, &errs);
	ok(errs == 0, "%s is accepted", path, got);
}

/* A shipped cell config is checked against the system config next to it. */
static void test_shipped(const char *path)
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *sys_path = strdup(path);

	if (!sys_path)
		abort();
	strcpy(strrchr(sys_path, '/') + 1, "system.yaml");
	if (cv_config_load(sys_path, &sys, &d) < 0 || cv_system_validate(sys, &d) < 0) {
		ok(false, "%s is valid", sys_path, d.n_msgs ? d.msgs[0] : NULL);
		return;
	}
	test_valid(path, sys);
}

static int is_yaml(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && streq(e->d_name + n - 5, ".yaml");
}

static int sorted_yaml(const char *dir, struct dirent ***list)
{
	return scandir(dir, list, is_yaml, alphasort);
}

static void for_each_yaml(const char *dir, void (*fn)(const char *dir, const char *name, const struct cv_config *sys),
			  const struct cv_config *sys)
{
	struct dirent **list;
	int n = sorted_yaml(dir, &list);

	ok(n > 0, "%s has test files", dir, NULL);
	for (int i = 0; i < n; i++) {
		fn(dir, list[i]->d_name, sys);
		free(list[i]);
	}
	free(list);
}

static void valid_in_dir(const char *dir, const char *name, const struct cv_config *sys)
{
	_cleanup_free_ char *path = NULL;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	test_valid(path, sys);
}

/* together/X-a.yaml and X-b.yaml are each valid but clash when run together. */
static void test_together(const char *dir, const char *name, const struct cv_config *sys)
{
	_cleanup_free_ char *a = NULL, *b = NULL, *expect = NULL, *want = NULL, *got = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	struct cv_config *c[2] = {};
	size_t n = strlen(name);

	(void)sys;
	if (n < 7 || !streq(name + n - 7, "-b.yaml"))
		return;
	cv_diag_init(&d);
	if (asprintf(&b, "%s/%s", dir, name) < 0 || asprintf(&a, "%s/%.*s-a.yaml", dir, (int)n - 7, name) < 0)
		abort();
	expect = read_expect(b);
	if (!expect || asprintf(&want, "%s:%s", b, expect) < 0)
		abort();
	if (cv_config_load(a, &c[0], &d) < 0 || cv_config_load(b, &c[1], &d) < 0) {
		ok(false, "together/%s loads", name, NULL);
		return;
	}
	(void)cv_cells_validate_together(c, 2, &d);
	got = cv_diag_join(&d, 100);
	ok(d.n_errors > 0 && has_line_starting(got, want), "together/%s clashes as expected", name, got);
	cv_config_free(c[0]);
	cv_config_free(c[1]);
}

/*
 * boards/BOARD/X.yaml: a cell that is wrong for a shipped board, checked as
 * `cellctl config check` checks it: with configs/BOARD/system.yaml and the
 * shipped cells its "# with:" line names, which must load themselves. It
 * must produce exactly the one error of its "# expect:" line.
 */
#define MAX_WITH	4

static void test_board_variant(const char *dir, const char *name, const struct cv_config *unused)
{
	_cleanup_free_ char *path = NULL, *board = NULL, *sys_path = NULL, *with = NULL, *expect = NULL,
			    *want = NULL, *got = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	struct cv_config *cells[MAX_WITH + 1] = {};
	char *save = NULL;
	size_t n = 0;
	bool loaded;

	(void)unused;
	cv_diag_init(&d);
	if (asprintf(&path, "%s/%s", dir, name) < 0 ||
	    asprintf(&board, "%s/../../../../configs/%s", dir, strrchr(dir, '/') + 1) < 0 ||
	    asprintf(&sys_path, "%s/system.yaml", board) < 0)
		abort();
	expect = read_expect(path);
	with = read_header(path, "# with: ");
	if (!expect || asprintf(&want, "%s:%s", path, expect) < 0)
		abort();
	loaded = cv_config_load(sys_path, &sys, &d) == 0 && cv_system_validate(sys, &d) == 0;
	for (char *w = with ? strtok_r(with, " ", &save) : NULL; w && n < MAX_WITH; w = strtok_r(NULL, " ", &save)) {
		_cleanup_free_ char *p = NULL;

		if (asprintf(&p, "%s/%s", board, w) < 0)
			abort();
		loaded = cv_config_load(p, &cells[n++], &d) == 0 && loaded;
	}
	loaded = cv_config_load(path, &cells[n++], &d) == 0 && loaded;
	if (loaded)
		(void)cv_cells_check(cells, n, sys, &d);
	got = cv_diag_join(&d, 100);
	ok(loaded && d.n_errors == 1 && has_line_starting(got, want),
	   "boards/%s is rejected as expected", strstr(path, "boards/") + 7, got);
	if (!loaded || d.n_errors != 1 || !has_line_starting(got, want))
		printf("# wanted only: %s\n", want);
	for (size_t i = 0; i < n; i++)
		cv_config_free(cells[i]);
}

#include "config-compile-cases.c"
#include "config-scalar-cases.c"

int main(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *inv = NULL, *val = NULL, *tog = NULL, *evk = NULL;

	if (argc < 3) {
		fprintf(stderr, "usage: %s CORPUS-DIR SYSTEM.yaml [SHIPPED.yaml...]\n", argv[0]);
		return 2;
	}
	cv_diag_init(&d);
	ok(cv_config_load(argv[2], &sys, &d) == 0 && cv_system_validate(sys, &d) == 0,
	   "%s is a valid system config", argv[2], d.n_msgs ? d.msgs[0] : NULL);
	if (!sys)
		return 1;
	if (asprintf(&inv, "%s/invalid", argv[1]) < 0 || asprintf(&val, "%s/valid", argv[1]) < 0 ||
	    asprintf(&tog, "%s/together", argv[1]) < 0 || asprintf(&evk, "%s/boards/imx8mm-evk", argv[1]) < 0)
		return 1;
	for_each_yaml(inv, test_invalid, sys);
	for_each_yaml(val, valid_in_dir, sys);
	for_each_yaml(tog, test_together, sys);
	for_each_yaml(evk, test_board_variant, NULL);
	for (int i = 3; i < argc; i++)
		test_shipped(argv[i]);
	test_scalars();
	test_compile(val, sys);
	return tap_done();
}
