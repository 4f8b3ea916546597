/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellctl linux CONFIG KERNEL [-i INITRD] [-c CMDLINE] [-d DTB]: create a
 * cell, load a Linux kernel into it (cellmgrd places kernel, initrd and
 * device tree) and start it, as Jailhouse's `cell linux` does. The files
 * are opened here and passed as descriptors. Whatever fails after the
 * cell was created destroys it again.
 *
 * cellctl dtb CONFIG [-i INITRD] [-c CMDLINE] [-o OUT]: the device tree
 * that cell gets, offline, as cellmgrd would generate and place it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cellctl.h"
#include "cv-bus.h"
#include "cv-config.h"
#include "cv-dtb.h"
#include "cv-file.h"
#include "cv-linux.h"

static int open_file(const char *path, const char *what)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		fprintf(stderr, "cellctl: cannot open the %s %s: %s\n", what, path, strerror(errno));
	return fd;
}

static int call_cell(sd_bus *bus, const char *path, const char *what, const char *method,
		     sd_bus_message *m)
{
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *own = NULL;
	int r;

	if (!m) {
		r = sd_bus_message_new_method_call(bus, &own, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, method);
		if (r < 0)
			return cellctl_bus_fail(what, NULL, r), r;
		m = own;
	}
	r = sd_bus_call(bus, m, 0, &error, NULL);
	return r < 0 ? (cellctl_bus_fail(what, &error, r), r) : 0;
}

static int load_linux(sd_bus *bus, const char *path, int kernel, int initrd, int dtb)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *m = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "LoadLinux");
	if (r >= 0)
		r = sd_bus_message_append(m, "h", kernel);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "{sv}");
	if (r >= 0 && initrd >= 0)
		r = sd_bus_message_append(m, "{sv}", "initrd", "h", initrd);
	if (r >= 0 && dtb >= 0)
		r = sd_bus_message_append(m, "{sv}", "device-tree", "h", dtb);
	if (r >= 0 && arg_cmdline)
		r = sd_bus_message_append(m, "{sv}", "cmdline", "s", arg_cmdline);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r < 0)
		return cellctl_bus_fail("cannot load Linux", NULL, r), r;
	return call_cell(bus, path, "cannot load Linux", NULL, m);
}

int verb_linux(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_close_ int kernel = -1, initrd = -1, dtb = -1;
	_cleanup_free_ char *path = NULL, *name = NULL;
	const char *p;
	int r;

	(void)argc;
	/* Every file first: a missing one changes nothing. */
	kernel = open_file(argv[2], "kernel");
	if (kernel < 0)
		return EXIT_FAIL;
	if (arg_initrd && (initrd = open_file(arg_initrd, "initrd")) < 0)
		return EXIT_FAIL;
	if (arg_dtb && (dtb = open_file(arg_dtb, "device tree")) < 0)
		return EXIT_FAIL;
	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	r = cellctl_call(bus, "cannot create the cell", "CreateCell", &reply, "s", argv[1]);
	if (r < 0)
		return EXIT_FAIL;
	if (sd_bus_message_read(reply, "o", &p) < 0 || !(path = strdup(p)))
		return EXIT_FAIL;
	(void)sd_bus_get_property_string(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "Name", NULL, &name);
	r = load_linux(bus, path, kernel, initrd, dtb);
	if (r >= 0)
		r = call_cell(bus, path, "cannot start the cell", "Start", NULL);
	if (r < 0) {
		/* Leave nothing behind: the CPUs, memory and devices go back to Linux. */
		(void)call_cell(bus, path, "cannot destroy the cell again", "Destroy", NULL);
		return EXIT_FAIL;
	}
	printf("Cell %s is booting Linux; its console: cellctl console -f %s\n", name ? name : argv[1],
	       name ? name : argv[1]);
	return EXIT_OK;
}

/* A cell config by path, or by name as the daemon finds it (/etc, then the shipped ones). */
static char *find_cell_config(const char *arg)
{
	_cleanup_free_ char *rel = NULL;

	if (strchr(arg, '/'))
		return strdup(arg);
	if (asprintf(&rel, "cells/%s.yaml", arg) < 0)
		return NULL;
	return cv_find_config(cv_config_dirs_default, rel);
}

