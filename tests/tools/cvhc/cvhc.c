// SPDX-License-Identifier: GPL-2.0
/*
 * cvhc.ko: raw hypercalls from the root cell for the tests (cvtool hc...),
 * with none of cellvisor.ko's checks in the way. The arguments can name a
 * buffer of the module's (two pages, physically contiguous) that the
 * caller fills; another CPU can keep changing a word of it during the
 * call, to show the hypervisor reads what the root passes only once.
 * /dev/cvhc is root's alone; never load this outside tests.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "cvhc.h"

static DEFINE_MUTEX(cvhc_lock);
static void *cvhc_buf;

static long cvhc_hvc(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc #0x4a48"
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     :
		     : "x3", "memory");
	return (long)x0;
}

struct cvhc_flip {
	u32 *word;
	u32 mask;
	atomic_t running;
};

static int cvhc_flipper(void *data)
{
	struct cvhc_flip *f = data;

	atomic_set(&f->running, 1);
	while (!kthread_should_stop()) {
		WRITE_ONCE(*f->word, READ_ONCE(*f->word) ^ f->mask);
		cond_resched();	/* a long race must not stall RCU here */
	}
	return 0;
}

static long cvhc_do_call(struct cvhc_call *c)
{
	struct cvhc_flip flip = { .running = ATOMIC_INIT(0) };
	struct task_struct *t = NULL;
	unsigned long arg[2] = { c->arg[0], c->arg[1] };
	unsigned int i, cpu;

	if (c->data_arg == 1 || c->data_arg == 2)
		arg[c->data_arg - 1] = virt_to_phys(cvhc_buf) + c->data_offset;
	if (c->flip_mask) {
		if (c->flip_offset > CVHC_BUF_SIZE - sizeof(u32) || c->flip_offset % 4)
			return -EINVAL;
		flip.word = cvhc_buf + c->flip_offset;
		flip.mask = c->flip_mask;
		t = kthread_create(cvhc_flipper, &flip, "cvhc-flip");
		if (IS_ERR(t))
			return PTR_ERR(t);
	}
	/*
	 * The calls stay on one CPU and the flipper on another, but a run of
	 * many calls under TCG lasts seconds: migration is off rather than
	 * preemption, so the loop can let RCU and the scheduler in.
	 */
	migrate_disable();
	cpu = raw_smp_processor_id();
	if (t) {
		kthread_bind(t, cpumask_any_but(cpu_online_mask, cpu));
		wake_up_process(t);
		while (!atomic_read(&flip.running))
			cpu_relax();
	}
	c->errors = 0;
	for (i = 0; i < max(c->repeat, 1U); i++) {
		c->result = cvhc_hvc(c->code, arg[0], arg[1]);
		c->errors += c->result < 0;
		cond_resched();
	}
	migrate_enable();
	if (t)
		kthread_stop(t);
	return 0;
}

static long cvhc_ioctl(struct file *file, unsigned int cmd, unsigned long uarg)
{
	void __user *user = (void __user *)uarg;
	struct cvhc_call c;
	u64 phys;
	long err;

	if (cmd == CVHC_BUF_PHYS) {
		phys = virt_to_phys(cvhc_buf);
		return copy_to_user(user, &phys, sizeof(phys)) ? -EFAULT : 0;
	}
	if (cmd != CVHC_CALL)
		return -ENOTTY;
	if (copy_from_user(&c, user, sizeof(c)))
		return -EFAULT;
	if (c.data_offset > CVHC_BUF_SIZE || c.data_len > CVHC_BUF_SIZE - c.data_offset)
		return -EINVAL;
	mutex_lock(&cvhc_lock);
	/* nothing of an earlier call's data may complete this one's */
	memset(cvhc_buf, 0, CVHC_BUF_SIZE);
	err = -EFAULT;
	if (copy_from_user(cvhc_buf + c.data_offset, u64_to_user_ptr(c.data), c.data_len))
		goto unlock;
	err = cvhc_do_call(&c);
	if (!err && (copy_to_user(u64_to_user_ptr(c.data), cvhc_buf + c.data_offset, c.data_len) ||
		     copy_to_user(user, &c, sizeof(c))))
		err = -EFAULT;
unlock:
	mutex_unlock(&cvhc_lock);
	return err;
}

static const struct file_operations cvhc_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = cvhc_ioctl,
};

static struct miscdevice cvhc_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cvhc",
	.fops = &cvhc_fops,
	.mode = 0600,
};

static int __init cvhc_init(void)
{
	int err;

	cvhc_buf = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, get_order(CVHC_BUF_SIZE));
	if (!cvhc_buf)
		return -ENOMEM;
	err = misc_register(&cvhc_dev);
	if (err)
		free_pages((unsigned long)cvhc_buf, get_order(CVHC_BUF_SIZE));
	return err;
}

static void __exit cvhc_exit(void)
{
	misc_deregister(&cvhc_dev);
	free_pages((unsigned long)cvhc_buf, get_order(CVHC_BUF_SIZE));
}

module_init(cvhc_init);
module_exit(cvhc_exit);
MODULE_DESCRIPTION("cellvisor test: raw hypercalls from the root");
MODULE_LICENSE("GPL");
