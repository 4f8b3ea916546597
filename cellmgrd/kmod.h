/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor driver, seen from cellmgrd. kmod.c implements it on
 * /dev/cellvisor (the only file that opens the device); tests/cellmgrd/kmod-fake.c
 * implements it in memory for the host tests and is never installed.
 * All functions return 0 or a negative errno: -ENOENT when the device is
 * missing (module not loaded), -ENOTTY when the module lacks the request.
 */
#ifndef CELLMGRD_KMOD_H
#define CELLMGRD_KMOD_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-event.h>
#include <cellvisor/ioctl.h>

struct kmod;

/* Called (from the event loop) when the module reports that cells changed state. */
typedef void (*kmod_change_cb)(void *userdata);

int kmod_open(sd_event *e, kmod_change_cb cb, void *userdata, struct kmod **ret);
void kmod_close(struct kmod *k);
/* What the daemon talks to, for messages ("/dev/cellvisor"). */
const char *kmod_describe(const struct kmod *k);

int kmod_hv_info(struct kmod *k, struct cv_hv_info *ret);
int kmod_enable(struct kmod *k, const void *blob, size_t size);
int kmod_disable(struct kmod *k);
int kmod_cell_create(struct kmod *k, const void *blob, size_t size, uint32_t *ret_id);
int kmod_cell_load(struct kmod *k, uint32_t id, const struct cv_load_segment *segs, uint32_t n);
int kmod_cell_start(struct kmod *k, uint32_t id);
int kmod_cell_shutdown(struct kmod *k, uint32_t id);
int kmod_cell_destroy(struct kmod *k, uint32_t id);
int kmod_cell_info(struct kmod *k, uint32_t id, struct cv_cell_info *ret);
int kmod_cpu_stats(struct kmod *k, uint32_t cpu, struct cv_cpu_stats *ret);

/* What a refresh reads, in one request taken at one moment (CV_SNAPSHOT). */
struct kmod_snapshot {
	bool enabled;
	uint32_t n_cells, n_links;
	struct cv_cell_info cells[CV_MAX_CELLS];
	struct cv_link_info links[CV_MAX_LINKS_ALL];
};
int kmod_snapshot(struct kmod *k, struct kmod_snapshot *ret);
/* A new fd (read/write/poll) on the console of cell id, or CV_CONSOLE_HYPERVISOR. */
int kmod_console_open(struct kmod *k, int32_t id);

#endif /* CELLMGRD_KMOD_H */
