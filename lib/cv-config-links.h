/* SPDX-License-Identifier: GPL-2.0-only */
/* The checks of shared-memory links (cv-config-validate-links.c); not installed, not API. */
#ifndef CV_CONFIG_LINKS_H
#define CV_CONFIG_LINKS_H

#include "cv-config.h"

/* One member's links on their own: a cell's (with its regions, vUART and INTx), or the root's. */
void cv_links_check_member(const struct cv_config *c, const struct cv_cell *cell, bool root,
			   struct cv_diag *d);
/* The root's links against the system config: memory, register pages. */
void cv_links_check_root(const struct cv_config *sys, struct cv_diag *d);
/* A cell's links against the system config and the root's membership. */
void cv_links_check_against_system(const struct cv_config *c, const struct cv_config *sys,
				   struct cv_diag *d);
/* Cell b against cell a: the links they share agree, other memory stays apart. Errors are b's. */
void cv_links_check_pair(const struct cv_config *a, const struct cv_config *b, struct cv_diag *d);

#endif /* CV_CONFIG_LINKS_H */
