/* SPDX-License-Identifier: GPL-2.0-only */
/* An ivshmem v2 device (a link) on the cell's virtual PCI bus. */
#ifndef _INMATE_IVSHMEM_H
#define _INMATE_IVSHMEM_H

#include "types.h"

#define IVSHMEM_VENDOR_ID	0x110a
#define IVSHMEM_DEVICE_ID	0x4106

/* The register page (BAR0) */
#define IVSHMEM_REG_ID		0x00
#define IVSHMEM_REG_MAX_PEERS	0x04
#define IVSHMEM_REG_INT_CTRL	0x08
#define IVSHMEM_REG_DOORBELL	0x0c
#define IVSHMEM_REG_STATE	0x10

struct ivshmem_dev {
	unsigned int bdf;
	unsigned long regs;		/* BAR0, mapped as a device */
	unsigned int id, peers;
	volatile u32 *state_table;	/* read-only */
	volatile u32 *rw_section;
	volatile u32 *outputs;		/* every peer's output section, in ID order */
	volatile u32 *out_section;	/* this peer's */
	u64 state_size, rw_size, output_size;
	unsigned int irq;		/* its INTx, an SPI (INTID) */
};

/*
 * Finds the first ivshmem v2 function from @start_bdf on, places its BAR0
 * at @bar and enables it, reads the layout from the vendor capability and
 * maps the shared memory (cached). Prints what it found as Jailhouse's
 * ivshmem-demo does. 0, or -1 after saying why.
 */
int ivshmem_init(struct ivshmem_dev *d, unsigned int start_bdf, unsigned long bar);

#endif /* _INMATE_IVSHMEM_H */
