// SPDX-License-Identifier: GPL-2.0
/*
 * cvpeek.ko: reads (or writes) physical memory at load time, for the
 * tests, then fails to load (-EAGAIN; -EFAULT if the access faulted) so
 * it can be loaded again.
 *   phys=ADDR            reads one word: the root cannot read hypervisor
 *                        memory, Linux reports a synchronous external abort
 *   phys=ADDR len=N magic=M   counts the words in [ADDR, ADDR+N) whose upper
 *                        32 bits are M (what a cell left behind, if anything)
 *   phys=ADDR poke=V     writes the word V (a marker the root puts in memory
 *                        it owns, for a cell to look for)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/task.h>

static unsigned long phys;
module_param(phys, ulong, 0444);
MODULE_PARM_DESC(phys, "physical address");
static unsigned long len;
module_param(len, ulong, 0444);
MODULE_PARM_DESC(len, "bytes to scan for magic words");
static unsigned int magic;
module_param(magic, uint, 0444);
MODULE_PARM_DESC(magic, "upper 32 bits of the words to count");
static unsigned long poke;
module_param(poke, ulong, 0444);
MODULE_PARM_DESC(poke, "value to write");

/* The access itself: if it faults, Linux kills this thread, not insmod. */
static int cvpeek_access(void *done)
{
	unsigned long start = phys & PAGE_MASK, off = phys - start;
	unsigned long size = PAGE_ALIGN(off + max(len, 8UL)), found = 0, i;
	u64 *p;
	void *m;

	m = memremap(start, size, MEMREMAP_WB);
	if (!m) {
		pr_err("cannot map 0x%lx\n", phys);
		complete(done);
		return 0;
	}
	p = m + (off & ~7UL);
	if (poke) {
		WRITE_ONCE(*p, poke);
		pr_info("0x%lx now holds 0x%lx\n", phys, poke);
	} else if (len) {
		for (i = 0; i < len / 8; i++)
			found += (READ_ONCE(p[i]) >> 32) == magic;
		pr_info("0x%lx+0x%lx holds %lu words of 0x%x\n", phys, len, found, magic);
	} else {
		pr_info("reading 0x%lx\n", phys);
		pr_info("0x%lx holds 0x%llx\n", phys, READ_ONCE(*p));
	}
	memunmap(m);
	complete(done);
	return 0;
}

/*
 * The access runs in a thread of its own: one that faults (a synchronous
 * external abort on memory the root does not own) oopses and dies there,
 * and the module still finishes loading, so it can be loaded again in
 * the same boot. Done or dead, nothing of the module runs after this.
 */
static int __init cvpeek_init(void)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct task_struct *t;
	bool dead = false;

	t = kthread_create(cvpeek_access, &done, "cvpeek");
	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);
	wake_up_process(t);
	while (!wait_for_completion_timeout(&done, HZ / 10)) {
		if (READ_ONCE(t->exit_state)) {
			dead = true;
			break;
		}
	}
	put_task_struct(t);
	if (dead)
		pr_err("the access to 0x%lx faulted\n", phys);
	return dead ? -EFAULT : -EAGAIN;
}

module_init(cvpeek_init);
MODULE_DESCRIPTION("cellvisor test: read or write physical memory");
MODULE_LICENSE("GPL");
