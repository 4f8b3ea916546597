// SPDX-License-Identifier: GPL-2.0-only
/*
 * Finding and setting up an ivshmem v2 device: the PCI function, its
 * registers (BAR0), the shared memory the vendor capability describes
 * and its INTx line (vpci_irq_base of the comm region + pin - 1).
 */
#include "comm.h"
#include "ivshmem.h"
#include "mmio.h"
#include "mmu.h"
#include "pci.h"
#include "printk.h"

#define CAP_STATE_SIZE		0x04
#define CAP_RW_SIZE		0x08
#define CAP_OUTPUT_SIZE		0x10
#define CAP_ADDRESS		0x18

static u64 cap_read64(unsigned int bdf, unsigned int reg)
{
	return pci_read_config(bdf, reg, 4) | ((u64)pci_read_config(bdf, reg + 4, 4) << 32);
}

int ivshmem_init(struct ivshmem_dev *d, unsigned int start_bdf, unsigned long bar)
{
	int bdf, cap;
	unsigned int pin;
	u64 base;

	if (pci_init() < 0 ||
	    (bdf = pci_find_device(IVSHMEM_VENDOR_ID, IVSHMEM_DEVICE_ID, start_bdf)) < 0) {
		printk("IVSHMEM: No PCI devices found .. nothing to do.\n");
		return -1;
	}
	d->bdf = (unsigned int)bdf;
	printk("IVSHMEM: Found device at %02x:%02x.%x\n", 0, bdf >> 3, bdf & 7);
	if (pci_read_config(d->bdf, PCI_CFG_CLASS_REV, 4) >> 24 != 0xff) {
		printk("IVSHMEM: class/revision %08x, not supported\n",
		       pci_read_config(d->bdf, PCI_CFG_CLASS_REV, 4));
		return -1;
	}
	cap = pci_find_cap(d->bdf, PCI_CAP_VENDOR);
	if (cap < 0) {
		printk("IVSHMEM ERROR: missing vendor capability\n");
		return -1;
	}
	d->regs = bar;
	pci_write_config(d->bdf, PCI_CFG_BAR0, (u32)bar, 4);
	printk("IVSHMEM: bar0 is at %p\n", (void *)bar);
	pci_write_config(d->bdf, PCI_CFG_COMMAND, PCI_CMD_MEM | PCI_CMD_MASTER, 2);
	mmu_map_device(bar, 0x1000);

	d->id = mmio_read32(bar + IVSHMEM_REG_ID);
	printk("IVSHMEM: ID is %u\n", d->id);
	d->peers = mmio_read32(bar + IVSHMEM_REG_MAX_PEERS);
	printk("IVSHMEM: max. peers is %u\n", d->peers);

	d->state_size = pci_read_config(d->bdf, cap + CAP_STATE_SIZE, 4);
	d->rw_size = cap_read64(d->bdf, cap + CAP_RW_SIZE);
	d->output_size = cap_read64(d->bdf, cap + CAP_OUTPUT_SIZE);
	base = cap_read64(d->bdf, cap + CAP_ADDRESS);
	d->state_table = (volatile u32 *)base;
	d->rw_section = (volatile u32 *)(base + d->state_size);
	d->outputs = (volatile u32 *)(base + d->state_size + d->rw_size);
	d->out_section = (volatile u32 *)((unsigned long)d->outputs + d->id * d->output_size);
	printk("IVSHMEM: state table is at %p\n", (void *)d->state_table);
	printk("IVSHMEM: R/W section is at %p\n", (void *)d->rw_section);
	printk("IVSHMEM: input sections start at %p\n", (void *)d->outputs);
	printk("IVSHMEM: output section is at %p\n", (void *)d->out_section);
	mmu_map_normal(base, d->state_size + d->rw_size + d->peers * d->output_size);

	pin = pci_read_config(d->bdf, PCI_CFG_INT_PIN, 1);
	d->irq = comm_region->vpci_irq_base + 32 + (pin ? pin - 1 : 0);
	return 0;
}
