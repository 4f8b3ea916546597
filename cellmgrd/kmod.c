/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor driver on /dev/cellvisor: the only place that opens the device. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cv-log.h"
#include "cv-util.h"
#include "kmod.h"
#include "profile.h"

#define CV_DEVICE "/dev/" CV_DEVICE_NAME

struct kmod {
	int fd;
	sd_event *event;
	sd_event_source *io;
	kmod_change_cb cb;
	void *userdata;
};

static int on_device(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct kmod *k = userdata;
	bool news = false;
	char buf[64];

	(void)s, (void)revents;
	/*
	 * Drain whatever the module offers to read; the news is that something
	 * changed. Nothing to read: a snapshot since reflects what woke us.
	 */
	while (read(fd, buf, sizeof(buf)) > 0)
		news = true;
	if (news)
		k->cb(k->userdata);
	return 0;
}

/* Open the device on first use and again after it appeared (module loaded late). */
static int kmod_ensure(struct kmod *k)
{
	int r;

	if (k->fd >= 0)
		return 0;
	k->fd = open(CV_DEVICE, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return errno == ENOENT || errno == ENXIO || errno == ENODEV ? -ENOENT : -errno;
	/* cell state changes wake pollers of the device (kmod/events.c) */
	r = sd_event_add_io(k->event, &k->io, k->fd, EPOLLIN | EPOLLPRI | EPOLLET, on_device, k);
	if (r < 0)
		log_warning_errno(r, "Cannot watch %s for cell state changes", CV_DEVICE);
	return 0;
}

int kmod_open(sd_event *e, kmod_change_cb cb, void *userdata, struct kmod **ret)
{
	struct kmod *k = calloc(1, sizeof(*k));

	if (!k)
		return -ENOMEM;
	k->fd = -1;
	k->event = sd_event_ref(e);
	k->cb = cb;
	k->userdata = userdata;
	(void)kmod_ensure(k);	/* a missing module is reported when it is needed */
	*ret = k;
	return 0;
}

void kmod_close(struct kmod *k)
{
	if (!k)
		return;
	sd_event_source_disable_unref(k->io);
	if (k->fd >= 0)
		close(k->fd);
	sd_event_unref(k->event);
	free(k);
}

const char *kmod_describe(const struct kmod *k)
{
	(void)k;
	return CV_DEVICE;
}

static int kmod_ioctl(struct kmod *k, unsigned long req, void *arg)
{
	int r;

	r = kmod_ensure(k);
	if (r < 0)
		return r;
	r = PROFILED(PROFILE_DRIVER, ioctl(k->fd, req, arg));
	return r < 0 ? -errno : r;
}

int kmod_hv_info(struct kmod *k, struct cv_hv_info *ret)
{
	*ret = (struct cv_hv_info){};
	return kmod_ioctl(k, CV_HV_INFO, ret);
}

int kmod_enable(struct kmod *k, const void *blob, size_t size)
{
	struct cv_config_arg arg = { .config = (uintptr_t)blob, .size = (uint32_t)size };

	return kmod_ioctl(k, CV_ENABLE, &arg);
}

int kmod_disable(struct kmod *k)
{
	return kmod_ioctl(k, CV_DISABLE, NULL);
}

int kmod_cell_create(struct kmod *k, const void *blob, size_t size, uint32_t *ret_id)
{
	struct cv_config_arg arg = { .config = (uintptr_t)blob, .size = (uint32_t)size };
	int r;

	r = kmod_ioctl(k, CV_CELL_CREATE, &arg);
	if (r < 0)
		return r;
	*ret_id = (uint32_t)arg.id;
	return 0;
}

int kmod_cell_load(struct kmod *k, uint32_t id, const struct cv_load_segment *segs, uint32_t n)
{
	struct cv_load_arg arg = { .cell_id = id, .num_segments = n, .segments = (uintptr_t)segs };

	return kmod_ioctl(k, CV_CELL_LOAD, &arg);
}

int kmod_cell_start(struct kmod *k, uint32_t id)
{
	return kmod_ioctl(k, CV_CELL_START, &id);
}

int kmod_cell_shutdown(struct kmod *k, uint32_t id)
{
	return kmod_ioctl(k, CV_CELL_SHUTDOWN, &id);
}

int kmod_cell_destroy(struct kmod *k, uint32_t id)
{
	return kmod_ioctl(k, CV_CELL_DESTROY, &id);
}

int kmod_cell_info(struct kmod *k, uint32_t id, struct cv_cell_info *ret)
{
	*ret = (struct cv_cell_info){ .id = id };
	return kmod_ioctl(k, CV_CELL_INFO, ret);
}

int kmod_snapshot(struct kmod *k, struct kmod_snapshot *ret)
{
	struct cv_snapshot arg = {
		.cells = (uintptr_t)ret->cells, .max_cells = ELEMENTSOF(ret->cells),
		.links = (uintptr_t)ret->links, .max_links = ELEMENTSOF(ret->links),
	};
	int r;

	/* the module's pending events are now those the snapshot does not reflect */
	r = kmod_ioctl(k, CV_SNAPSHOT, &arg);
	if (r < 0)
		return r;
	ret->enabled = arg.enabled;
	ret->n_cells = arg.num_cells;
	ret->n_links = arg.num_links;
	return 0;
}

int kmod_cpu_stats(struct kmod *k, uint32_t cpu, struct cv_cpu_stats *ret)
{
	*ret = (struct cv_cpu_stats){ .cpu = cpu };
	return kmod_ioctl(k, CV_CPU_STATS, ret);
}

int kmod_console_open(struct kmod *k, int32_t id)
{
	return kmod_ioctl(k, CV_CONSOLE_OPEN, &id);
}
