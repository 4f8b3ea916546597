// SPDX-License-Identifier: GPL-2.0-only
/*
 * Configuration space of the cell's virtual PCI host, bus 0 only: the
 * function at bdf is the 4 KiB at ECAM + (bdf << 12). Single loads and
 * stores of the access width (mmio.h), so the hypervisor can emulate them.
 */
#include "comm.h"
#include "mmio.h"
#include "mmu.h"
#include "pci.h"

#define ECAM_SIZE	(1UL << 20)	/* bus 0 */

static unsigned long ecam;

int pci_init(void)
{
	ecam = (unsigned long)comm_region->pci_mmconfig_base;
	if (!ecam)
		return -1;
	mmu_map_device(ecam, ECAM_SIZE);
	return 0;
}

static unsigned long cfg_addr(unsigned int bdf, unsigned int reg)
{
	return ecam + ((unsigned long)(bdf & 0xff) << 12) + (reg & 0xfff);
}

u32 pci_read_config(unsigned int bdf, unsigned int reg, unsigned int size)
{
	switch (size) {
	case 1:
		return mmio_read8(cfg_addr(bdf, reg));
	case 2:
		return mmio_read16(cfg_addr(bdf, reg));
	default:
		return mmio_read32(cfg_addr(bdf, reg));
	}
}

void pci_write_config(unsigned int bdf, unsigned int reg, u32 value, unsigned int size)
{
	switch (size) {
	case 1:
		mmio_write8(cfg_addr(bdf, reg), (u8)value);
		break;
	case 2:
		mmio_write16(cfg_addr(bdf, reg), (u16)value);
		break;
	default:
		mmio_write32(cfg_addr(bdf, reg), value);
		break;
	}
}

int pci_find_device(u16 vendor, u16 device, unsigned int start_bdf)
{
	unsigned int bdf;

	for (bdf = start_bdf; bdf < PCI_DEVS * 8; bdf++)
		if (pci_read_config(bdf, PCI_CFG_VENDOR_ID, 2) == vendor &&
		    pci_read_config(bdf, PCI_CFG_DEVICE_ID, 2) == device)
			return (int)bdf;
	return -1;
}

int pci_find_cap(unsigned int bdf, u8 id)
{
	unsigned int pos, hops;

	if (!(pci_read_config(bdf, PCI_CFG_STATUS, 2) & PCI_STS_CAPS))
		return -1;
	/* a list that loops is cut short: at most 48 capabilities fit in 256 bytes */
	pos = pci_read_config(bdf, PCI_CFG_CAP_PTR, 1);
	for (hops = 0; pos && hops < 48; hops++) {
		if (pci_read_config(bdf, pos, 1) == id)
			return (int)pos;
		pos = pci_read_config(bdf, pos + 1, 1);
	}
	return -1;
}
