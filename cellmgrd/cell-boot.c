/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a cell boots, beyond images named by the caller: the images of its
 * config (files, strings, its generated device tree), a Linux kernel with
 * its initrd and device tree (the config's 'linux:' section, or files a
 * client passes as descriptors), and the same again when the cell reboots
 * itself (PSCI SYSTEM_RESET). No sd-bus here, like cell.c.
 */
#include <fcntl.h>
#include <stdio.h>

#include "cell.h"
#include "cv-bus.h"
#include "cv-dtb.h"
#include "cv-file.h"
#include "cv-linux.h"
#include "cv-log.h"
#include "manager.h"
#include "profile.h"

static const char *const reload_names[] = {
	[CELL_RELOAD_NONE] = "none",
	[CELL_RELOAD_CONFIG] = "config",
	[CELL_RELOAD_LINUX] = "linux",
};

/*
 * The images and 'linux:' files a config names: for a config from a config
 * directory only. One a caller passed named them with its own rights in
 * mind, not the daemon's: those the caller must pass.
 */
static int config_files_allowed(const struct cell *c, const char *what, const char *how, struct op_error *e)
{
	if (c->config_trusted)
		return 0;
	return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -EPERM,
		       "Cell '%s' was created from a file its caller passed (%s): cellmgrd does not open the %s "
		       "such a file names; pass them (%s)", c->name, c->config_file, what, how);
}

/* The system config the hypervisor runs with: a boot's layout and device tree need it. */
static int load_system(struct cell *c, struct cv_config **fallback, const struct cv_config **ret,
		       struct op_error *e)
{
	*ret = manager_system(c->manager, fallback);
	return *ret ? 0 : op_fail(e, CV_ERROR_HV_NOT_ENABLED, -ENODEV,
				  "Cannot boot cell '%s': the system config the hypervisor runs with is unknown",
				  c->name);
}

/* A file named in the config ('linux:' kernel, initrd, dtb), read whole. */
static int read_config_file(const struct cell *c, const struct cv_config *cfg, const char *file, const char *what,
			    uint64_t max, void **ret, size_t *ret_size, struct op_error *e)
{
	_cleanup_free_ char *path = cv_config_path(cfg, file), *desc = NULL;
	_cleanup_close_ int fd = -1;
	int r;

	r = config_files_allowed(c, "kernel, initrd or device tree", "cellctl linux", e);
	if (r < 0)
		return r;
	if (!path || asprintf(&desc, "The %s %s", what, path) < 0)
		return -ENOMEM;
	fd = cv_open_read(path);
	if (fd < 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, fd, "Cannot read the %s %s (%s:%u): %s", what, path,
			       cfg->path, cfg->cell.linux_boot.loc.line, strerror(-fd));
	return image_read_fd(fd, desc, max, ret, ret_size, e);
}

struct linux_data {
	void *kernel, *initrd, *dtb;
	size_t kernel_size, initrd_size, dtb_size;
};

static void linux_data_free(struct linux_data *d)
{
	free(d->kernel);
	free(d->initrd);
	free(d->dtb);
}

/* One of kernel, initrd, device tree: from the request's descriptor, else from the config, else none. */
static int read_part(const struct cell *c, int fd, const struct cv_config *cfg, const char *file, const char *what,
		     uint64_t max, void **ret, size_t *ret_size, struct op_error *e)
{
	char desc[64];

	if (fd >= 0) {
		snprintf(desc, sizeof(desc), "The %s passed", what);
		return image_read_fd(fd, desc, max, ret, ret_size, e);
	}
	if (file)
		return read_config_file(c, cfg, file, what, max, ret, ret_size, e);
	return 0;
}

static void forget_linux(struct cell *c)
{
	for (size_t i = 0; i < ELEMENTSOF(c->linux_fds); i++) {
		if (c->linux_fds[i] >= 0)
			close(c->linux_fds[i]);
		c->linux_fds[i] = -1;
	}
	free(c->linux_cmdline);
	c->linux_cmdline = NULL;
}

