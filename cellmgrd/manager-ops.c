/* SPDX-License-Identifier: GPL-2.0-only */
/* The Manager's operations on configs and the hypervisor; no sd-bus, like cell.c. */
#include <dirent.h>
#include <stdio.h>

#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"

static int config_error(struct op_error *e, const struct cv_diag *d)
{
	_cleanup_free_ char *msg = cv_diag_join(d, 8);

	return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL, "%s", msg ? msg : "invalid config");
}

int manager_load_system(struct manager *m, const char *arg, struct cv_config **ret, struct op_error *e)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *found = NULL;
	const char *path = arg;

	if (!path || !*path) {
		found = cv_find_config(m->config_dirs, "system.yaml");
		if (!found)
			return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT,
				       "No system config: create %s/system.yaml", m->config_dirs[0]);
		path = found;
	}
	if (path[0] != '/')
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -EINVAL, "Config path '%s' is not absolute", path);
	if (cv_config_load(path, ret, &d) < 0) {
		if (d.n_errors == 1 && strstr(d.msgs[0], "cannot open"))
			return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT, "%s", d.msgs[0]);
		return config_error(e, &d);
	}
	if (cv_system_validate(*ret, &d) < 0) {
		cv_config_free(*ret);
		*ret = NULL;
		return config_error(e, &d);
	}
	return 0;
}

static void save_system_path(struct manager *m)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_fclose_ FILE *f = NULL;

	if (asprintf(&path, "%s/system", m->runtime_dir) < 0)
		return;
	f = fopen(path, "we");
	if (f)
		fprintf(f, "%s\n", m->system_config ? m->system_config : "");
}

int manager_enable(struct manager *m, const struct cv_config *sys, struct op_error *e)
{
	_cleanup_free_ void *blob = NULL;
	size_t size;
	int r;

	manager_refresh(m);
	/* Enabling again with the same config is a no-op, so cellvisor.service can be restarted. */
	if (m->enabled && streq_ptr(m->system_config, sys->path))
		return 0;
	if (m->enabled)
		return op_fail(e, CV_ERROR_HV_ENABLED, -EBUSY,
			       "The hypervisor is already enabled with %s; disable it first to use another config",
			       m->system_config ? m->system_config : "an unknown config");
	r = cv_system_compile(&sys->system, &blob, &size);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_CONFIG, r, "Cannot compile %s: %s", sys->path, strerror(-r));
	r = kmod_enable(m->kmod, blob, size);
	if (r < 0)
		return op_fail_kmod(e, r, kmod_describe(m->kmod), "enable the hypervisor");
	free(m->system_config);
	m->system_config = strdup(sys->path);
	save_system_path(m);
	log_info("Hypervisor enabled with %s", sys->path);
	manager_refresh(m);
	return 0;
}

int manager_disable(struct manager *m, struct op_error *e)
{
	int r;

	manager_refresh(m);
	if (!m->enabled)
		return 0;	/* nothing to do: ExecStop= of cellvisor.service may run twice */
	if (m->cells)
		return op_fail(e, CV_ERROR_CELL_BUSY, -EBUSY,
			       "Cell '%s'%s still exist%s: destroy %s first (cellctl destroy NAME)",
			       m->cells->name, m->cells->next ? " and others" : "", m->cells->next ? "" : "s",
			       m->cells->next ? "them" : "it");
	r = kmod_disable(m->kmod);
	if (r < 0)
		return op_fail_kmod(e, r, kmod_describe(m->kmod), "disable the hypervisor");
	log_info("Hypervisor disabled");
	manager_refresh(m);
	return 0;
}

static char *resolve_cell_config(struct manager *m, const char *arg)
{
	_cleanup_free_ char *rel = NULL;

	if (strchr(arg, '/'))
		return strdup(arg);
	if (asprintf(&rel, "cells/%s.yaml", arg) < 0)
		return NULL;
	return cv_find_config(m->config_dirs, rel);
}

/*
 * Against the cells that exist: no CPU, IRQ, memory or device of theirs.
 * The module and the hypervisor refuse such a cell too, but say only that
 * something is busy.
 */
static int check_against_cells(struct manager *m, const struct cv_config *c, struct cv_diag *d)
{
	struct cv_config *cfgs[CV_MAX_CPUS + 1];
	size_t n = 0;
	int r;

	for (struct cell *o = m->cells; o && n < CV_MAX_CPUS; o = o->next) {
		_cleanup_(cv_diag_clearp) struct cv_diag ignored = {};

		/* one of the same name is CellExists, said when it is created */
		if (o->config_file && !streq(o->name, c->cell.name) &&
		    cv_config_load(o->config_file, &cfgs[n], &ignored) == 0)
			n++;
	}
	cfgs[n] = (struct cv_config *)c;
	r = cv_cells_validate_together(cfgs, n + 1, d);
	for (size_t i = 0; i < n; i++)
		cv_config_free(cfgs[i]);
	return r;
}

