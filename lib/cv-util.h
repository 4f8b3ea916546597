/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by cellmgrd and cellctl: cleanup attributes, TAKE_PTR, string helpers. */
#ifndef CV_UTIL_H
#define CV_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cellvisor/config-check.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(cv_freep)
#define _cleanup_fclose_ _cleanup_(cv_fclosep)
#define _cleanup_close_ _cleanup_(cv_closep)
#define _unused_ __attribute__((unused))
#define _printf_(a, b) __attribute__((format(printf, a, b)))

#define ELEMENTSOF(x) (sizeof(x) / sizeof((x)[0]))

/* Hand a cleanup-guarded pointer out of its scope without freeing it. */
#define TAKE_PTR(p) ({ __typeof__(p) _p = (p); (p) = NULL; _p; })
#define TAKE_FD(fd) ({ int _fd = (fd); (fd) = -1; _fd; })

static inline void cv_freep(void *p)
{
	free(*(void **)p);
}

static inline void cv_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

static inline void cv_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}

static inline bool streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static inline bool streq_ptr(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return streq(a, b);
}

/* Strings arrays (NULL-terminated), as sd-bus returns them. */
static inline void cv_strv_free(char **l)
{
	if (!l)
		return;
	for (char **i = l; *i; i++)
		free(*i);
	free(l);
}

static inline void cv_strv_freep(char ***l)
{
	cv_strv_free(*l);
}
#define _cleanup_strv_free_ _cleanup_(cv_strv_freep)

/*
 * Cell names end up in unit names, file names and bus paths: keep them plain.
 * The rule is the shared validator's (common/config-check.c), one copy for the
 * hypervisor, the module and user space.
 */
static inline bool cv_cell_name_valid(const char *name)
{
	return cv_check_name(name, CV_CELL_NAME_LEN) != CV_RULE_NAME;
}

/* Names cellmgrd keeps for itself ("hypervisor": its console, pty and journal tag). */
static inline bool cv_cell_name_reserved(const char *name)
{
	return cv_check_name(name, CV_CELL_NAME_LEN) == CV_RULE_NAME_RESERVED;
}

#endif /* CV_UTIL_H */
