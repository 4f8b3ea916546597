/* SPDX-License-Identifier: GPL-2.0-only */
/* The Manager's operations on configs and the hypervisor; no sd-bus, like cell.c. */
#include <dirent.h>
#include <stdio.h>

#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"
#include "profile.h"

static int config_error(struct op_error *e, const struct cv_diag *d)
{
	_cleanup_free_ char *msg = cv_diag_join(d, 8);

	return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL, "%s", msg ? msg : "invalid config");
}

static int parse_config(const struct config_file *cf, enum cv_config_kind kind, struct cv_config **ret,
			struct op_error *e)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};

	if (PROFILED(PROFILE_PARSE, cv_config_load_string(cf->path, cf->text, cf->size, ret, &d)) < 0)
		return config_error(e, &d);
	if ((*ret)->kind != kind) {
		cv_config_free(*ret);
		*ret = NULL;
		return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL, "%s is a %s config, not a %s config", cf->path,
			       kind == CV_CONFIG_CELL ? "system" : "cell", kind == CV_CONFIG_CELL ? "cell" : "system");
	}
	return 0;
}

int manager_read_system(struct manager *m, const char *path, struct config_file **ret, struct op_error *e)
{
	_cleanup_free_ char *found = NULL;

	if (path && *path)
		return config_file_read_path(path, false, ret, e);
	found = cv_find_config(m->config_dirs, "system.yaml");
	if (!found)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT,
			       "No system config: create %s/system.yaml", m->config_dirs[0]);
	return config_file_read_path(found, true, ret, e);
}

static int parse_system(const struct config_file *cf, struct cv_config **ret, struct op_error *e)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	int r;

	r = parse_config(cf, CV_CONFIG_SYSTEM, ret, e);
	if (r < 0)
		return r;
	if (PROFILED(PROFILE_PARSE, cv_system_validate(*ret, &d)) < 0) {
		cv_config_free(*ret);
		*ret = NULL;
		return config_error(e, &d);
	}
	return 0;
}

/*
 * The config the hypervisor runs with is kept in the runtime directory, so
 * a restarted daemon checks cells against it without reading the caller's
 * file again (which it may not even see: /tmp is private to the daemon).
 */
static void save_system(struct manager *m, const struct config_file *cf)
{
	_cleanup_free_ char *path = NULL, *copy = NULL;
	_cleanup_fclose_ FILE *f = NULL, *g = NULL;

	if (asprintf(&path, "%s/system", m->runtime_dir) < 0 || asprintf(&copy, "%s/system.yaml", m->runtime_dir) < 0)
		return;
	f = fopen(path, "we");
	if (f)
		fprintf(f, "%s\n", m->system_config ? m->system_config : "");
	g = fopen(copy, "we");
	if (g)
		(void)fwrite(cf->text, 1, cf->size, g);
}

void manager_restore_system(struct manager *m)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	_cleanup_free_ char *path = NULL, *copy = NULL;
	_cleanup_fclose_ FILE *f = NULL;
	struct op_error e;
	char line[4096];

	if (asprintf(&path, "%s/system", m->runtime_dir) < 0 || asprintf(&copy, "%s/system.yaml", m->runtime_dir) < 0)
		return;
	f = fopen(path, "re");
	if (!f || !fgets(line, sizeof(line), f))
		return;
	line[strcspn(line, "\n")] = 0;
	m->system_config = strdup(line);
	if (config_file_read_path(copy, true, &cf, &e) < 0)
		return;
	/* Messages name the file the hypervisor was enabled with, not our copy. */
	free(cf->path);
	cf->path = strdup(line);
	if (cf->path && parse_system(cf, &m->system, &e) < 0)
		log_warning("Cannot read back the system config: %s", e.message);
}

int manager_enable(struct manager *m, const struct config_file *cf, struct op_error *e)
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_free_ void *blob = NULL;
	size_t size;
	int r;

	r = parse_system(cf, &sys, e);
	if (r < 0)
		return r;
	manager_refresh(m);
	/* Enabling again with the same config is a no-op, so cellvisor.service can be restarted. */
	if (m->enabled && streq_ptr(m->system_config, cf->path))
		return 0;
	if (m->enabled)
		return op_fail(e, CV_ERROR_HV_ENABLED, -EBUSY,
			       "The hypervisor is already enabled with %s; disable it first to use another config",
			       m->system_config ? m->system_config : "an unknown config");
	r = cv_system_compile(&sys->system, &blob, &size);
	if (r < 0)
		return op_fail(e, CV_ERROR_INVALID_CONFIG, r, "Cannot compile %s: %s", cf->path, strerror(-r));
	r = kmod_enable(m->kmod, blob, size);
	if (r < 0)
		return op_fail_kmod(e, r, kmod_describe(m->kmod), "enable the hypervisor");
	free(m->system_config);
	m->system_config = strdup(cf->path);
	cv_config_free(m->system);
	m->system = TAKE_PTR(sys);
	PROFILED_VOID(PROFILE_FILES, save_system(m, cf));
	log_info("Hypervisor enabled with %s", cf->path);
	manager_refresh_after_call(m);
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
	manager_refresh_after_call(m);
	return 0;
}

const struct cv_config *manager_system(struct manager *m, struct cv_config **fallback)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	struct op_error ignored;

	if (m->system)
		return m->system;
	if (manager_read_system(m, "", &cf, &ignored) < 0 || parse_system(cf, fallback, &ignored) < 0)
		return NULL;
	return *fallback;
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

	for (struct cell *o = m->cells; o && n < CV_MAX_CPUS; o = o->next) {
		const struct cv_config *oc;
		struct op_error ignored;

		/* one of the same name is CellExists, said when it is created */
		if (!streq(o->name, c->cell.name) && cell_config(o, &oc, &ignored) == 0)
			cfgs[n++] = (struct cv_config *)oc;
	}
	cfgs[n] = (struct cv_config *)c;
	return cv_cells_validate_together(cfgs, n + 1, d);
}

int manager_parse_cell(struct manager *m, const struct config_file *cf, struct cv_config **ret, struct op_error *e)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL, *fallback = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	int r;

	r = parse_config(cf, CV_CONFIG_CELL, &c, e);
	if (r < 0)
		return r;
	/* A name grants a cell (polkit's "cell" detail): its file may not create another. */
	if (cf->name && !streq(c->cell.name, cf->name))
		return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL,
			       "%s:%u:%u: error: the config of cell '%s' names the cell '%s'; a config in "
			       "a config directory must name the cell its file is named after",
			       cf->path, c->cell.name_loc.line, c->cell.name_loc.column, cf->name, c->cell.name);
	if (PROFILED(PROFILE_PARSE, cv_cell_validate(c, manager_system(m, &fallback), &d)) < 0 ||
	    PROFILED(PROFILE_PARSE, check_against_cells(m, c, &d)) < 0)
		return config_error(e, &d);
	*ret = TAKE_PTR(c);
	return 0;
}

int manager_create_cell(struct manager *m, const struct cv_config *c, const struct config_file *cf,
			uint32_t *ret_id, struct op_error *e)
{
	_cleanup_free_ void *blob = NULL;
	char what[96];
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
	(void)PROFILED(PROFILE_FILES, cell_save_new(m, c, cf));
	snprintf(what, sizeof(what), "create cell '%s'", c->cell.name);
	r = kmod_cell_create(m->kmod, blob, size, ret_id);
	if (r < 0) {
		PROFILED_VOID(PROFILE_FILES, cell_forget(m, c->cell.name));
		return op_fail_kmod(e, r, kmod_describe(m->kmod), what);
	}
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
