/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl config check|compile: offline, no daemon needed. */
#include <fcntl.h>
#include <stdio.h>

#include "cellctl.h"
#include "cv-config.h"

void cellctl_print_diag(const struct cv_diag *d)
{
	for (size_t i = 0; i < d->n_msgs; i++)
		fprintf(stderr, "%s\n", d->msgs[i]);
}

char *cellctl_pick_system(struct cv_config **configs, size_t n)
{
	if (arg_system)
		return strdup(arg_system);
	for (size_t i = 0; i < n; i++)
		if (configs[i] && configs[i]->kind == CV_CONFIG_SYSTEM)
			return strdup(configs[i]->path);
	return cv_find_config(cv_config_dirs_default, "system.yaml");
}

int cellctl_load_system(const char *path, struct cv_config **ret, struct cv_diag *d)
{
	int r;

	r = cv_config_load(path, ret, d);
	if (r < 0)
		return r;
	if ((*ret)->kind != CV_CONFIG_SYSTEM)
		return cv_diag_error(d, path, (struct cv_loc){}, "--system names a cell config, not a system config");
	return cv_system_validate(*ret, d);
}

static void free_configs(struct cv_config **configs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cv_config_free(configs[i]);
	free(configs);
}

int verb_config_check(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *sys_path = NULL;
	struct cv_config **configs;
	size_t n = (size_t)argc - 1;

	cv_diag_init(&d);
	configs = calloc(n, sizeof(*configs));
	if (!configs)
		return EXIT_FAIL;
	for (size_t i = 0; i < n; i++) {
		if (cv_config_load(argv[i + 1], &configs[i], &d) < 0)
			continue;
		if (configs[i]->kind == CV_CONFIG_SYSTEM)
			(void)cv_system_validate(configs[i], &d);
	}
	sys_path = cellctl_pick_system(configs, n);
	if (sys_path && cellctl_load_system(sys_path, &sys, &d) < 0) {
		cv_config_free(TAKE_PTR(sys));
	} else if (!sys_path) {
		fprintf(stderr, "cellctl: no system config (--system, %s/system.yaml or %s/system.yaml): "
			"checking the cells on their own\n", cv_config_dirs_default[0], cv_config_dirs_default[1]);
	}
	(void)cv_cells_check(configs, n, sys, &d);
	cellctl_print_diag(&d);
	for (size_t i = 0; i < n && d.n_errors == 0; i++)
		printf("%s: OK\n", argv[i + 1]);
	free_configs(configs, n);
	return d.n_errors ? EXIT_FAIL : EXIT_OK;
}

static int write_blob(const char *path, const void *blob, size_t size)
{
	_cleanup_close_ int fd = -1;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	n = write(fd, blob, size);
	if (n < 0)
		return -errno;
	return (size_t)n == size ? 0 : -EIO;
}

int verb_config_compile(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL, *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *sys_path = NULL;
	_cleanup_free_ void *blob = NULL;
	size_t size = 0;
	int r;

	(void)argc;
	if (!arg_output) {
		fprintf(stderr, "cellctl: config compile needs -o OUTPUT\n");
		return EXIT_USAGE;
	}
	cv_diag_init(&d);
	if (cv_config_load(argv[1], &c, &d) < 0)
		goto fail;
	if (c->kind == CV_CONFIG_SYSTEM) {
		if (cv_system_validate(c, &d) < 0)
			goto fail;
		r = cv_system_compile(&c->system, &blob, &size);
	} else {
		sys_path = cellctl_pick_system(NULL, 0);
		if (sys_path && cellctl_load_system(sys_path, &sys, &d) < 0)
			goto fail;
		if (cv_cell_validate(c, sys, &d) < 0)
			goto fail;
		r = cv_cell_compile(&c->cell, &blob, &size);
	}
	if (r < 0) {
		fprintf(stderr, "cellctl: cannot compile %s: %s\n", argv[1], strerror(-r));
		return EXIT_FAIL;
	}
	cellctl_print_diag(&d);
	r = write_blob(arg_output, blob, size);
	if (r < 0) {
		fprintf(stderr, "cellctl: cannot write %s: %s\n", arg_output, strerror(-r));
		return EXIT_FAIL;
	}
	return EXIT_OK;
fail:
	cellctl_print_diag(&d);
	return EXIT_FAIL;
}
