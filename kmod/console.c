// SPDX-License-Identifier: GPL-2.0
/*
 * Console file descriptors (CV_CONSOLE_OPEN): a cell's console, or with
 * cell id -1 the hypervisor log. read() returns what was written since
 * the last read and 0 when nothing is new; write() feeds a cell's vUART
 * as fast as the cell reads it (-EAGAIN, or a wait, while it has no room;
 * poll() says EPOLLOUT when it may have).
 * While enabled the text comes through CV_HC_CONSOLE_READ (hypervisor
 * memory is not mapped in the root), and poll() sleeps until the
 * hypervisor rings the root's console doorbell (without a doorbell in the
 * system config it looks again every 200 ms); after disable the log comes
 * from a snapshot taken at disable.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cellvisor.h"

#define CV_POLL_INTERVAL	(HZ / 5)

struct cv_console_file {
	s32 cell_id;
	u64 pos;
	bool input_full;		/* the vUART took less than we had ... */
	int input_full_at;		/* ... and no doorbell has rung since */
};

static char *cv_snap;
static size_t cv_snap_size;
static u64 cv_snap_tail;
static DEFINE_MUTEX(cv_console_lock);
static DECLARE_WAIT_QUEUE_HEAD(cv_console_wq);
/* The console doorbell's Linux IRQ while enabled, 0 without one. */
static int cv_console_irq;
/* Doorbells (or, without them, poll ticks) so far. */
static atomic_t cv_console_rings;

static irqreturn_t cv_console_doorbell(int irq, void *dev)
{
	atomic_inc(&cv_console_rings);
	wake_up_interruptible(&cv_console_wq);
	return IRQ_HANDLED;
}

static void cv_console_tick(struct timer_list *t)
{
	atomic_inc(&cv_console_rings);
	wake_up_interruptible(&cv_console_wq);
}

static DEFINE_TIMER(cv_console_timer, cv_console_tick);

void cv_console_start(void)
{
	int irq = cv_doorbell_request(CV_ROOT_DOORBELL_CONSOLE, cv_console_doorbell,
				      "cellvisor-console", &cv_console_wq);

	cv_console_irq = irq > 0 ? irq : 0;
	if (irq == -ENOENT)
		pr_info("no root doorbells in the system config: consoles are polled every %d ms\n",
			jiffies_to_msecs(CV_POLL_INTERVAL));
}

void cv_console_stop(void)
{
	if (cv_console_irq)
		cv_doorbell_free(cv_console_irq, &cv_console_wq);
	cv_console_irq = 0;
	/* pollers look again: the log now comes from the snapshot */
	wake_up_interruptible(&cv_console_wq);
}

void cv_console_snapshot(const void *ring, u64 tail, size_t ring_size)
{
	mutex_lock(&cv_console_lock);
	if (!cv_snap)
		cv_snap = vmalloc(ring_size);
	if (cv_snap) {
		memcpy(cv_snap, ring, ring_size);
		cv_snap_size = ring_size;
		cv_snap_tail = tail;
	}
	mutex_unlock(&cv_console_lock);
}

ssize_t cv_console_read_snapshot(u64 *pos, char *buf, size_t len)
{
	size_t n = 0;
	u64 p;

	mutex_lock(&cv_console_lock);
	p = *pos;
	if (p > cv_snap_tail)
		p = cv_snap_tail;
	if (cv_snap_tail - p > cv_snap_size)
		p = cv_snap_tail - cv_snap_size;
	if (!len)
		n = cv_snap_tail - p;	/* and copy nothing */
	for (; cv_snap && p < cv_snap_tail && n < len; p++, n++)
		buf[n] = cv_snap[p % cv_snap_size];
	*pos = p;
	mutex_unlock(&cv_console_lock);
	return n;
}

/*
 * Reads at most PAGE_SIZE bytes of console @cell_id from stream position
 * *pos into buf. With @len 0 it copies nothing: it returns how many bytes
 * wait there and, if none, asks the hypervisor for the doorbell.
 */
ssize_t cv_console_read_at(s32 cell_id, u64 *pos, char *buf, size_t len)
{
	struct cv_hc_console_io *io;
	char *page;
	long ret;

	len = min_t(size_t, len, PAGE_SIZE);
	mutex_lock(&cv_lock);
	if (!cv_enabled) {
		mutex_unlock(&cv_lock);
		if (cell_id != CV_CONSOLE_HYPERVISOR)
			return 0;
		return cv_console_read_snapshot(pos, buf, len);
	}
	io = kzalloc(sizeof(*io), GFP_KERNEL);
	page = len ? (char *)__get_free_page(GFP_KERNEL) : NULL;
	ret = -ENOMEM;
	if (!io || (len && !page))
		goto out;
	io->cell_id = cell_id;
	io->len = len;
	io->pos = *pos;
	io->buf = page ? virt_to_phys(page) : 0;
	ret = cv_hypercall(CV_HC_CONSOLE_READ, virt_to_phys(io), 0);
	if (ret >= 0) {
		/* a read returns what it moved; a query (len 0) what is there */
		if (page) {
			memcpy(buf, page, io->len);
			ret = io->len;
		}
		*pos = io->pos;
	}
out:
	mutex_unlock(&cv_lock);
	free_page((unsigned long)page);
	kfree(io);
	return ret;
}

