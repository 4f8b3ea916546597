// SPDX-License-Identifier: GPL-2.0
/*
 * cvpeek.ko: reads (or writes) physical memory at load time, for the
 * tests, then fails to load (-EAGAIN) so it can be loaded again.
 *   phys=ADDR            reads one word: the root cannot read hypervisor
 *                        memory, Linux reports a synchronous external abort
 *   phys=ADDR len=N magic=M   counts the words in [ADDR, ADDR+N) whose upper
 *                        32 bits are M (what a cell left behind, if anything)
 *   phys=ADDR poke=V     writes the word V (a marker the root puts in memory
 *                        it owns, for a cell to look for)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>

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

static int __init cvpeek_init(void)
{
	unsigned long start = phys & PAGE_MASK, off = phys - start;
	unsigned long size = PAGE_ALIGN(off + max(len, 8UL)), found = 0, i;
	u64 *p;
	void *m;

	m = memremap(start, size, MEMREMAP_WB);
	if (!m) {
		pr_err("cannot map 0x%lx\n", phys);
		return -ENOMEM;
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
	return -EAGAIN;
}

module_init(cvpeek_init);
MODULE_DESCRIPTION("cellvisor test: read or write physical memory");
MODULE_LICENSE("GPL");
