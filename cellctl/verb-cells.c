/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl verbs about cells and the hypervisor: list, status, enable … destroy, stats. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "cellctl.h"
#include "cv-bus.h"
#include "cv-config.h"
#include "cv-file.h"
#include "output.h"

int verb_list(int argc, char *argv[])
{
	static const char *const cols[] = { "name", "#id", "state", "cpus" };
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const char *name, *state, *cpus, *path;
	struct table t;
	uint32_t id;
	char ids[16];
	int r;

	(void)argc, (void)argv;
	if (arg_links)
		return verb_list_links();
	if (cellctl_bus_open(&bus) < 0 || cellctl_call(bus, "cannot list cells", "ListCells", &reply, NULL) < 0)
		return EXIT_FAIL;
	table_init(&t, cols, ELEMENTSOF(cols));
	r = sd_bus_message_enter_container(reply, 'a', "(susso)");
	while (r >= 0 && (r = sd_bus_message_read(reply, "(susso)", &name, &id, &state, &cpus, &path)) > 0) {
		snprintf(ids, sizeof(ids), "%u", id);
		r = table_add_row(&t, (const char *const[]){ name, ids, state, cpus });
	}
	if (r < 0) {
		table_free(&t);
		return cellctl_bus_fail("cannot read the cell list", NULL, r);
	}
	table_print(&t, "cells");
	table_free(&t);
	return EXIT_OK;
}

struct cell_props {
	char *path, *name, *state, *config, *failure, *stop;
	uint32_t id, hv_pages, table_pages;
	uint64_t memory, start;
	char cpus[256];
};

static void cell_props_free(struct cell_props *p)
{
	free(p->path);
	free(p->name);
	free(p->state);
	free(p->config);
	free(p->failure);
	free(p->stop);
}

static int get_cell_path(sd_bus *bus, const char *name, char **ret)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const char *path;
	char what[128];
	int r;

	snprintf(what, sizeof(what), "cell '%s'", name);
	r = cellctl_call(bus, what, "GetCell", &reply, "s", name);
	if (r < 0)
		return r;
	r = sd_bus_message_read(reply, "o", &path);
	if (r < 0)
		return r;
	*ret = strdup(path);
	return *ret ? 0 : -ENOMEM;
}

static int get_cpus(sd_bus *bus, const char *path, char *buf, size_t size, sd_bus_error *error)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	size_t len = 0;
	uint32_t cpu;
	int r;

	buf[0] = 0;
	r = sd_bus_get_property(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "CPUs", error, &reply, "au");
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "u");
	while (r >= 0 && (r = sd_bus_message_read(reply, "u", &cpu)) > 0 && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s%u", len ? "," : "", cpu);
	return r;
}

static int read_cell_props(sd_bus *bus, const char *name, struct cell_props *p)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	const char *path;
	int r;

	r = get_cell_path(bus, name, &p->path);
	if (r < 0)
		return r;
	path = p->path;
	r = sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "Name", &error, &p->name);
	if (r >= 0)
		r = sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "State", &error, &p->state);
	if (r >= 0)
		r = sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "ConfigFile", &error, &p->config);
	if (r >= 0)
		r = sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "FailureReason", &error,
					       &p->failure);
	if (r >= 0)
		r = sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "StopReason", &error,
					       &p->stop);
	if (r >= 0)
		r = sd_bus_get_property_trivial(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "Id", &error, 'u', &p->id);
	if (r >= 0)
		r = sd_bus_get_property_trivial(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "Memory", &error, 't',
						&p->memory);
	if (r >= 0)
		r = sd_bus_get_property_trivial(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "StartTimestamp", &error,
						't', &p->start);
	if (r >= 0)
		r = sd_bus_get_property_trivial(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "HypervisorPages",
						&error, 'u', &p->hv_pages);
	if (r >= 0)
		r = sd_bus_get_property_trivial(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "TablePages", &error,
						'u', &p->table_pages);
	if (r >= 0)
		r = get_cpus(bus, path, p->cpus, sizeof(p->cpus), &error);
	if (r < 0)
		return cellctl_bus_fail(name, &error, r), r;
	return 0;
}

