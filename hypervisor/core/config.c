// SPDX-License-Identifier: GPL-2.0
/* The system config at enable: the shared rules (common/config-check.c). */
#include <cellvisor/config-check.h>
#include <hv/config.h>

int config_check_system(const struct cv_system_config *sys, u64 size,
			const char **why)
{
	struct cv_check chk = { 0 };

	if (!cv_check_system(&chk, sys, size))
		return 0;
	if (why)
		*why = cv_rule_text(chk.first.rule);
	return -CV_EINVAL;
}