int manager_load_cell_config(struct manager *m, const char *arg, struct cv_config **ret, struct op_error *e)
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL, *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *path = NULL;
	struct op_error ignored;
	int r;

	if (!strchr(arg, '/') && !cv_cell_name_valid(arg))
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -EINVAL,
			       "'%s' is neither a config path nor a valid cell name", arg);
	path = resolve_cell_config(m, arg);
	if (!path)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT,
			       "No config for cell '%s': create %s/cells/%s.yaml", arg, m->config_dirs[0], arg);
	if (path[0] != '/')
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -EINVAL, "Config path '%s' is not absolute", path);
	if (cv_config_load(path, &c, &d) < 0) {
		if (d.n_errors == 1 && strstr(d.msgs[0], "cannot open"))
			return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT, "%s", d.msgs[0]);
		return config_error(e, &d);
	}
	if (c->kind != CV_CONFIG_CELL)
		return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL, "%s is a system config, not a cell config", path);
	/* Check against the config the hypervisor runs with, if we can read it. */
	r = manager_load_system(m, m->system_config, &sys, &ignored);
	if (r < 0)
		sys = NULL;
	if (cv_cell_validate(c, sys, &d) < 0 || check_against_cells(m, c, &d) < 0)
		return config_error(e, &d);
	*ret = TAKE_PTR(c);
	return 0;
}

int manager_create_cell(struct manager *m, const struct cv_config *c, struct cell **ret, struct op_error *e)
{
	_cleanup_free_ void *blob = NULL;
	char what[96];
	uint32_t id;
	size_t size;
	int r;

	manager_refresh(m);
	if (!m->enabled)
		return op_fail(e, CV_ERROR_HV_NOT_ENABLED, -ENODEV,
			       "Cannot create cell '%s': the hypervisor is not enabled (cellctl enable)", c->cell.name);
	if (manager_find_cell(m, c->cell.name))
		return op_fail(e, CV_ERROR_CELL_EXISTS, -EEXIST,
			       "Cell '%s' exists already; destroy it first", c->cell.name);
	r = cv_cell_compile(&c->cell, &blob, &size);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_CONFIG, r, "Cannot compile %s: %s", c->path, strerror(-r));
	/* Record where the cell came from before it appears, so it appears complete. */
	(void)cell_save_config(m, c->cell.name, c->path);
	snprintf(what, sizeof(what), "create cell '%s'", c->cell.name);
	r = kmod_cell_create(m->kmod, blob, size, &id);
	if (r < 0) {
		cell_forget(m, c->cell.name);
		return op_fail_kmod(e, r, kmod_describe(m->kmod), what);
	}
	manager_refresh(m);
	*ret = manager_find_cell_by_id(m, id);
	if (!*ret)
		return op_fail(e, CV_ERROR_REFUSED, -ESRCH, "Cell '%s' vanished right after creation", c->cell.name);
	(void)cell_save(*ret);
	return 0;
}

static int add_configs_in(const char *dir, char ***list, size_t *n)
{
	_cleanup_free_ char *cells = NULL;
	struct dirent **ents;
	int k;

	if (asprintf(&cells, "%s/cells", dir) < 0)
		return -ENOMEM;
	k = scandir(cells, &ents, NULL, alphasort);
	for (int i = 0; i < k; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(name);
		char *entry, **nl;
		bool dup = false;

		if (len > 5 && streq(name + len - 5, ".yaml")) {
			for (size_t j = 0; j < *n; j++)
				dup |= strncmp((*list)[j], name, len - 5) == 0 && (*list)[j][len - 5] == '\t';
			nl = dup ? NULL : realloc(*list, (*n + 2) * sizeof(char *));
			if (nl && asprintf(&entry, "%.*s\t%s/%s", (int)len - 5, name, cells, name) >= 0) {
				*list = nl;
				(*list)[(*n)++] = entry;
				(*list)[*n] = NULL;
			} else if (nl) {
				*list = nl;
			}
		}
		free(ents[i]);
	}
	if (k >= 0)
		free(ents);
	return 0;
}

int manager_list_cell_configs(struct manager *m, char ***ret)
{
	char **list = calloc(1, sizeof(char *));
	size_t n = 0;

	if (!list)
		return -ENOMEM;
	/* Earlier directories win: /etc/cellvisor/cells/X.yaml hides the shipped one. */
	for (const char *const *d = m->config_dirs; *d; d++)
		(void)add_configs_in(*d, &list, &n);
	*ret = list;
	return 0;
}
