/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading configs once: by cell name from the config directories, by path, or from a caller's fd. */
#include <stdio.h>
#include <systemd/sd-bus.h>

#include "config-file.h"
#include "cv-bus.h"
#include "cv-config.h"
#include "cv-file.h"
#include "profile.h"

void config_file_free(struct config_file *cf)
{
	if (!cf)
		return;
	free(cf->name);
	free(cf->path);
	free(cf->text);
	free(cf);
}

void config_file_free_stash(void *cf)
{
	config_file_free(cf);
}

/* Read fd (whose name for messages is path) into a new config_file. */
static int read_into(int fd, char *path, bool trusted, struct config_file **ret, struct op_error *e)
{
	_cleanup_(config_file_freep) struct config_file *cf = calloc(1, sizeof(*cf));
	int r;

	if (!cf) {
		free(path);
		return -ENOMEM;
	}
	cf->path = path;
	cf->trusted = trusted;
	if (!cf->path)
		return -ENOMEM;
	r = PROFILED(PROFILE_CONFIG, cv_read_regular_fd(fd, CV_CONFIG_FILE_MAX, &cf->text, &cf->size));
	if (r == -EINVAL || r == -EFBIG)
		return op_fail(e, CV_ERROR_INVALID_CONFIG, r, "%s: %s%s", cf->path, cv_read_strerror(r),
			       r == -EFBIG ? " (a config has at most 256 KiB)" : "");
	if (r < 0)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, r, "Cannot read %s: %s", cf->path, cv_read_strerror(r));
	PROFILED_VOID(PROFILE_CONFIG, cv_sha256_hex(cf->text, cf->size, cf->sha256));
	*ret = TAKE_PTR(cf);
	return 0;
}

int config_file_read_path(const char *path, bool trusted, struct config_file **ret, struct op_error *e)
{
	_cleanup_close_ int fd = -1;

	if (path[0] != '/')
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -EINVAL, "Config path '%s' is not absolute", path);
	fd = PROFILED(PROFILE_CONFIG, cv_open_read(path));
	if (fd < 0)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, fd, "Cannot open %s: %s", path, strerror(-fd));
	return read_into(fd, strdup(path), trusted, ret, e);
}

int config_file_read_fd(int fd, struct config_file **ret, struct op_error *e)
{
	char *path = cv_fd_path(fd);

	/* The name goes into messages and the cell's metadata, one line each. */
	for (char *p = path; p && *p; p++)
		if (*p == '\n')
			*p = '?';
	return read_into(fd, path, false, ret, e);
}

int config_file_read_named(const char *const *dirs, const char *name, struct config_file **ret,
			   struct op_error *e)
{
	_cleanup_free_ char *rel = NULL, *path = NULL;
	int r;

	if (!cv_cell_name_valid(name))
		return op_fail(e, SD_BUS_ERROR_INVALID_ARGS, -EINVAL,
			       "'%s' is not a cell name (1..%d characters of A-Z a-z 0-9 _ . -, not starting "
			       "with . or -); a cell is created from a file with CreateCellFromFile (cellctl "
			       "create FILE), which needs the manage-hypervisor right",
			       name, CV_CELL_NAME_LEN - 1);
	if (cv_cell_name_reserved(name))
		return op_fail(e, SD_BUS_ERROR_INVALID_ARGS, -EINVAL,
			       "The cell name '%s' is reserved: the hypervisor's console goes by it", name);
	if (asprintf(&rel, "cells/%s.yaml", name) < 0)
		return -ENOMEM;
	path = PROFILED(PROFILE_CONFIG, cv_find_config(dirs, rel));
	if (!path)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT,
			       "No config for cell '%s': create %s/cells/%s.yaml", name, dirs[0], name);
	r = config_file_read_path(path, true, ret, e);
	if (r < 0)
		return r;
	(*ret)->name = strdup(name);
	return (*ret)->name ? 0 : -ENOMEM;
}