/* Keep what LoadLinux was given, to boot it again when the cell reboots. */
static int remember_linux(struct cell *c, const struct linux_request *req)
{
	const int fds[3] = { req->kernel_fd, req->initrd_fd, req->dtb_fd };

	forget_linux(c);
	for (size_t i = 0; i < ELEMENTSOF(fds); i++)
		if (fds[i] >= 0 && (c->linux_fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3)) < 0)
			return -errno;
	if (req->cmdline && !(c->linux_cmdline = strdup(req->cmdline)))
		return -ENOMEM;
	return 0;
}

static int load_linux(struct cell *c, const struct cv_config *cfg, const struct linux_request *req,
		      struct op_error *e)
{
	_cleanup_(cv_config_freep) struct cv_config *fallback = NULL;
	_cleanup_free_ char *error = NULL, *layout = NULL;
	const struct cv_linux *l = &cfg->cell.linux_boot;
	const struct cv_config *sys = NULL;
	struct cv_linux_boot boot = {};
	struct cell_image imgs[ELEMENTSOF(boot.parts)];
	struct linux_data d = {};
	int r;

	if (req->kernel_fd < 0 && !l->kernel)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL,
			       "No kernel: %s has no 'linux:' section, so pass one", c->config_file);
	r = load_system(c, &fallback, &sys, e);
	if (r >= 0)
		r = read_part(c, req->kernel_fd, cfg, l->kernel, "kernel", CV_LINUX_IMAGE_MAX, &d.kernel,
			      &d.kernel_size, e);
	if (r >= 0)
		r = read_part(c, req->initrd_fd, cfg, l->initrd, "initrd", CV_LINUX_INITRD_MAX, &d.initrd,
			      &d.initrd_size, e);
	if (r >= 0)
		r = read_part(c, req->dtb_fd, cfg, l->dtb, "device tree", CV_LINUX_DTB_MAX, &d.dtb, &d.dtb_size, e);
	if (r >= 0) {
		struct cv_linux_input in = {
			.kernel = d.kernel, .kernel_size = d.kernel_size,
			.initrd = d.initrd, .initrd_size = d.initrd_size,
			.dtb = d.dtb, .dtb_size = d.dtb_size,
			.cmdline = req->cmdline ? req->cmdline : l->cmdline,
		};

		r = cv_linux_prepare(&cfg->cell, &sys->system, &in, &boot, &error);
		if (r < 0)
			op_fail(e, CV_ERROR_INVALID_IMAGE, r, "Cannot boot Linux in cell '%s': %s", c->name,
				error ? error : strerror(-r));
	}
	if (r >= 0) {
		for (unsigned int i = 0; i < boot.n_parts; i++)
			imgs[i] = (struct cell_image){ .fd = -1, .data = boot.parts[i].data, .size = boot.parts[i].size,
						       .address = boot.parts[i].address };
		r = cell_load(c, imgs, boot.n_parts, e);
	}
	if (r >= 0) {
		layout = cv_linux_describe(&boot);
		log_info("Cell %s: Linux loaded: %s", c->name, layout ? layout : "");
	}
	cv_linux_boot_free(&boot);
	linux_data_free(&d);
	return r;
}

static int config_and_load_linux(struct cell *c, const struct linux_request *req, struct op_error *e)
{
	const struct cv_config *cfg = NULL;
	int r = cell_config(c, &cfg, e);

	return r < 0 ? r : load_linux(c, cfg, req, e);
}

int cell_load_linux(struct cell *c, const struct linux_request *req, struct op_error *e)
{
	int r = config_and_load_linux(c, req, e);

	if (r < 0)
		return r;
	r = remember_linux(c, req);
	c->reload = r < 0 ? CELL_RELOAD_NONE : CELL_RELOAD_LINUX;
	(void)PROFILED(PROFILE_FILES, cell_save(c));
	return 0;
}

