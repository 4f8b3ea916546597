// SPDX-License-Identifier: GPL-2.0
/*
 * Boot page tables, built by every entering CPU with the MMU still off.
 * Runs at the physical address: only PC-relative references, no atomics,
 * no unaligned accesses (-mstrict-align). Every CPU writes the same
 * entries into the same fixed pages and never clears one, so CPUs that
 * already run with these tables are not disturbed. Maps, in 2 MiB blocks:
 * the image at its link address, hypervisor memory 1:1 (for the MMU-off
 * trampoline and the per-CPU areas) and the debug UART 1:1.
 */
#include <asm/asm-defs.h>
#include <hv/setup.h>
#include <hv/uart.h>

#define BLOCK_SIZE		(2ULL << 20)
#define DESC_TABLE		3ULL
#define DESC_BLOCK		1ULL
#define ATTR_NORMAL		((1ULL << 10) | (3ULL << 8) | (0ULL << 2))
#define ATTR_DEVICE		((1ULL << 10) | (1ULL << 2) | (1ULL << 54))

enum { MAP_LINK, MAP_IDENTITY, MAP_UART, NUM_MAPS };

u64 bootstrap_tables[1 + 2 * NUM_MAPS][512]
	__attribute__((section(".bss.pt"))) __aligned(4096);

u64 bootstrap_paging(u64 phys_base);

static u64 *next_table(u64 *entry, u64 *fallback)
{
	if (*entry & 1)
		return (u64 *)(unsigned long)(*entry & 0x0000fffffffff000ULL);
	*entry = (u64)(unsigned long)fallback | DESC_TABLE;
	return fallback;
}

static void map_blocks(u64 va, u64 pa, u64 size, u64 attrs, unsigned int m)
{
	u64 *l0 = bootstrap_tables[0];

	for (; size; va += BLOCK_SIZE, pa += BLOCK_SIZE, size -= BLOCK_SIZE) {
		u64 *l1 = next_table(&l0[(va >> 39) & 511], bootstrap_tables[1 + 2 * m]);
		u64 *l2 = next_table(&l1[(va >> 30) & 511], bootstrap_tables[2 + 2 * m]);

		l2[(va >> 21) & 511] = pa | attrs | DESC_BLOCK;
	}
}

u64 bootstrap_paging(u64 phys_base)
{
	const struct cv_fw_header *hdr = (const void *)(unsigned long)phys_base;
	const struct cv_system_config *sys =
		(const void *)(unsigned long)(phys_base + hdr->config_offset);
	u64 size = sys->hypervisor.size;

	/* one L2 table per mapping: no 1 GiB crossing, 2 MiB granularity */
	if (sys->hypervisor.phys_start != phys_base || (phys_base & (BLOCK_SIZE - 1)) ||
	    (size & (BLOCK_SIZE - 1)) || !size || size > (64ULL << 20) ||
	    (phys_base >> 30) != ((phys_base + size - 1) >> 30))
		return 0;

	map_blocks(HV_VIRT_BASE, phys_base, size, ATTR_NORMAL, MAP_LINK);
	map_blocks(phys_base, phys_base, size, ATTR_NORMAL, MAP_IDENTITY);
	if (sys->debug_console.type != CV_CON_TYPE_NONE) {
		u64 uart = sys->debug_console.address & ~(BLOCK_SIZE - 1);

		map_blocks(uart, uart, BLOCK_SIZE, ATTR_DEVICE, MAP_UART);
		debug_uart_base = sys->debug_console.address;
		debug_uart_type = sys->debug_console.type;
	}
	asm volatile("dsb sy" ::: "memory");
	return (u64)(unsigned long)bootstrap_tables[0];
}
