/* SPDX-License-Identifier: GPL-2.0-only */
/* cellmgrd: the cellvisor management daemon. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cv-build-config.h"
#include "cv-log.h"
#include "manager.h"

#define MAX_CONFIG_DIRS 8

static const char *config_dirs[MAX_CONFIG_DIRS + 1];
static size_t n_config_dirs;
static struct manager_options opts;

static void help(const char *argv0)
{
	printf("Usage: %s [OPTIONS]\n\n"
	       "The cellvisor management daemon, started by cellmgrd.service.\n\n"
	       "  -h --help               Show this help\n"
	       "     --version            Show the version\n"
	       "     --runtime-dir=DIR    Consoles and metadata (default: $RUNTIME_DIRECTORY or /run/cellvisor)\n"
	       "     --config-dir=DIR     Look for system.yaml and cells/*.yaml here (repeatable;\n"
	       "                          default: %s, then %s)\n",
	       argv0, CV_SYSCONFDIR, CV_DATADIR);
}

static int parse_argv(int argc, char *argv[])
{
	enum { ARG_VERSION = 0x100, ARG_RUNTIME_DIR, ARG_CONFIG_DIR };
	static const struct option options[] = {
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, ARG_VERSION },
		{ "runtime-dir", required_argument, NULL, ARG_RUNTIME_DIR },
		{ "config-dir",  required_argument, NULL, ARG_CONFIG_DIR },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
		switch (c) {
		case 'h':
			help(argv[0]);
			return 0;
		case ARG_VERSION:
			printf("cellmgrd %s\n", CV_PACKAGE_VERSION);
			return 0;
		case ARG_RUNTIME_DIR:
			opts.runtime_dir = optarg;
			break;
		case ARG_CONFIG_DIR:
			if (n_config_dirs == MAX_CONFIG_DIRS)
				return log_error_errno(-E2BIG, "At most %d --config-dir", MAX_CONFIG_DIRS);
			config_dirs[n_config_dirs++] = optarg;
			break;
		default:
			return -EINVAL;
		}
	}
	if (optind < argc) {
		log_error("Unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	if (!opts.runtime_dir)
		opts.runtime_dir = getenv("RUNTIME_DIRECTORY") ?: "/run/cellvisor";
	opts.config_dirs = n_config_dirs ? config_dirs : cv_config_dirs_default;
	return 1;
}

int main(int argc, char *argv[])
{
	_cleanup_(manager_freep) struct manager *m = NULL;
	int r;

	cv_log_setup();
	r = parse_argv(argc, argv);
	if (r <= 0)
		return r < 0 ? 2 : 0;
	umask(0022);
	r = manager_new(&opts, &m);
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
