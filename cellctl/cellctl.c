/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl: command line client of cellmgrd, plus offline config tools. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cellctl.h"
#include "cv-build-config.h"
#include "cv-bus.h"
#include "cv-config.h"

bool arg_json;
bool arg_links;
bool arg_no_legend;
bool arg_follow;
uint64_t arg_lines = UINT64_MAX;
bool arg_watch;
bool arg_ask_password = true;
const char *arg_system;
const char *arg_output;
const char *arg_string;
uint64_t arg_string_addr;
bool arg_string_addr_set;
const char *arg_initrd;
const char *arg_cmdline;
const char *arg_dtb;

int cellctl_bus_open(sd_bus **ret)
{
	int r;

	r = sd_bus_default_system(ret);
	if (r < 0) {
		fprintf(stderr, "cellctl: cannot connect to the system bus: %s\n", strerror(-r));
		return r;
	}
	(void)sd_bus_set_allow_interactive_authorization(*ret, arg_ask_password);
	/* Loading images and starting cells can take a while under emulation. */
	(void)sd_bus_set_method_call_timeout(*ret, 120 * 1000000ULL);
	return 0;
}

int cellctl_bus_fail(const char *what, const sd_bus_error *error, int r)
{
	if (error && sd_bus_error_is_set(error)) {
		if (sd_bus_error_has_name(error, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
		    sd_bus_error_has_name(error, SD_BUS_ERROR_NAME_HAS_NO_OWNER))
			fprintf(stderr, "cellctl: %s: cellmgrd is not running (systemctl start cellmgrd): %s\n",
				what, error->message);
		else
			fprintf(stderr, "cellctl: %s: %s\n", what, error->message ? error->message : error->name);
	} else {
		fprintf(stderr, "cellctl: %s: %s\n", what, strerror(-r));
	}
	return EXIT_FAIL;
}

int cellctl_call(sd_bus *bus, const char *what, const char *method, sd_bus_message **reply,
		 const char *types, ...)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *m = NULL;
	va_list ap;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, method);
	if (r < 0)
		return cellctl_bus_fail(what, NULL, r), r;
	if (types) {
		va_start(ap, types);
		r = sd_bus_message_appendv(m, types, ap);
		va_end(ap);
		if (r < 0)
			return cellctl_bus_fail(what, NULL, r), r;
	}
	r = sd_bus_call(bus, m, 0, &error, reply);
	if (r < 0)
		return cellctl_bus_fail(what, &error, r), r;
	return 0;
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
	       "Cells:\n"
	       "  list                          List cells (--links: the shared-memory links)\n"
	       "  status NAME...                Show a cell's state, CPUs, memory, failure\n"
	       "  create CONFIG                 Create a cell from a YAML file or a config name\n"
	       "  load NAME [IMAGE[@ADDR]...]   Load images (default: those of the config)\n"
	       "  start NAME...                 Start cells\n"
	       "  shutdown NAME...              Shut cells down (politely, then forced)\n"
	       "  destroy NAME...               Destroy cells, returning resources to Linux\n"
	       "  stats [NAME]                  VM-exit counters per CPU (-w: keep watching)\n"
	       "  console [NAME]                Print what a console holds (-f: follow; input on a tty)\n"
	       "  run NAME                      Create, load, start and supervise (cell@.service)\n"
	       "  linux CONFIG KERNEL [-i INITRD] [-c CMDLINE] [-d DTB]\n"
	       "                                Create a cell and boot a Linux kernel in it\n"
	       "  dtb CONFIG [-o OUT]           Write the device tree a cell gets (offline)\n"
	       "Hypervisor:\n"
	       "  enable [SYSCONFIG]            Enable the hypervisor\n"
	       "  disable                       Disable the hypervisor\n"
	       "  hardware check                Check that this machine can run cellvisor\n"
	       "Configs (offline):\n"
	       "  config check FILE...          Validate system and cell configs\n"
	       "  config compile FILE -o OUT    Compile a config to its binary form\n"
	       "  config create [DTB] [-o OUT]  Write a system config from the (running) device tree\n\n"
	       "Options:\n"
	       "  -h --help                     Show this help\n"
	       "     --version                  Show the versions of cellctl and cellmgrd\n"
	       "     --json                     Print listings as JSON\n"
	       "     --links                    list: the links and their peers instead of cells\n"
	       "     --no-legend                Omit table headers and footers\n"
	       "     --no-ask-password          Do not ask for a password (polkit)\n"
	       "  -f --follow                   console: keep following\n"
	       "  -n --lines=N                  console: only the last N lines of what it holds\n"
	       "  -w --watch                    stats: refresh every second\n"
	       "     --system=FILE              config, dtb: the system config to check cells against\n"
	       "  -o --output=FILE              config compile/create: output file\n"
	       "  -s --string=STRING -a --address=ADDR\n"
	       "                                load: also load STRING at ADDR\n"
	       "  -i --initrd=FILE -c --cmdline=STRING -d --dtb=FILE\n"
	       "                                linux, dtb: initrd, kernel command line, device tree\n\n"
	       "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

enum {
	ARG_VERSION = 0x100,
	ARG_JSON,
	ARG_NO_LEGEND,
	ARG_NO_ASK_PASSWORD,
	ARG_SYSTEM,
	ARG_LINKS,
};

