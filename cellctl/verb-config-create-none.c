/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl config create, in a build without libfdt. */
#include <stdio.h>

#include "cellctl.h"

int verb_config_create(int argc, char *argv[])
{
	(void)argc, (void)argv;
	fprintf(stderr, "cellctl: config create is not available: this cellctl was built without libfdt; "
		"start from /usr/share/cellvisor/configs/<platform>/system.yaml\n");
	return EXIT_FAIL;
}
