// SPDX-License-Identifier: GPL-2.0
/*
 * cvpeek.ko: reads one word of physical memory at load time (phys=ADDR),
 * to show that the root cell cannot read hypervisor memory: with the
 * hypervisor enabled Linux reports a synchronous external abort instead.
 * Always fails to load (-EAGAIN) after a successful read, so it can be
 * loaded again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/module.h>

static unsigned long phys;
module_param(phys, ulong, 0444);
MODULE_PARM_DESC(phys, "physical address to read");

static int __init cvpeek_init(void)
{
	void *p;
	u64 v;

	p = memremap(phys & PAGE_MASK, PAGE_SIZE, MEMREMAP_WB);
	if (!p) {
		pr_err("cannot map 0x%lx\n", phys);
		return -ENOMEM;
	}
	pr_info("reading 0x%lx\n", phys);
	v = READ_ONCE(*(u64 *)(p + (phys & ~PAGE_MASK & ~7UL)));
	pr_info("0x%lx holds 0x%llx\n", phys, v);
	memunmap(p);
	return -EAGAIN;
}

module_init(cvpeek_init);
MODULE_DESCRIPTION("cellvisor test: read physical memory");
MODULE_LICENSE("GPL");
