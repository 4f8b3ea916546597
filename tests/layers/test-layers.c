// SPDX-License-Identifier: GPL-2.0
/*
 * The three layers that check a config agree on every file of the config
 * corpus (tests/configs/invalid, tests/configs/valid) and on the shipped configs:
 * config check (lib/, the shared rules told at their place in the YAML),
 * the module's checks (kmod/config-check.c, against kernel stand-ins)
 * and the hypervisor's (hypervisor/core/cell-check.c and config.c, with
 * the fake arch), the last two built for the host. Each file is compiled
 * to the blob cellmgrd would hand down; all three accept it, or all
 * three refuse it. Files refused before there is a blob (YAML syntax,
 * unknown keys) or for what the blob does not carry (images, the
 * description of devices) are said so.
 *
 * Usage: test-layers CORPUS-DIR [SHIPPED.yaml...]; cells in the corpus
 * are checked against CORPUS-DIR/../../configs/qemu-arm64/system.yaml,
 * shipped cells against the system.yaml beside them.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-config.h"
#include "config-check.h"
#include "layers.h"

static const char *verdict(bool accepted)
{
	return accepted ? "accepted" : "refused";
}

static void said_by(const char *who, bool accepted, const char *why)
{
	if (accepted)
		printf("#   %s accepted\n", who);
	else
		printf("#   %s refused: %.*s\n", who, (int)strcspn(why, "\n"), why);
}

static void said(const char *lib_first, bool lib, bool kmod, bool hv)
{
	said_by("config check", lib, lib_first);
	said_by("module", kmod, layers_kmod_said);
	said_by("hypervisor", hv, layers_hv_said);
}

static void check_system(const char *name, const struct cv_config *c)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ void *blob = NULL;
	bool lib, kmod, hv;
	size_t size;

	cv_diag_init(&d);
	lib = cv_system_validate(c, &d) == 0;
	if (cv_system_compile(&c->system, &blob, &size) < 0) {
		tap_ok(false, "%s%s compiles", name, "");
		return;
	}
	layers_linux_ram(blob);
	layers_kmod_said[0] = layers_hv_said[0] = 0;
	kmod = cv_check_system_config(blob, size) == 0;
	hv = layers_hv_enable(blob, size) == 0;
	tap_ok(lib == kmod && kmod == hv, "%s: config check, module and hypervisor all %s", name,
	   verdict(lib));
	said(d.n_msgs ? d.msgs[0] : "", lib, kmod, hv);
}

static void check_cell(const char *name, const struct cv_config *c, const struct cv_config *sys)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {}, full = {};
	_cleanup_free_ void *blob = NULL, *sys_blob = NULL;
	size_t size, sys_size;
	bool lib, kmod, hv;

	cv_diag_init(&d);
	cv_diag_init(&full);
	lib = cv_cell_check_rules(c, sys, &d) == 0;
	if (cv_cell_compile(&c->cell, &blob, &size) < 0 ||
	    cv_system_compile(&sys->system, &sys_blob, &sys_size) < 0 ||
	    layers_hv_enable(sys_blob, sys_size) < 0) {
		tap_ok(false, "%s%s compiles, and its system config enables", name, "");
		return;
	}
	layers_linux_ram(sys_blob);
	layers_kmod_said[0] = layers_hv_said[0] = 0;
	kmod = cv_check_cell_config(sys_blob, blob, size) == 0;
	hv = layers_hv_check_cell(blob, size) == 0;
	tap_ok(lib == kmod && kmod == hv, "%s: config check, module and hypervisor all %s", name,
	   verdict(lib));
	said(d.n_msgs ? d.msgs[0] : "", lib, kmod, hv);
	if (lib && cv_cell_validate(c, sys, &full) < 0)
		printf("#   config check refuses it for what the blob does not carry (images, device "
		       "descriptions): %s\n", full.msgs[0]);
}

static void check_file(const char *path, const char *name, const struct cv_config *sys)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};

	cv_diag_init(&d);
	if (cv_config_load(path, &c, &d) < 0) {
		tap_ok(d.n_errors > 0, "%s: refused by config check before there is a blob%s", name, "");
		printf("#   %s\n", d.n_msgs ? d.msgs[0] : "");
		return;
	}
	if (c->kind == CV_CONFIG_SYSTEM)
		check_system(name, c);
	else
		check_cell(name, c, sys);
}

static void check_dir(const char *corpus, const char *sub, const struct cv_config *sys)
{
	_cleanup_free_ char *dir = NULL;
	struct dirent **list;
	int n;

	if (asprintf(&dir, "%s/%s", corpus, sub) < 0)
		abort();
	n = scandir(dir, &list, NULL, alphasort);
	tap_ok(n > 2, "%s%s has files", dir, "");
	for (int i = 0; i < n; i++) {
		size_t len = strlen(list[i]->d_name);
		_cleanup_free_ char *path = NULL, *name = NULL;

		if (len > 5 && streq(list[i]->d_name + len - 5, ".yaml") &&
		    asprintf(&path, "%s/%s", dir, list[i]->d_name) >= 0 &&
		    asprintf(&name, "%s/%s", sub, list[i]->d_name) >= 0)
			check_file(path, name, sys);
		free(list[i]);
	}
	free(list);
}

/* The system config beside @path (a shipped cell's). */
static struct cv_config *system_beside(const char *path)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *p = strdup(path);
	struct cv_config *sys = NULL;

	cv_diag_init(&d);
	if (!p)
		abort();
	strcpy(strrchr(p, '/') + 1, "system.yaml");
	return cv_config_load(p, &sys, &d) == 0 ? sys : NULL;
}

int main(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL;
	_cleanup_free_ char *sys_path = NULL;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR [SHIPPED.yaml...]\n", argv[0]);
		return 2;
	}
	if (asprintf(&sys_path, "%s/../../configs/qemu-arm64/system.yaml", argv[1]) < 0)
		return 1;
	sys = system_beside(sys_path);
	if (!sys)
		return 1;
	check_dir(argv[1], "invalid", sys);
	check_dir(argv[1], "valid", sys);
	for (int i = 2; i < argc; i++) {
		_cleanup_(cv_config_freep) struct cv_config *s = system_beside(argv[i]);

		if (s)
			check_file(argv[i], argv[i], s);
		else
			tap_ok(false, "%s has a system config beside it%s", argv[i], "");
	}
	return tap_done();
}