static ssize_t cv_console_read(struct file *file, char __user *ubuf, size_t len,
			       loff_t *ppos)
{
	struct cv_console_file *cf = file->private_data;
	char *buf;
	ssize_t n;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = cv_console_read_at(cf->cell_id, &cf->pos, buf, len);
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

/* Worth trying to write: the vUART took all last time, or may have room since. */
static bool cv_console_writable(struct cv_console_file *cf)
{
	return !cf->input_full || atomic_read(&cv_console_rings) != cf->input_full_at;
}

/* One CV_HC_CONSOLE_WRITE of @len bytes at @page; the bytes taken or -errno. */
static long cv_console_input(struct cv_console_file *cf, char *page, size_t len)
{
	struct cv_hc_console_io *io = kzalloc(sizeof(*io), GFP_KERNEL);
	int rings = atomic_read(&cv_console_rings);
	long ret;

	if (!io)
		return -ENOMEM;
	io->cell_id = cf->cell_id;
	io->len = len;
	io->buf = virt_to_phys(page);
	mutex_lock(&cv_lock);
	ret = cv_enabled ? cv_hypercall(CV_HC_CONSOLE_WRITE, virt_to_phys(io), 0) : -ENODEV;
	mutex_unlock(&cv_lock);
	kfree(io);
	/* not all taken: the hypervisor rings when the cell has made room */
	cf->input_full = ret >= 0 && ret < len;
	cf->input_full_at = rings;
	return ret;
}

/*
 * Input for a cell's vUART: what its RX FIFO has room for is taken; with
 * no room, -EAGAIN or (blocking) a wait for the cell to read.
 */
static ssize_t cv_console_write(struct file *file, const char __user *ubuf, size_t len,
				loff_t *ppos)
{
	struct cv_console_file *cf = file->private_data;
	char *page;
	long ret;

	if (cf->cell_id == CV_CONSOLE_HYPERVISOR)
		return -EINVAL;
	len = min_t(size_t, len, PAGE_SIZE);
	if (!len)
		return 0;
	page = (char *)__get_free_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(page, ubuf, len))
		goto out;
	while ((ret = cv_console_input(cf, page, len)) == 0) {
		ret = -EAGAIN;
		if (file->f_flags & O_NONBLOCK)
			break;
		if (!cv_console_irq)
			mod_timer(&cv_console_timer, jiffies + CV_POLL_INTERVAL);
		ret = wait_event_interruptible(cv_console_wq, cv_console_writable(cf));
		if (ret)
			break;
	}
out:
	free_page((unsigned long)page);
	return ret;
}

static __poll_t cv_console_poll(struct file *file, poll_table *wait)
{
	struct cv_console_file *cf = file->private_data;
	__poll_t mask = 0;
	u64 pos = cf->pos;
	char c;

	poll_wait(file, &cv_console_wq, wait);
	/* asked after poll_wait(): a doorbell from now on wakes us */
	if (cv_console_read_at(cf->cell_id, &pos, &c, 0) > 0)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (cf->cell_id != CV_CONSOLE_HYPERVISOR && cv_console_writable(cf))
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (!cv_console_irq && !(mask & EPOLLIN))
		mod_timer(&cv_console_timer, jiffies + CV_POLL_INTERVAL);
	return mask;
}

static int cv_console_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations cv_console_fops = {
	.owner = THIS_MODULE,
	.read = cv_console_read,
	.write = cv_console_write,
	.poll = cv_console_poll,
	.release = cv_console_release,
	.llseek = noop_llseek,
};

long cv_console_open(s32 cell_id)
{
	struct cv_console_file *cf;
	int fd;

	if (cell_id != CV_CONSOLE_HYPERVISOR && (cell_id <= 0 || cell_id >= 16)) {
		pr_err("console of cell %d: no such cell\n", cell_id);
		return -ENOENT;
	}
	cf = kzalloc(sizeof(*cf), GFP_KERNEL);
	if (!cf)
		return -ENOMEM;
	cf->cell_id = cell_id;
	fd = anon_inode_getfd("cellvisor-console", &cv_console_fops, cf,
			      (cell_id == CV_CONSOLE_HYPERVISOR ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		kfree(cf);
	return fd;
}

void cv_console_exit(void)
{
	del_timer_sync(&cv_console_timer);
	vfree(cv_snap);
	cv_snap = NULL;
}
