// SPDX-License-Identifier: GPL-2.0
/*
 * cellvisor.ko: the root cell's door to the cellvisor EL2 core.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include <cellvisor/header.h>

#include "cellvisor.h"

/* serialises enable, disable and every other command */
DEFINE_MUTEX(cv_lock);
bool cv_enabled;
struct device *cv_dev;

static long cv_ioctl_hv_info(void __user *arg)
{
	struct cv_hv_info info;
	int err;

	err = cv_hv_info(&info);
	if (err)
		return err;
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long cv_ioctl_cpu_stats(void __user *arg)
{
	struct cv_cpu_stats stats;
	int err;

	if (copy_from_user(&stats, arg, sizeof(stats)))
		return -EFAULT;
	err = cv_cpu_stats(&stats);
	if (err)
		return err;
	return copy_to_user(arg, &stats, sizeof(stats)) ? -EFAULT : 0;
}

static long cv_ioctl_cell_info(void __user *arg)
{
	struct cv_cell_info info;
	int err;

	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	err = cv_cell_info(&info);
	if (err)
		return err;
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long cv_ioctl_cell_list(void __user *arg)
{
	struct cv_cell_list list;
	int err;

	if (copy_from_user(&list, arg, sizeof(list)))
		return -EFAULT;
	err = cv_cell_list(&list);
	if (err)
		return err;
	return copy_to_user(arg, &list, sizeof(list)) ? -EFAULT : 0;
}

static long cv_ioctl_link_info(void __user *arg)
{
	struct cv_link_info info;
	int err;

	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	err = cv_link_info(&info);
	if (err)
		return err;
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long cv_ioctl_snapshot(struct file *file, void __user *arg)
{
	struct cv_snapshot s;
	int err;

	if (copy_from_user(&s, arg, sizeof(s)))
		return -EFAULT;
	err = cv_snapshot(&s);
	if (err && err != -ENOSPC)
		return err;
	/* the counts say how much room a retry needs */
	if (copy_to_user(arg, &s, sizeof(s)))
		return -EFAULT;
	if (!err)
		cv_events_seen_upto(file, s.events);
	return err;
}

static long cv_ioctl_cell_id(unsigned int cmd, u32 __user *arg)
{
	u32 id;

	if (get_user(id, arg))
		return -EFAULT;
	switch (cmd) {
	case CV_CELL_START:
		return cv_cell_start(id);
	case CV_CELL_SHUTDOWN:
		return cv_cell_shutdown(id);
	default:
		return cv_cell_destroy(id);
	}
}

static long cv_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	s32 cell_id;

	switch (cmd) {
	case CV_ENABLE:
		return cv_enable(uarg);
	case CV_DISABLE:
		return cv_disable();
	case CV_HV_INFO:
		return cv_ioctl_hv_info(uarg);
	case CV_CPU_STATS:
		return cv_ioctl_cpu_stats(uarg);
	case CV_CELL_CREATE:
		return cv_cell_create(uarg);
	case CV_CELL_LOAD:
		return cv_cell_load(uarg);
	case CV_CELL_START:
	case CV_CELL_SHUTDOWN:
	case CV_CELL_DESTROY:
		return cv_ioctl_cell_id(cmd, uarg);
	case CV_CELL_INFO:
		return cv_ioctl_cell_info(uarg);
	case CV_CELL_LIST:
		return cv_ioctl_cell_list(uarg);
	case CV_LINK_INFO:
		return cv_ioctl_link_info(uarg);
	case CV_SNAPSHOT:
		return cv_ioctl_snapshot(file, uarg);
	case CV_CONSOLE_OPEN:
		if (copy_from_user(&cell_id, uarg, sizeof(cell_id)))
			return -EFAULT;
		return cv_console_open(cell_id);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations cv_fops = {
	.owner = THIS_MODULE,
	.open = cv_events_open,
	.release = cv_events_release,
	.read = cv_events_read,
	.poll = cv_events_poll,
	.unlocked_ioctl = cv_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice cv_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = CV_DEVICE_NAME,
	.fops = &cv_fops,
	.mode = 0600,
};

static int __init cv_init(void)
{
	int err;

	err = misc_register(&cv_misc);
	if (err) {
		pr_err("cannot register /dev/%s: %d\n", CV_DEVICE_NAME, err);
		return err;
	}
	cv_dev = cv_misc.this_device;
	err = cv_sysfs_init();
	if (err)
		goto unregister_misc;
	return 0;

unregister_misc:
	misc_deregister(&cv_misc);
	return err;
}

static void __exit cv_exit(void)
{
	cv_watch_stop();
	cv_sysfs_exit();
	misc_deregister(&cv_misc);
	cv_console_exit();
}

module_init(cv_init);
module_exit(cv_exit);
MODULE_DESCRIPTION("cellvisor partitioning hypervisor: root cell driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(CV_FW_NAME);
