// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a peer of a link must not do, and accesses its devices must refuse
 * without harm. Up on the link first (STATE = ID + 1), then (mode=):
 *   state    write the state table (the hypervisor's): the cell fails
 *   output   write peer N's output section (peer=, default 0): the cell fails
 *   ecam64   an 8-byte read of its PCI configuration space: the cell fails
 *   regs16   a 16-bit read of the ID register: the cell fails
 *   probe    (default) accesses that are refused without harm, each
 *            printed with what it read: past the registers, an absent
 *            function, a write to the vendor ID, INT_CTRL's reserved bits,
 *            a doorbell to a peer that does not exist; then alive
 */
#include "fault.h"
#include "ivshmem.h"
#include "pci.h"

#define BAR		0xff000000UL

static struct ivshmem_dev dev;

static void probe(void)
{
	unsigned long ecam = (unsigned long)comm_region->pci_mmconfig_base;

	mmio_write32(dev.regs + 0x100, 0xffffffff);
	printk("fault-link: past the registers: 0x%x\n", mmio_read32(dev.regs + 0x100));
	printk("fault-link: 00:1f.0 (absent): 0x%x\n", pci_read_config(PCI_BDF(31, 0), 0, 4));
	pci_write_config(PCI_BDF(31, 0), PCI_CFG_BAR0, 0x12345000, 4);
	pci_write_config(dev.bdf, PCI_CFG_VENDOR_ID, 0xbeef, 2);
	printk("fault-link: vendor ID after writing it: 0x%x\n",
	       pci_read_config(dev.bdf, PCI_CFG_VENDOR_ID, 2));
	mmio_write32(dev.regs + IVSHMEM_REG_INT_CTRL, 0xfffffffe);
	printk("fault-link: INT_CTRL after 0xfffffffe: 0x%x\n",
	       mmio_read32(dev.regs + IVSHMEM_REG_INT_CTRL));
	mmio_write32(dev.regs + IVSHMEM_REG_DOORBELL, 0xffff0000);
	mmio_write32(dev.regs + IVSHMEM_REG_ID, 7);
	printk("fault-link: ID after writing 7: %u, config space past its end: 0x%x\n",
	       mmio_read32(dev.regs + IVSHMEM_REG_ID), mmio_read32(ecam + 0xffc));
	printk("fault-link: probe done\n");
}

void inmate_main(void)
{
	char mode[16] = "probe";
	unsigned long peer = cmdline_get_int("peer", 0);

	cmdline_get_str("mode", mode, sizeof(mode));
	if (ivshmem_init(&dev, 0, BAR))
		halt();
	mmio_write32(dev.regs + IVSHMEM_REG_STATE, dev.id + 1);
	printk("fault-link: %s\n", mode);
	if (!strcmp(mode, "state")) {
		dev.state_table[0] = 0xdead;
	} else if (!strcmp(mode, "output")) {
		dev.outputs[peer * dev.output_size / 4] = 0xdead;
	} else if (!strcmp(mode, "ecam64")) {
		printk("fault-link: read 0x%lx\n", (unsigned long)mmio_read64(
		       (unsigned long)comm_region->pci_mmconfig_base + (dev.bdf << 12)));
	} else if (!strcmp(mode, "regs16")) {
		printk("fault-link: read 0x%x\n", mmio_read16(dev.regs + IVSHMEM_REG_ID));
	} else {
		probe();
		alive_forever(false);
	}
	printk("fault-link: %s: NOT contained\n", mode);
	alive_forever(false);
}
