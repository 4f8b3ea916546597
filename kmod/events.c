// SPDX-License-Identifier: GPL-2.0
/*
 * Cell state change events for pollers of /dev/cellvisor: every change
 * (started, shut down, failed, destroyed) bumps a counter and wakes them;
 * poll() reports EPOLLIN | EPOLLPRI until the file is read or gets a
 * CV_SNAPSHOT that reflects every change so far (each is counted with
 * cv_lock held); other requests leave them pending, so a caller that
 * does both never misses a change made meanwhile. Changes the cell
 * makes itself (a failed CPU, a shutdown from inside), and peers of
 * links coming, going or changing state, are found by a watcher that
 * asks the hypervisor every CV_WATCH_MS while cells exist.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "cellvisor.h"

#define CV_WATCH_MS	50

static atomic_t cv_event_count = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(cv_event_wq);

static void cv_watch(struct work_struct *work);
static DECLARE_DELAYED_WORK(cv_watch_work, cv_watch);

struct cv_file {
	int seen;		/* cv_event_count when last read or snapshot */
};

void cv_cell_event(void)
{
	atomic_inc(&cv_event_count);
	wake_up_interruptible_poll(&cv_event_wq, EPOLLIN | EPOLLPRI | EPOLLRDNORM);
}

static void cv_watch(struct work_struct *work)
{
	bool again;

	mutex_lock(&cv_lock);
	again = cv_enabled && cv_cells_watch();
	if (cv_enabled)
		cv_links_watch();
	mutex_unlock(&cv_lock);
	if (again)
		schedule_delayed_work(&cv_watch_work, msecs_to_jiffies(CV_WATCH_MS));
}

/* With cv_lock held, after a cell was created. */
void cv_watch_start(void)
{
	schedule_delayed_work(&cv_watch_work, msecs_to_jiffies(CV_WATCH_MS));
}

void cv_watch_stop(void)
{
	cancel_delayed_work_sync(&cv_watch_work);
}

int cv_events_open(struct inode *inode, struct file *file)
{
	struct cv_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->seen = atomic_read(&cv_event_count);
	file->private_data = f;
	return 0;
}

int cv_events_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

u32 cv_events_count(void)
{
	lockdep_assert_held(&cv_lock);
	return atomic_read(&cv_event_count);
}

void cv_events_seen_upto(struct file *file, u32 count)
{
	struct cv_file *f = file->private_data;

	f->seen = count;
}

__poll_t cv_events_poll(struct file *file, struct poll_table_struct *wait)
{
	struct cv_file *f = file->private_data;

	poll_wait(file, &cv_event_wq, wait);
	if (atomic_read(&cv_event_count) != f->seen)
		return EPOLLIN | EPOLLPRI | EPOLLRDNORM;
	return 0;
}

/*
 * read: a __u32, the number of state changes since this file last read,
 * got a snapshot or was opened; resets poll. Nothing new: -EAGAIN with
 * O_NONBLOCK, else it waits for a change.
 */
ssize_t cv_events_read(struct file *file, char __user *buf, size_t len, loff_t *pos)
{
	struct cv_file *f = file->private_data;
	u32 delta;
	int n;

	if (len < sizeof(delta))
		return -EINVAL;
	if (atomic_read(&cv_event_count) == f->seen) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(cv_event_wq,
					     atomic_read(&cv_event_count) != f->seen))
			return -ERESTARTSYS;
	}
	n = atomic_read(&cv_event_count);
	delta = n - f->seen;
	f->seen = n;
	if (copy_to_user(buf, &delta, sizeof(delta)))
		return -EFAULT;
	return sizeof(delta);
}
