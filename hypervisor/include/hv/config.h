/* SPDX-License-Identifier: GPL-2.0 */
/* Validation of the binary configs (independent of the module's checks). */
#ifndef _HV_CONFIG_H
#define _HV_CONFIG_H

#include <cellvisor/config.h>
#include <hv/types.h>

/* Highest guest physical address + 1 the stage-2 tables can map. */
#define CONFIG_IPA_LIMIT	(1ULL << 39)

/*
 * Checks a system config blob of @size bytes: signatures, revision, sizes,
 * platform, root CPUs and regions (aligned, identity, disjoint, clear of
 * the hypervisor and the GIC). Returns 0 or -CV_EINVAL with *why set.
 */
int config_check_system(const struct cv_system_config *sys, u64 size,
			const char **why);

/* True if [a, a+as) and [b, b+bs) intersect. */
static inline bool ranges_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

#endif /* _HV_CONFIG_H */