/* The config's images, a generated device tree among them if it asks for one. */
static int load_config_images(struct cell *c, const struct cv_config *cfg, struct op_error *e)
{
	_cleanup_(cv_config_freep) struct cv_config *fallback = NULL;
	const struct cv_config *sys = NULL;
	struct cell_image imgs[CV_MAX_IMAGES];
	char *paths[CV_MAX_IMAGES] = {};
	void *dtb = NULL;
	size_t n = cfg->cell.n_images, dtb_size = 0;
	int r = 0;

	if (n == 0)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -EINVAL, "%s lists no images: name the images to load",
			       c->config_file);
	for (size_t i = 0; i < n && r >= 0; i++) {
		const struct cv_image *img = &cfg->cell.images[i];
		_cleanup_free_ char *error = NULL;

		imgs[i] = (struct cell_image){ .fd = -1, .string = img->string, .address = img->address };
		if (img->device_tree) {
			if (!dtb && (r = load_system(c, &fallback, &sys, e)) >= 0) {
				r = cv_dtb_generate(&cfg->cell, &sys->system, NULL, &dtb, &dtb_size, &error);
				if (r < 0)
					op_fail(e, CV_ERROR_INVALID_CONFIG, r, "%s", error ? error : strerror(-r));
			}
			imgs[i].data = dtb;
			imgs[i].size = dtb_size;
		} else if (img->file) {
			r = config_files_allowed(c, "images", "cellctl load NAME IMAGE[@ADDR]...", e);
			if (r >= 0) {
				imgs[i].path = paths[i] = cv_image_path(cfg, img);
				r = paths[i] ? 0 : -ENOMEM;
			}
		}
	}
	if (r >= 0)
		r = cell_load(c, imgs, n, e);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(dtb);
	return r;
}

int cell_load_config(struct cell *c, struct op_error *e)
{
	const struct cv_config *cfg = NULL;
	int r;

	r = cell_config(c, &cfg, e);
	if (r < 0)
		return r;
	if (cv_cell_has_linux(&cfg->cell))
		r = load_linux(c, cfg, &(struct linux_request){ .kernel_fd = -1, .initrd_fd = -1, .dtb_fd = -1 }, e);
	else
		r = load_config_images(c, cfg, e);
	if (r < 0)
		return r;
	forget_linux(c);
	c->reload = CELL_RELOAD_CONFIG;
	(void)PROFILED(PROFILE_FILES, cell_save(c));
	return 0;
}

const char *cell_reload_to_string(enum cell_reload r)
{
	return reload_names[r];
}

enum cell_reload cell_reload_from_string(const char *s)
{
	for (size_t i = 0; i < ELEMENTSOF(reload_names); i++)
		if (streq(s, reload_names[i]))
			return (enum cell_reload)i;
	return CELL_RELOAD_NONE;
}

void cell_boot_free(struct cell *c)
{
	forget_linux(c);
}

/*
 * A cell that reset itself (Linux's reboot) is shut down by the hypervisor;
 * boot it again from what it was loaded with, as a machine's firmware would.
 */
bool cell_reboot(struct cell *c)
{
	struct op_error e = {};
	int r;

	if (c->state != CV_CELL_SHUT_DOWN || c->fault.reason != CV_FAIL_PSCI_SYSTEM_RESET ||
	    c->reload == CELL_RELOAD_NONE)
		return false;
	log_info("Cell %s reset itself: loading it again from its %s and starting it", c->name,
		 c->reload == CELL_RELOAD_CONFIG ? "config" : "last LoadLinux");
	if (c->reload == CELL_RELOAD_CONFIG)
		r = cell_load_config(c, &e);
	else
		r = config_and_load_linux(c, &(struct linux_request){ .kernel_fd = c->linux_fds[0],
								 .initrd_fd = c->linux_fds[1],
								 .dtb_fd = c->linux_fds[2],
								 .cmdline = c->linux_cmdline }, &e);
	if (r >= 0)
		r = cell_start(c, &e);
	if (r < 0)
		log_warning("Cell %s: cannot boot it again: %s", c->name, e.message);
	return r >= 0;
}
