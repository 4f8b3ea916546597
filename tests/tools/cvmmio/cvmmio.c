// SPDX-License-Identifier: GPL-2.0
/*
 * cvmmio.ko: accesses one device register from the root kernel at load
 * time, for the hypervisor's benchmarks and tests of its emulated devices
 * (the GIC's registers are the kernel's, out of /dev/mem's reach):
 * reads=N loads of width bytes at phys, then writes=N stores of the value
 * read (of 0 with zero=1). Each run of accesses starts with `hint #0x7f`,
 * the mark the benchmarks' instruction counter (tests/bench/el2prof.c)
 * counts; it is a NOP to the CPU. Always fails to load (-EAGAIN) once the
 * accesses are done, so it can be loaded again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/module.h>

static unsigned long phys;
module_param(phys, ulong, 0444);
MODULE_PARM_DESC(phys, "physical address of the register");
static unsigned int width = 4;
module_param(width, uint, 0444);
MODULE_PARM_DESC(width, "access size in bytes: 1, 2, 4 or 8");
static unsigned int reads = 1;
module_param(reads, uint, 0444);
MODULE_PARM_DESC(reads, "loads to do");
static unsigned int writes;
module_param(writes, uint, 0444);
MODULE_PARM_DESC(writes, "stores to do, after the loads");
static bool zero;
module_param(zero, bool, 0444);
MODULE_PARM_DESC(zero, "store 0 instead of the value read");

static inline void el2_mark(void)
{
	asm volatile("hint #0x7f" ::: "memory");
}

static u64 mmio_read(void __iomem *p)
{
	switch (width) {
	case 1:
		return readb(p);
	case 2:
		return readw(p);
	case 4:
		return readl(p);
	default:
		return readq(p);
	}
}

static void mmio_write(void __iomem *p, u64 v)
{
	switch (width) {
	case 1:
		writeb(v, p);
		break;
	case 2:
		writew(v, p);
		break;
	case 4:
		writel(v, p);
		break;
	default:
		writeq(v, p);
		break;
	}
}

static int __init cvmmio_init(void)
{
	void __iomem *base;
	unsigned int i;
	u64 v = 0;

	if (width != 1 && width != 2 && width != 4 && width != 8) {
		pr_err("width must be 1, 2, 4 or 8, not %u\n", width);
		return -EINVAL;
	}
	base = ioremap(phys & PAGE_MASK, PAGE_SIZE);
	if (!base) {
		pr_err("cannot map 0x%lx\n", phys);
		return -ENOMEM;
	}
	el2_mark();
	for (i = 0; i < reads; i++)
		v = mmio_read(base + (phys & ~PAGE_MASK));
	if (writes)
		el2_mark();
	for (i = 0; i < writes; i++)
		mmio_write(base + (phys & ~PAGE_MASK), zero ? 0 : v);
	pr_info("0x%lx: %u reads (0x%llx), %u writes\n", phys, reads, v, writes);
	iounmap(base);
	return -EAGAIN;
}

module_init(cvmmio_init);
MODULE_DESCRIPTION("cellvisor test: access a device register");
MODULE_LICENSE("GPL");
