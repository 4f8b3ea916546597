// SPDX-License-Identifier: GPL-2.0
/*
 * cellvisor.ko: the root cell's door to the cellvisor EL2 core.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <cellvisor/header.h>
#include <cellvisor/ioctl.h>

static long cv_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return -ENOTTY;
}

static const struct file_operations cv_fops = {
	.owner = THIS_MODULE,
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
	if (err)
		pr_err("cannot register /dev/%s: %d\n", CV_DEVICE_NAME, err);
	return err;
}

static void __exit cv_exit(void)
{
	misc_deregister(&cv_misc);
}

module_init(cv_init);
module_exit(cv_exit);
MODULE_DESCRIPTION("cellvisor partitioning hypervisor: root cell driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(CV_FW_NAME);
