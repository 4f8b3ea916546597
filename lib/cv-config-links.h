/* SPDX-License-Identifier: GPL-2.0-only */
/* The checks of shared-memory links (cv-config-validate-links.c); not installed, not API. */
#ifndef CV_CONFIG_LINKS_H
#define CV_CONFIG_LINKS_H

#include "cv-config.h"
#include <cellvisor/config-check.h>

/*
 * The message for a shared rule about @cell's links (of config @c, checked
 * against @sys, which is @c for the root's; NULL if none); false if @v is
 * not about links.
 */
bool cv_links_verdict(const struct cv_config *c, const struct cv_cell *cell,
		      const struct cv_config *sys, const struct cv_verdict *v, struct cv_diag *d);
/* The root's link registers against the hypervisor's memory. */
void cv_links_check_root(const struct cv_config *sys, struct cv_diag *d);
/* A cell's memory against the vPCI host, and its links against the root's membership. */
void cv_links_check_against_system(const struct cv_config *c, const struct cv_config *sys,
				   struct cv_diag *d);
/* Cell b against cell a: the links they share agree, other memory stays apart. Errors are b's. */
void cv_links_check_pair(const struct cv_config *a, const struct cv_config *b, struct cv_diag *d);

#endif /* CV_CONFIG_LINKS_H */
