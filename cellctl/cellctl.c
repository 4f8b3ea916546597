/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl: command line client of cellmgrd, plus offline config tools. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cellctl.h"
#include "cv-build-config.h"
#include "cv-bus.h"

bool arg_json;
bool arg_no_legend;
bool arg_follow;
bool arg_watch;
bool arg_ask_password = true;
const char *arg_system;
const char *arg_output;

int cellctl_bus_open(sd_bus **ret)
{
	int r;

	r = sd_bus_default_system(ret);
	if (r < 0) {
		fprintf(stderr, "cellctl: cannot connect to the system bus: %s\n", strerror(-r));
		return r;
	}
	(void)sd_bus_set_allow_interactive_authorization(*ret, arg_ask_password);
	return 0;
}

int cellctl_bus_fail(const char *what, const sd_bus_error *error, int r)
{
	if (error && sd_bus_error_is_set(error))
		fprintf(stderr, "cellctl: %s: %s\n", what, error->message ? error->message : error->name);
	else
		fprintf(stderr, "cellctl: %s: %s\n", what, strerror(-r));
	return EXIT_FAIL;
}

static int print_version(void)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_free_ char *version = NULL;
	int r;

	printf("cellctl %s\n", CV_PACKAGE_VERSION);
	fflush(stdout);
	r = cellctl_bus_open(&bus);
	if (r < 0)
		return EXIT_FAIL;
	r = sd_bus_get_property_string(bus, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE,
				       "Version", &error, &version);
	if (r < 0)
		return cellctl_bus_fail("cellmgrd is not reachable", &error, r);
	printf("cellmgrd %s\n", version);
	return EXIT_OK;
}

static void help(void)
{
	printf("Usage: cellctl [OPTIONS] COMMAND ...\n\n"
	       "Manage cellvisor cells through cellmgrd.\n\n"
	       "Options:\n"
	       "  -h --help            Show this help\n"
	       "     --version         Show the versions of cellctl and cellmgrd\n");
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "help",    no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
		switch (c) {
		case 'h':
			help();
			return EXIT_OK;
		case 'V':
			return print_version();
		default:
			return EXIT_USAGE;
		}
	}
	help();
	return EXIT_USAGE;
}
