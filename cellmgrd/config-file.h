/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Config files as cellmgrd reads them: once, into memory, with their
 * digest. Cell configs come by name from the config directories (trusted:
 * the administrator's) or as a file descriptor from the caller; nothing
 * the daemon reads is opened again later.
 */
#ifndef CELLMGRD_CONFIG_FILE_H
#define CELLMGRD_CONFIG_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "cv-sha256.h"
#include "errors.h"

struct config_file {
	char *name;		/* the cell it was looked up for, or NULL */
	char *path;		/* where it was read: messages, ConfigFile */
	char *text;		/* its bytes, NUL-terminated */
	size_t size;
	char sha256[CV_SHA256_HEX_SIZE];
	bool trusted;		/* from a config directory: the images it names may be opened */
};

void config_file_free(struct config_file *cf);
/* The same as a polkit stash's destructor. */
void config_file_free_stash(void *cf);
static inline void config_file_freep(struct config_file **cf)
{
	config_file_free(*cf);
}

/*
 * Cell name's config, DIR/cells/NAME.yaml in the first of dirs that has
 * one. A string that is not a cell name, or a reserved one, is refused
 * before any file is looked at.
 */
int config_file_read_named(const char *const *dirs, const char *name, struct config_file **ret,
			   struct op_error *e);
/* The file at path (trusted: the administrator's system.yaml). */
int config_file_read_path(const char *path, bool trusted, struct config_file **ret, struct op_error *e);
/* The file behind fd, as a caller handed it over. */
int config_file_read_fd(int fd, struct config_file **ret, struct op_error *e);

#endif /* CELLMGRD_CONFIG_FILE_H */
