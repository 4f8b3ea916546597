/* SPDX-License-Identifier: GPL-2.0-only */
/* The cell's virtual PCI host: configuration space of bus 0 through the ECAM in the comm region. */
#ifndef _INMATE_PCI_H
#define _INMATE_PCI_H

#include "types.h"

#define PCI_CFG_VENDOR_ID	0x00
#define PCI_CFG_DEVICE_ID	0x02
#define PCI_CFG_COMMAND		0x04
#define PCI_CFG_STATUS		0x06
#define PCI_CFG_CLASS_REV	0x08
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INT_PIN		0x3d

#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_STS_CAPS		0x0010
#define PCI_CAP_VENDOR		0x09

#define PCI_BDF(dev, fn)	(((dev) << 3) | (fn))
#define PCI_DEVS		32

/*
 * Maps the ECAM (device memory) whose address the comm region gives.
 * Returns -1 when the cell has no virtual PCI host.
 */
int pci_init(void);
/* 1, 2 or 4 bytes at @reg of function @bdf (bus 0); absent functions read all ones. */
u32 pci_read_config(unsigned int bdf, unsigned int reg, unsigned int size);
void pci_write_config(unsigned int bdf, unsigned int reg, u32 value, unsigned int size);
/* The first function from @start_bdf on with these IDs, or -1. */
int pci_find_device(u16 vendor, u16 device, unsigned int start_bdf);
/* The offset of capability @id of @bdf, or -1. */
int pci_find_cap(unsigned int bdf, u8 id);

#endif /* _INMATE_PCI_H */
