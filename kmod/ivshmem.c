// SPDX-License-Identifier: GPL-2.0
/*
 * The root's links as UIO devices, laid out like Jailhouse's uio_ivshmem
 * so programs written for it run unmodified: map 0 the register page
 * (which the hypervisor emulates), 1 the state table (read-only), 2 the
 * R/W section, 3 every peer's output section (read-only), 4 the root's
 * own output section; its doorbell (root doorbell 1 + n for the n-th
 * link) is a UIO event. Also the check that needs Linux's knowledge: no
 * link's memory may be RAM Linux uses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uio_driver.h>

#include "cellvisor.h"

#define CV_UIO_VERSION		"cellvisor-ivshmem"
#define MAP_REGS		0
#define MAP_STATE		1
#define MAP_RW			2
#define MAP_OUTPUTS		3
#define MAP_OWN_OUTPUT		4

#define IVSHMEM_INT_CTRL	0x08
#define IVSHMEM_STATE		0x10

struct cv_link_dev {
	struct uio_info info;
	struct cv_link link;		/* the root's entry of the system config */
	void __iomem *regs;
	int irq;			/* its doorbell's Linux IRQ, 0: not requested */
	char irq_name[16 + CV_LINK_NAME_LEN];
	atomic_t opened;
	bool registered;
};

static struct cv_link_dev *cv_link_devs;
static unsigned int cv_num_link_devs;