static void print_status_json(sd_bus *bus, const struct cell_props *p)
{
	printf("{\"name\":");
	json_print_string(p->name);
	printf(",\"id\":%u,\"state\":", p->id);
	json_print_string(p->state);
	printf(",\"cpus\":");
	json_print_string(p->cpus);
	printf(",\"memory\":%llu,\"config\":", (unsigned long long)p->memory);
	json_print_string(p->config);
	printf(",\"hypervisor_pages\":%u,\"table_pages\":%u", p->hv_pages, p->table_pages);
	printf(",\"start_timestamp\":%llu,\"failure\":", (unsigned long long)p->start);
	json_print_string(p->failure);
	printf(",\"stop_reason\":");
	json_print_string(p->stop);
	printf(",\"links\":");
	(void)cellctl_print_cell_links(bus, p->path, true);
	printf("}\n");
}

static void print_status(sd_bus *bus, const struct cell_props *p)
{
	char mem[32], hv[32], when[64] = "-";
	time_t t = (time_t)(p->start / 1000000ULL);
	struct tm tm;

	if (p->start && localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%a %Y-%m-%d %H:%M:%S %Z", &tm);
	printf("%s (id %u)\n", p->name, p->id);
	/* A cell that powered off or reset itself says so: "shut-down (system-off)". */
	printf("    State: %s%s%s%s\n", p->state, *p->stop ? " (" : "", p->stop, *p->stop ? ")" : "");
	printf("     CPUs: %s\n", p->cpus);
	printf("   Memory: %s\n", format_size(p->memory, mem, sizeof(mem)));
	printf("  HV pool: %s (%u pages, %u of them stage-2 tables)\n",
	       format_size((uint64_t)p->hv_pages * 4096, hv, sizeof(hv)), p->hv_pages, p->table_pages);
	printf("   Config: %s\n", *p->config ? p->config : "-");
	printf("  Started: %s\n", when);
	if (*p->failure)
		printf("  Failure: %s\n", p->failure);
	(void)cellctl_print_cell_links(bus, p->path, false);
}

int verb_status(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	int ret = EXIT_OK;

	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	for (int i = 1; i < argc; i++) {
		struct cell_props p = {};

		if (read_cell_props(bus, argv[i], &p) < 0) {
			ret = EXIT_FAIL;
		} else {
			if (arg_json)
				print_status_json(bus, &p);
			else
				printf("%s", i > 1 ? "\n" : ""), print_status(bus, &p);
		}
		cell_props_free(&p);
	}
	return ret;
}

/*
 * A config file the user names is opened here, with the user's rights, and
 * handed to cellmgrd as a file descriptor: the daemon never opens a path
 * its caller chose (and does not see the caller's /tmp).
 */
static int open_config(const char *path)
{
	int fd = cv_open_read(path);

	if (fd < 0)
		fprintf(stderr, "cellctl: cannot open %s: %s\n", path, strerror(-fd));
	return fd;
}

int verb_enable(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_close_ int fd = -1;

	if (argc > 1 && (fd = open_config(argv[1])) < 0)
		return EXIT_FAIL;
	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	/* With no file cellmgrd takes /etc/cellvisor/system.yaml, else the shipped one. */
	if (fd < 0 ? cellctl_call(bus, "cannot enable the hypervisor", "Enable", NULL, "s", "") < 0
		   : cellctl_call(bus, "cannot enable the hypervisor", "EnableFromFile", NULL, "h", fd) < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}

int verb_disable(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;

	(void)argc, (void)argv;
	if (cellctl_bus_open(&bus) < 0 ||
	    cellctl_call(bus, "cannot disable the hypervisor", "Disable", NULL, NULL) < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}

int verb_create(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_close_ int fd = -1;
	const char *config = argv[1];
	char what[256];

	(void)argc;
	/* A path (has a slash or ends in .yaml) is a file; a bare name is the daemon's to look up. */
	if ((strchr(config, '/') || strstr(config, ".yaml")) && (fd = open_config(config)) < 0)
		return EXIT_FAIL;
	snprintf(what, sizeof(what), "cannot create a cell from %s", config);
	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	if (fd < 0 ? cellctl_call(bus, what, "CreateCell", NULL, "s", config) < 0
		   : cellctl_call(bus, what, "CreateCellFromFile", NULL, "h", fd) < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}

/* IMAGE[@ADDR]: opened here, with the user's rights; address 0 unless given. */
static int append_image(sd_bus_message *m, const char *arg)
{
	_cleanup_free_ char *path = strdup(arg);
	_cleanup_close_ int fd = -1;
	char *at = path ? strrchr(path, '@') : NULL;
	uint64_t addr = 0;

	if (!path)
		return -ENOMEM;
	if (at) {
		*at = 0;
		if (cv_parse_size(at + 1, &addr) < 0) {
			fprintf(stderr, "cellctl: invalid load address in '%s'\n", arg);
			return -EINVAL;
		}
	}
	fd = cv_open_read(path);
	if (fd < 0) {
		fprintf(stderr, "cellctl: cannot open image %s: %s\n", path, strerror(-fd));
		return fd;
	}
	/* Appending an fd duplicates it; ours is closed on return. */
	return sd_bus_message_append(m, "(ht)", fd, addr);
}

/* -s STRING -a ADDR: the string, with its NUL (as inmates read command lines), as a memory file. */
static int append_string(sd_bus_message *m)
{
	_cleanup_close_ int fd = memfd_create("cellctl-string", MFD_CLOEXEC);
	size_t len = strlen(arg_string) + 1;

	if (fd < 0 || write(fd, arg_string, len) != (ssize_t)len) {
		int r = errno ? -errno : -EIO;

		fprintf(stderr, "cellctl: cannot stage the string to load: %s\n", strerror(-r));
		return r;
	}
	return sd_bus_message_append(m, "(ht)", fd, arg_string_addr);
}

int verb_load(int argc, char *argv[])
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *m = NULL;
	char what[128];
	int r;

	if (!!arg_string != arg_string_addr_set) {
		fprintf(stderr, "cellctl: load -s STRING and -a ADDR go together\n");
		return EXIT_USAGE;
	}
	if (arg_string && argc == 2) {
		fprintf(stderr, "cellctl: load -s needs the images too (the config's are not implied)\n");
		return EXIT_USAGE;
	}
	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	snprintf(what, sizeof(what), "cannot load cell '%s'", argv[1]);
	r = sd_bus_message_new_method_call(bus, &m, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, "LoadCell");
	if (r >= 0)
		r = sd_bus_message_append(m, "s", argv[1]);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "(ht)");
	for (int i = 2; r >= 0 && i < argc; i++)
		r = append_image(m, argv[i]);
	if (r >= 0 && arg_string)
		r = append_string(m);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r < 0)
		return EXIT_FAIL;
	r = sd_bus_call(bus, m, 0, &error, NULL);
	return r < 0 ? cellctl_bus_fail(what, &error, r) : EXIT_OK;
}

static int for_each_cell(int argc, char *argv[], const char *method, const char *verb)
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	int ret = EXIT_OK;
	char what[128];

	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	for (int i = 1; i < argc; i++) {
		snprintf(what, sizeof(what), "cannot %s cell '%s'", verb, argv[i]);
		if (cellctl_call(bus, what, method, NULL, "s", argv[i]) < 0)
			ret = EXIT_FAIL;
	}
	return ret;
}

int verb_start(int argc, char *argv[])
{
	return for_each_cell(argc, argv, "StartCell", "start");
}

int verb_shutdown(int argc, char *argv[])
{
	return for_each_cell(argc, argv, "ShutdownCell", "shut down");
}

int verb_destroy(int argc, char *argv[])
{
	return for_each_cell(argc, argv, "DestroyCell", "destroy");
}
