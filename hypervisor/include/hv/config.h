/* SPDX-License-Identifier: GPL-2.0 */
/* The system config's check, and a helper every range check uses. */
#ifndef _HV_CONFIG_H
#define _HV_CONFIG_H

#include <cellvisor/config.h>
#include <hv/types.h>

/*
 * Checks a system config blob of @size bytes against the shared rules
 * (include/cellvisor/config-check.h). Returns 0 or -CV_EINVAL with *why
 * set to what the first broken rule requires.
 */
int config_check_system(const struct cv_system_config *sys, u64 size,
			const char **why);

/* True if [a, a+as) and [b, b+bs) intersect. */
static inline bool ranges_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

#endif /* _HV_CONFIG_H */