static int read_for_dtb(const struct cv_config *c, const char *arg, const char *file, const char *what,
			size_t max, void **ret, size_t *ret_size)
{
	_cleanup_free_ char *path = arg ? strdup(arg) : cv_config_path(c, file);
	int r;

	if (!arg && !file)
		return 0;
	if (!path)
		return -ENOMEM;
	r = cv_read_file(path, max, ret, ret_size);
	if (r < 0)
		fprintf(stderr, "cellctl: cannot read the %s %s: %s\n", what, path, strerror(-r));
	return r;
}

/* The tree a Linux cell gets: placed after its kernel and initrd, which must be read to know where. */
static int linux_dtb(const struct cv_config *c, const struct cv_config *sys, void **ret, size_t *ret_size)
{
	const struct cv_linux *l = &c->cell.linux_boot;
	_cleanup_free_ void *kernel = NULL, *initrd = NULL, *dtb = NULL;
	_cleanup_free_ char *error = NULL;
	struct cv_linux_input in = { .cmdline = arg_cmdline ? arg_cmdline : l->cmdline };
	struct cv_linux_boot boot;
	int r;

	r = read_for_dtb(c, NULL, l->kernel, "kernel", CV_LINUX_IMAGE_MAX, &kernel, &in.kernel_size);
	if (r >= 0)
		r = read_for_dtb(c, arg_initrd, l->initrd, "initrd", SIZE_MAX, &initrd, &in.initrd_size);
	if (r >= 0)
		r = read_for_dtb(c, NULL, l->dtb, "device tree", CV_LINUX_DTB_MAX, &dtb, &in.dtb_size);
	if (r < 0)
		return r;
	in.kernel = kernel;
	in.initrd = initrd;
	in.dtb = dtb;
	r = cv_linux_prepare(&c->cell, &sys->system, &in, &boot, &error);
	if (r < 0) {
		fprintf(stderr, "cellctl: %s: %s\n", c->path, error ? error : strerror(-r));
		return r;
	}
	*ret_size = boot.parts[boot.n_parts - 1].size;
	*ret = malloc(*ret_size);
	if (*ret)
		memcpy(*ret, boot.parts[boot.n_parts - 1].data, *ret_size);
	error = cv_linux_describe(&boot);
	fprintf(stderr, "%s\n", error ? error : "");
	cv_linux_boot_free(&boot);
	return *ret ? 0 : -ENOMEM;
}

int verb_dtb(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL, *sys = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *path = NULL, *sys_path = NULL, *error = NULL;
	_cleanup_free_ void *dtb = NULL;
	_cleanup_close_ int fd = -1;
	size_t size = 0;
	int r;

	(void)argc;
	if (!arg_output && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "cellctl: a device tree is binary: write it to a file with -o FILE\n");
		return EXIT_USAGE;
	}
	cv_diag_init(&d);
	path = find_cell_config(argv[1]);
	sys_path = cellctl_pick_system(NULL, 0);
	if (!path || !sys_path) {
		fprintf(stderr, "cellctl: no %s config for '%s'\n", path ? "system" : "cell", argv[1]);
		return EXIT_FAIL;
	}
	if (cv_config_load(path, &c, &d) < 0 || cellctl_load_system(sys_path, &sys, &d) < 0 ||
	    cv_cell_validate(c, sys, &d) < 0) {
		cellctl_print_diag(&d);
		return EXIT_FAIL;
	}
	if (c->cell.has_linux) {
		r = linux_dtb(c, sys, &dtb, &size);
	} else {
		struct cv_dtb_chosen chosen = { .bootargs = arg_cmdline };

		r = cv_dtb_generate(&c->cell, &sys->system, &chosen, &dtb, &size, &error);
		if (r < 0)
			fprintf(stderr, "cellctl: %s: %s\n", path, error ? error : strerror(-r));
	}
	if (r < 0)
		return EXIT_FAIL;
	fd = arg_output ? open(arg_output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : dup(STDOUT_FILENO);
	if (fd < 0 || write(fd, dtb, size) != (ssize_t)size) {
		fprintf(stderr, "cellctl: cannot write %s: %s\n", arg_output ? arg_output : "the device tree",
			strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
