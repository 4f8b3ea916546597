// SPDX-License-Identifier: GPL-2.0
/*
 * A cell's virtual PCI host: an ECAM (bus 0, 1 MiB) at the system
 * config's pci-mmconfig, advertised in the comm region as Jailhouse does,
 * with one ivshmem v2 function (110a:4106) per link in the link's slot.
 * Absent functions read all ones and ignore writes. Each function's
 * configuration space: the type 0 header with BAR0 (its 4K register
 * page, 32-bit memory), an INTx pin, and the vendor capability that says
 * where the link's memory is. Accesses are 1, 2 or 4 bytes, naturally
 * aligned; anything else fails the cell, as a bus error would.
 */
#include <hv/cell.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/setup.h>

#define PCI_VENDOR_SIEMENS	0x110a
#define PCI_DEVICE_IVSHMEM	0x4106
#define PCI_CLASS_OTHER		0xff
#define PCI_STATUS_CAP_LIST	0x0010
#define PCI_CAP_ID_VNDR		0x09

#define CFG_ID			0x00
#define CFG_COMMAND		0x04
#define CFG_CLASS		0x08
#define CFG_BAR0		0x10
#define CFG_SUBSYSTEM		0x2c
#define CFG_CAP_PTR		0x34
#define CFG_INT			0x3c

/* The vendor capability (ivshmem v2), with the shared memory's base address. */
#define CAP_VNDR		0x40
#define CAP_VNDR_LEN		0x20
#define CAP_PRIV_ONE_SHOT	BIT(24)		/* privileged control, byte 3 */
#define CAP_STATE_SIZE		(CAP_VNDR + 0x04)
#define CAP_RW_SIZE		(CAP_VNDR + 0x08)
#define CAP_OUTPUT_SIZE		(CAP_VNDR + 0x10)
#define CAP_ADDRESS		(CAP_VNDR + 0x18)

#define BAR0_MASK		0xfffff000U	/* 4K, 32-bit, non-prefetchable memory */
#define CMD_WRITABLE		(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE)

static u32 lo32(u64 v)
{
	return (u32)v;
}

static u32 hi32(u64 v)
{
	return (u32)(v >> 32);
}

/* The dword at @reg (4-byte aligned) of @p's configuration space. */
static u32 cfg_read32(const struct ivshmem_peer *p, unsigned int reg)
{
	const struct cv_link *l = &p->link->layout;

	switch (reg) {
	case CFG_ID:
	case CFG_SUBSYSTEM:
		return PCI_VENDOR_SIEMENS | (PCI_DEVICE_IVSHMEM << 16);
	case CFG_COMMAND:
		return p->command | (PCI_STATUS_CAP_LIST << 16);
	case CFG_CLASS:		/* revision 0, protocol in interface and sub-class */
		return ((u32)PCI_CLASS_OTHER << 24) | ((u32)l->protocol << 8);
	case CFG_BAR0:
		return p->bar0;
	case CFG_CAP_PTR:
		return CAP_VNDR;
	case CFG_INT:		/* pin (slot % 4) + 1, line not kept */
		return (p->cfg->slot % 4 + 1) << 8;
	case CAP_VNDR:		/* ID, next (none), length, privileged control */
		return PCI_CAP_ID_VNDR | (CAP_VNDR_LEN << 16) | (p->one_shot ? CAP_PRIV_ONE_SHOT : 0);
	case CAP_STATE_SIZE:
		return CV_LINK_STATE_TABLE_SIZE;
	case CAP_RW_SIZE:
		return lo32(l->rw_size);
	case CAP_RW_SIZE + 4:
		return hi32(l->rw_size);
	case CAP_OUTPUT_SIZE:
		return lo32(l->output_size);
	case CAP_OUTPUT_SIZE + 4:
		return hi32(l->output_size);
	case CAP_ADDRESS:
		return lo32(p->cfg->virt);
	case CAP_ADDRESS + 4:
		return hi32(p->cfg->virt);
	default:
		return 0;	/* other BARs, ROM, the rest: not implemented */
	}
}

/* BAR0's registration follows the command register's memory bit and BAR0. */
static void update_bar0(struct ivshmem_peer *p)
{
	struct cell *cell = p->cell;
	u64 want = (p->command & PCI_COMMAND_MEMORY) ? p->bar0 : 0;

	if (want == p->bar0_mapped)
		return;
	if (p->bar0_mapped)
		mmio_region_unregister(&cell->mmio, p->bar0_mapped);
	p->bar0_mapped = 0;
	/* on another device's addresses (or a full table) the registers stay away */
	if (want && !ivshmem_registers_map(cell, want, p))
		p->bar0_mapped = want;
}

/* Writes @val to the dword at @reg; @mask says which bytes the access wrote. */
static void cfg_write32(struct ivshmem_peer *p, unsigned int reg, u32 val, u32 mask)
{
	switch (reg) {
	case CFG_COMMAND:	/* the status half is read-only */
		if (mask & 0xffff) {
			p->command = val & CMD_WRITABLE;
			update_bar0(p);
		}
		break;
	case CFG_BAR0:
		p->bar0 = val & BAR0_MASK;
		update_bar0(p);
		break;
	case CAP_VNDR:
		if (mask & CAP_PRIV_ONE_SHOT)
			p->one_shot = val & CAP_PRIV_ONE_SHOT;
		break;
	default:
		break;	/* read-only or not implemented */
	}
}

void vpci_reset_function(struct ivshmem_peer *p)
{
	p->command = 0;
	p->bar0 = 0;
	update_bar0(p);
}

static enum mmio_result ecam_access(void *arg, const struct mmio_reg *regdesc,
				   struct mmio_access *acc)
{
	struct cell *cell = arg;
	unsigned int reg = acc->addr & 0xfff, devfn = (unsigned int)(acc->addr >> 12);
	unsigned int shift = (reg & 3) * 8;
	u32 mask = acc->size == 4 ? ~0U : ((1U << (acc->size * 8)) - 1) << shift;
	struct ivshmem_peer *p;
	u32 cur;

	(void)regdesc;
	/* function 0 of each slot; bus 0 is all there is */
	p = devfn & 7 ? NULL : ivshmem_cell_device(cell, devfn >> 3);
	if (!p) {
		if (!acc->is_write)
			acc->value = mask >> shift;
		return MMIO_HANDLED;
	}
	spin_lock(&p->link->lock);
	cur = cfg_read32(p, reg & ~3U);
	if (acc->is_write)
		cfg_write32(p, reg & ~3U, (cur & ~mask) | (((u32)acc->value << shift) & mask), mask);
	else
		acc->value = (cur & mask) >> shift;
	spin_unlock(&p->link->lock);
	return MMIO_HANDLED;
}

/* Configuration space: 32-bit registers, read and written in 1, 2 or 4 bytes. */
static const struct mmio_reg ecam_table[] = {
	{ 0, CV_VPCI_ECAM_SIZE, 4, MMIO_8 | MMIO_16 | MMIO_32, 1, ecam_access },
};
static struct mmio_regs ecam_regs = { ecam_table, ARRAY_SIZE(ecam_table), 0, NULL, 0 };

int vpci_cell_init(struct cell *cell)
{
	u64 base = system_config->platform.pci_mmconfig_base;

	if (!cell->config->num_links || !base)
		return 0;
	if (!ecam_regs.span && mmio_regs_prepare(&ecam_regs, CV_VPCI_ECAM_SIZE))
		return -CV_EINVAL;
	return mmio_region_register(&cell->mmio, base, CV_VPCI_ECAM_SIZE, 0, &ecam_regs, cell);
}