static int parse_argv(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "help",            no_argument,       NULL, 'h' },
		{ "version",         no_argument,       NULL, ARG_VERSION },
		{ "json",            no_argument,       NULL, ARG_JSON },
		{ "links",           no_argument,       NULL, ARG_LINKS },
		{ "no-legend",       no_argument,       NULL, ARG_NO_LEGEND },
		{ "no-ask-password", no_argument,       NULL, ARG_NO_ASK_PASSWORD },
		{ "follow",          no_argument,       NULL, 'f' },
		{ "lines",           required_argument, NULL, 'n' },
		{ "watch",           no_argument,       NULL, 'w' },
		{ "system",          required_argument, NULL, ARG_SYSTEM },
		{ "output",          required_argument, NULL, 'o' },
		{ "string",          required_argument, NULL, 's' },
		{ "address",         required_argument, NULL, 'a' },
		{ "initrd",          required_argument, NULL, 'i' },
		{ "cmdline",         required_argument, NULL, 'c' },
		{ "dtb",             required_argument, NULL, 'd' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "hfn:wo:s:a:i:c:d:", options, NULL)) >= 0) {
		switch (c) {
		case 'h':
			help();
			return 0;
		case ARG_VERSION:
			return -100;	/* handled by main: it needs the bus */
		case ARG_JSON:
			arg_json = true;
			break;
		case ARG_LINKS:
			arg_links = true;
			break;
		case ARG_NO_LEGEND:
			arg_no_legend = true;
			break;
		case ARG_NO_ASK_PASSWORD:
			arg_ask_password = false;
			break;
		case 'f':
			arg_follow = true;
			break;
		case 'n':
			if (cv_parse_u64(optarg, &arg_lines) < 0) {
				fprintf(stderr, "cellctl: invalid number of lines '%s'\n", optarg);
				return -EINVAL;
			}
			break;
		case 'w':
			arg_watch = true;
			break;
		case ARG_SYSTEM:
			arg_system = optarg;
			break;
		case 'o':
			arg_output = optarg;
			break;
		case 's':
			arg_string = optarg;
			break;
		case 'a':
			if (cv_parse_size(optarg, &arg_string_addr) < 0) {
				fprintf(stderr, "cellctl: invalid address '%s'\n", optarg);
				return -EINVAL;
			}
			arg_string_addr_set = true;
			break;
		case 'i':
			arg_initrd = optarg;
			break;
		case 'c':
			arg_cmdline = optarg;
			break;
		case 'd':
			arg_dtb = optarg;
			break;
		default:
			return -EINVAL;
		}
	}
	return 1;
}

struct verb {
	const char *name;
	const char *sub;	/* second word, for "config check" */
	int min_args;		/* arguments after the verb words */
	int max_args;		/* -1: any */
	int (*fn)(int argc, char *argv[]);
};

static const struct verb verbs[] = {
	{ "list",     NULL,      0, 0,  verb_list },
	{ "status",   NULL,      1, -1, verb_status },
	{ "enable",   NULL,      0, 1,  verb_enable },
	{ "disable",  NULL,      0, 0,  verb_disable },
	{ "create",   NULL,      1, 1,  verb_create },
	{ "load",     NULL,      1, -1, verb_load },
	{ "start",    NULL,      1, -1, verb_start },
	{ "shutdown", NULL,      1, -1, verb_shutdown },
	{ "destroy",  NULL,      1, -1, verb_destroy },
	{ "stats",    NULL,      0, 1,  verb_stats },
	{ "console",  NULL,      0, 1,  verb_console },
	{ "linux",    NULL,      2, 2,  verb_linux },
	{ "dtb",      NULL,      1, 1,  verb_dtb },
	{ "run",      NULL,      1, 1,  verb_run },
	{ "config",   "check",   1, -1, verb_config_check },
	{ "config",   "compile", 1, 1,  verb_config_compile },
	{ "config",   "create",  0, 1,  verb_config_create },
	{ "hardware", "check",   0, 0,  verb_hardware_check },
};

static int dispatch(int argc, char *argv[])
{
	bool known = false;

	if (argc < 1) {
		fprintf(stderr, "cellctl: missing command (see cellctl --help)\n");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++) {
		const struct verb *v = &verbs[i];
		int words = v->sub ? 2 : 1, n;

		if (!streq(v->name, argv[0]))
			continue;
		known = true;
		if (v->sub && (argc < 2 || !streq(v->sub, argv[1])))
			continue;
		n = argc - words;
		if (n < v->min_args || (v->max_args >= 0 && n > v->max_args)) {
			fprintf(stderr, "cellctl: wrong number of arguments for '%s%s%s' (see cellctl --help)\n",
				v->name, v->sub ? " " : "", v->sub ? v->sub : "");
			return EXIT_USAGE;
		}
		/* The verb sees itself as argv[0] and its arguments after it. */
		return v->fn(n + 1, argv + words - 1);
	}
	fprintf(stderr, known ? "cellctl: unknown subcommand '%s %s' (see cellctl --help)\n"
			      : "cellctl: unknown command '%s' (see cellctl --help)\n",
		argv[0], argc > 1 ? argv[1] : "");
	return EXIT_USAGE;
}

int main(int argc, char *argv[])
{
	int r;

	r = parse_argv(argc, argv);
	if (r == -100)
		return print_version();
	if (r < 0)
		return EXIT_USAGE;
	if (r == 0)
		return EXIT_OK;
	return dispatch(argc - optind, argv + optind);
}