static int cv_link_memory_free(const char *who, const struct cv_link *l)
{
	u64 size = cv_link_size(l);

	if (region_intersects(l->phys, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("%s: link \"%.*s\" memory 0x%llx+0x%llx is RAM Linux uses (limit Linux with mem= or reserve it)\n",
		       who, CV_LINK_NAME_LEN, l->name, l->phys, size);
		return -EBUSY;
	}
	return 0;
}

int cv_links_check(const char *who, const struct cv_cell_config *cfg)
{
	const struct cv_link *l = cv_cell_links(cfg);
	unsigned int i;
	int err;

	for (i = 0; i < cfg->num_links; i++) {
		err = cv_link_memory_free(who, &l[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Read-only maps refuse writable mappings; shared memory is cached, registers are a device. */
static int cv_link_mmap(struct uio_info *info, struct vm_area_struct *vma)
{
	struct uio_mem *mem = &info->mem[vma->vm_pgoff];
	unsigned long size = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff == MAP_STATE || vma->vm_pgoff == MAP_OUTPUTS) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	if (size > PAGE_ALIGN(mem->size))
		return -EINVAL;
	if (vma->vm_pgoff == MAP_REGS)
		vma->vm_page_prot = pgprot_device(vma->vm_page_prot);
	vma->vm_flags |= VM_IO | VM_DONTEXPAND | VM_DONTDUMP;
	return remap_pfn_range(vma, vma->vm_start, mem->addr >> PAGE_SHIFT, size,
			       vma->vm_page_prot);
}

static int cv_link_open(struct uio_info *info, struct inode *inode)
{
	struct cv_link_dev *dev = info->priv;

	atomic_inc(&dev->opened);
	return 0;
}

/* As uio_ivshmem: a program that goes away says it is gone (state 0). */
static int cv_link_release(struct uio_info *info, struct inode *inode)
{
	struct cv_link_dev *dev = info->priv;

	writel(0, dev->regs + IVSHMEM_STATE);
	atomic_dec(&dev->opened);
	return 0;
}

/* The link's doorbell: one UIO event (the device is one-shot, INT_CTRL re-arms it). */
static irqreturn_t cv_link_irq(int irq, void *data)
{
	struct cv_link_dev *dev = data;

	uio_event_notify(&dev->info);
	return IRQ_HANDLED;
}

static void cv_link_set_map(struct uio_info *info, unsigned int n, const char *name,
			    phys_addr_t addr, u64 size)
{
	info->mem[n].name = name;
	info->mem[n].addr = addr;
	info->mem[n].size = size;
	info->mem[n].memtype = UIO_MEM_PHYS;
}

/* The root's n-th link: its registers at @regs, its interrupt root doorbell 1 + n. */
static int cv_link_register(struct cv_link_dev *dev, unsigned int n, phys_addr_t regs)
{
	const struct cv_link *l = &dev->link;
	phys_addr_t out = l->phys + CV_LINK_STATE_TABLE_SIZE + l->rw_size;
	struct uio_info *info = &dev->info;
	int irq;

	dev->regs = ioremap(regs, PAGE_SIZE);
	if (!dev->regs)
		return -ENOMEM;
	snprintf(dev->irq_name, sizeof(dev->irq_name), "cellvisor-link:%s", l->name);
	irq = cv_doorbell_request(1 + n, cv_link_irq, dev->irq_name, dev);
	if (irq < 0)
		return irq;
	dev->irq = irq;
	info->name = l->name;
	info->version = CV_UIO_VERSION;
	info->irq = UIO_IRQ_CUSTOM;
	info->priv = dev;
	info->mmap = cv_link_mmap;
	info->open = cv_link_open;
	info->release = cv_link_release;
	cv_link_set_map(info, MAP_REGS, "registers", regs, PAGE_SIZE);
	cv_link_set_map(info, MAP_STATE, "state_table", l->phys, CV_LINK_STATE_TABLE_SIZE);
	/* maps after an empty one are not shown: an empty R/W section hides 3 and 4, as with uio_ivshmem */
	cv_link_set_map(info, MAP_RW, "rw_section", l->phys + CV_LINK_STATE_TABLE_SIZE, l->rw_size);
	cv_link_set_map(info, MAP_OUTPUTS, "input_sections", out, l->peers * l->output_size);
	cv_link_set_map(info, MAP_OWN_OUTPUT, "output_section", out + l->id * l->output_size,
			l->output_size);
	return uio_register_device(cv_dev, info);
}

static void cv_link_unregister(struct cv_link_dev *dev)
{
	if (dev->registered) {
		writel(0, dev->regs + IVSHMEM_INT_CTRL);
		uio_unregister_device(&dev->info);
	}
	if (dev->irq)
		cv_doorbell_free(dev->irq, dev);
	if (dev->regs)
		iounmap(dev->regs);
}

int cv_links_add(const struct cv_system_config *cfg)
{
	const struct cv_link *l = cv_cell_links(&cfg->root_cell);
	unsigned int i, n = cfg->root_cell.num_links;
	int err;

	if (!n)
		return 0;
	cv_link_devs = kcalloc(n, sizeof(*cv_link_devs), GFP_KERNEL);
	if (!cv_link_devs)
		return -ENOMEM;
	cv_num_link_devs = n;
	for (i = 0; i < n; i++) {
		struct cv_link_dev *dev = &cv_link_devs[i];

		dev->link = l[i];
		dev->link.name[CV_LINK_NAME_LEN - 1] = 0;
		err = cv_link_register(dev, i, CV_ROOT_LINK_REGS(cfg->platform.pci_mmconfig_base, i));
		if (err) {
			pr_err("link \"%s\": cannot register its UIO device: %d\n", dev->link.name, err);
			cv_links_remove();
			return err;
		}
		dev->registered = true;
		pr_info("link \"%s\": peer %u of %u\n", dev->link.name, dev->link.id, dev->link.peers);
	}
	return 0;
}

bool cv_links_busy(void)
{
	unsigned int i;

	for (i = 0; i < cv_num_link_devs; i++) {
		if (atomic_read(&cv_link_devs[i].opened)) {
			pr_err("link \"%s\" is open (/dev/cellvisor-ivshmem/%s): close it first\n",
			       cv_link_devs[i].link.name, cv_link_devs[i].link.name);
			return true;
		}
	}
	return false;
}

void cv_links_remove(void)
{
	unsigned int i;

	for (i = 0; i < cv_num_link_devs; i++)
		cv_link_unregister(&cv_link_devs[i]);
	kfree(cv_link_devs);
	cv_link_devs = NULL;
	cv_num_link_devs = 0;
}

int cv_link_info_locked(u32 index, struct cv_link_info *buf)
{
	long err;

	memset(buf, 0, sizeof(*buf));
	err = cv_hypercall(CV_HC_LINK_GET_INFO, index, virt_to_phys(buf));
	if (err)
		return err;
	buf->index = index;
	buf->name[CV_LINK_NAME_LEN - 1] = 0;
	return 0;
}

int cv_link_info(struct cv_link_info *info)
{
	struct cv_link_info *buf;
	int err;

	mutex_lock(&cv_lock);
	if (!cv_enabled) {
		err = -ENODEV;
		goto unlock;
	}
	/* the hypervisor writes into a page of root RAM it may check */
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		err = -ENOMEM;
		goto unlock;
	}
	err = cv_link_info_locked(info->index, buf);
	if (!err)
		*info = *buf;
	kfree(buf);
unlock:
	mutex_unlock(&cv_lock);
	return err;
}

/* Fires one event if a link changed (a peer came, went or changed state). */
void cv_links_watch(void)
{
	static long seen;
	long n = cv_hypercall(CV_HC_HYPERVISOR_GET_INFO, CV_INFO_LINK_EVENTS, 0);

	if (n >= 0 && n != seen) {
		seen = n;
		cv_cell_event();
	}
}
