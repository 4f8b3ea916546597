/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's checks of config blobs (config-check.c): 0, or a
 * negative errno after a pr_err that says what is wrong.
 */
#ifndef _CV_CONFIG_CHECK_H
#define _CV_CONFIG_CHECK_H

#include <cellvisor/config.h>

/* A system config at enable; also that Linux's RAM is all in root-ram regions. */
int cv_check_system_config(const struct cv_system_config *cfg, size_t size);
/* A cell config against the system config in use; also that it maps no Linux RAM. */
int cv_check_cell_config(const struct cv_system_config *sys, const struct cv_cell_config *cfg,
			 size_t size);

#endif /* _CV_CONFIG_CHECK_H */
