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

/* The cell config and the system config (sys_path, or --system, or the installed one), checked. */
static int load_configs(const char *arg, const char *sys_path, struct cv_config **c, struct cv_config **sys)
{
	_cleanup_free_ char *path = find_cell_config(arg), *picked = sys_path ? NULL : cellctl_pick_system(NULL, 0);
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};

	cv_diag_init(&d);
	if (!path || (!sys_path && !picked)) {
		fprintf(stderr, "cellctl: no %s config for '%s'\n", path ? "system" : "cell", arg);
		return -ENOENT;
	}
	if (cv_config_load(path, c, &d) < 0 || cellctl_load_system(sys_path ? sys_path : picked, sys, &d) < 0 ||
	    cv_cell_validate(*c, *sys, &d) < 0) {
		cellctl_print_diag(&d);
		return -EINVAL;
	}
	return 0;
}

struct linux_files {
	void *kernel, *initrd, *dtb;
};

static void linux_files_free(struct linux_files *f)
{
	free(f->kernel);
	free(f->initrd);
	free(f->dtb);
}

/* arg (from the command line) or else file (from the config's 'linux:'), read whole; none is fine. */
static int read_part(const struct cv_config *c, const char *arg, const char *file, const char *what,
		     size_t max, void **ret, size_t *ret_size)
{
	_cleanup_free_ char *path = arg ? strdup(arg) : cv_config_path(c, file);
	int r;

	if (!arg && !file)
		return 0;
	if (!path)
		return -ENOMEM;
	r = cv_read_file(path, max, ret, ret_size);
	if (r == -EFBIG)
		fprintf(stderr, "cellctl: the %s %s is larger than %zu MiB\n", what, path, max >> 20);
	else if (r < 0)
		fprintf(stderr, "cellctl: cannot read the %s %s: %s\n", what, path, strerror(-r));
	return r;
}

/* The boot cellmgrd will prepare for the cell: the same checks, the same layout. */
static int prepare(const struct cv_config *c, const struct cv_config *sys, const char *kernel,
		   struct linux_files *f, struct cv_linux_boot *boot)
{
	const struct cv_linux *l = &c->cell.linux_boot;
	_cleanup_free_ char *error = NULL;
	struct cv_linux_input in = { .cmdline = arg_cmdline ? arg_cmdline : l->cmdline };
	int r;

	if (!kernel && !l->kernel) {
		fprintf(stderr, "cellctl: %s has no 'linux:' section naming a kernel\n", c->path);
		return -EINVAL;
	}
	r = read_part(c, kernel, l->kernel, "kernel", CV_LINUX_IMAGE_MAX, &f->kernel, &in.kernel_size);
	if (r >= 0)
		r = read_part(c, arg_initrd, l->initrd, "initrd", CV_LINUX_INITRD_MAX, &f->initrd, &in.initrd_size);
	if (r >= 0)
		r = read_part(c, arg_dtb, l->dtb, "device tree", CV_LINUX_DTB_MAX, &f->dtb, &in.dtb_size);
	if (r < 0)
		return r;
	in.kernel = f->kernel;
	in.initrd = f->initrd;
	in.dtb = f->dtb;
	r = cv_linux_prepare(&c->cell, &sys->system, &in, boot, &error);
	if (r < 0)
		fprintf(stderr, "cellctl: cannot boot Linux in cell '%s': %s\n", c->cell.name,
			error ? error : strerror(-r));
	return r;
}

/*
 * Refuse what cellmgrd would refuse before a cell is created for it: the
 * create already takes CPUs and devices from Linux.
 */
static int precheck(sd_bus *bus, const char *config, const char *kernel)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL, *sys = NULL;
	_cleanup_(linux_files_free) struct linux_files f = {};
	_cleanup_free_ char *sys_path = NULL;
	struct cv_linux_boot boot;
	int r;

	/* The system config the hypervisor runs with, as the daemon checks against it. */
	if (sd_bus_get_property_string(bus, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, "SystemConfig", NULL,
				       &sys_path) < 0 || !*sys_path)
		return 0;	/* not enabled, or not known: the daemon says so */
	r = load_configs(config, sys_path, &c, &sys);
	if (r == -ENOENT)
		return 0;	/* a name only the daemon resolves: it checks */
	if (r >= 0)
		r = prepare(c, sys, kernel, &f, &boot);
	if (r >= 0)
		cv_linux_boot_free(&boot);
	return r;
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
	if (precheck(bus, argv[1], argv[2]) < 0)
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

int verb_dtb(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL, *sys = NULL;
	_cleanup_(linux_files_free) struct linux_files f = {};
	_cleanup_free_ char *error = NULL, *layout = NULL;
	_cleanup_free_ void *dtb = NULL;
	_cleanup_close_ int fd = -1;
	struct cv_linux_boot boot;
	const void *data;
	size_t size = 0;
	int r;

	(void)argc;
	if (!arg_output && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "cellctl: a device tree is binary: write it to a file with -o FILE\n");
		return EXIT_USAGE;
	}
	if (load_configs(argv[1], NULL, &c, &sys) < 0)
		return EXIT_FAIL;
	if (cv_cell_has_linux(&c->cell)) {
		/* placed after the kernel and initrd, which must be read to know where */
		if (prepare(c, sys, NULL, &f, &boot) < 0)
			return EXIT_FAIL;
		layout = cv_linux_describe(&boot);
		fprintf(stderr, "%s\n", layout ? layout : "");
		data = boot.parts[boot.n_parts - 1].data;
		size = boot.parts[boot.n_parts - 1].size;
	} else {
		struct cv_dtb_chosen chosen = { .bootargs = arg_cmdline };

		r = cv_dtb_generate(&c->cell, &sys->system, &chosen, &dtb, &size, &error);
		if (r < 0) {
			fprintf(stderr, "cellctl: %s: %s\n", c->path, error ? error : strerror(-r));
			return EXIT_FAIL;
		}
		data = dtb;
	}
	fd = arg_output ? open(arg_output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : dup(STDOUT_FILENO);
	r = fd >= 0 && write(fd, data, size) == (ssize_t)size ? 0 : -errno;
	if (cv_cell_has_linux(&c->cell))
		cv_linux_boot_free(&boot);
	if (r < 0) {
		fprintf(stderr, "cellctl: cannot write %s: %s\n", arg_output ? arg_output : "the device tree",
			strerror(-r));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
