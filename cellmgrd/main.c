/* SPDX-License-Identifier: GPL-2.0-only */
/* cellmgrd: the cellvisor management daemon. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cv-build-config.h"
#include "cv-util.h"
#include "cv-log.h"
#include "manager.h"

static int parse_argv(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (streq(argv[i], "--version")) {
			printf("cellmgrd %s\n", CV_PACKAGE_VERSION);
			return 0;
		}
		if (streq(argv[i], "--help") || streq(argv[i], "-h")) {
			printf("Usage: %s [--version]\n"
			       "The cellvisor management daemon, started by cellmgrd.service.\n",
			       argv[0]);
			return 0;
		}
		fprintf(stderr, "cellmgrd: unknown argument '%s'\n", argv[i]);
		return -EINVAL;
	}
	return 1;
}

int main(int argc, char *argv[])
{
	_cleanup_(manager_freep) struct manager *m = NULL;
	int r;

	r = parse_argv(argc, argv);
	if (r <= 0)
		return r < 0 ? 2 : 0;

	cv_log_setup();
	umask(0022);
	r = manager_new(&m);
	if (r < 0) {
		log_error_errno(r, "Cannot set up the manager");
		return 1;
	}
	r = manager_startup(m);
	if (r < 0)
		return 1;
	r = manager_run(m);
	return r < 0 ? 1 : 0;
}
