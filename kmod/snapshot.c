// SPDX-License-Identifier: GPL-2.0
/*
 * CV_SNAPSHOT: whether the hypervisor is enabled, every cell's info and
 * every link's in one request, taken under cv_lock, with the count of
 * state change events (events.c) it reflects. A state change it is the
 * first to see is fired as an event before that count is read, so the
 * count and what the snapshot shows always agree.
 */
#include <linux/gfp.h>
#include <linux/uaccess.h>

#include "cellvisor.h"

/* Each cell's info, through @hv (the hypervisor writes it by physical address). */
static int cv_snapshot_cells(struct cv_snapshot *s, void *hv)
{
	struct cv_cell_info __user *out = u64_to_user_ptr(s->cells);
	u32 id, n = 0;
	int err;

	for (id = 1; id < CV_MAX_CELLS; id++) {
		err = cv_cell_info_locked(id, hv);
		if (err == -ENOENT)
			continue;
		if (err)
			return err;
		if (n < s->max_cells && copy_to_user(out + n, hv, sizeof(*out)))
			return -EFAULT;
		n++;
	}
	s->num_cells = n;
	return n > s->max_cells ? -ENOSPC : 0;
}

static int cv_snapshot_links(struct cv_snapshot *s, void *hv)
{
	struct cv_link_info __user *out = u64_to_user_ptr(s->links);
	u32 n;
	int err = 0;

	for (n = 0; cv_enabled && n < CV_MAX_LINKS_ALL; n++) {
		err = cv_link_info_locked(n, hv);
		if (err)
			break;
		if (n < s->max_links && copy_to_user(out + n, hv, sizeof(*out)))
			return -EFAULT;
	}
	if (err && err != -ENOENT)
		return err;
	s->num_links = n;
	return n > s->max_links ? -ENOSPC : 0;
}

int cv_snapshot(struct cv_snapshot *s)
{
	void *hv = (void *)get_zeroed_page(GFP_KERNEL);
	int err, links_err;

	if (!hv)
		return -ENOMEM;
	s->num_cells = 0;
	s->num_links = 0;
	mutex_lock(&cv_lock);
	s->enabled = cv_enabled;
	err = cv_snapshot_cells(s, hv);
	links_err = cv_snapshot_links(s, hv);
	s->events = cv_events_count();
	mutex_unlock(&cv_lock);
	free_page((unsigned long)hv);
	return err ?: links_err;
}
