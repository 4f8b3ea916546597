// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor around its config checks, for the host: an enabled
 * hypervisor with the root cell and no other, every root CPU but the
 * caller (CPU 0) parked as the module leaves a new cell's CPUs. The arch
 * hooks do nothing; printk keeps the last line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/ivshmem.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include "layers.h"

struct cell *cells[CV_MAX_CELLS];
const struct cv_system_config *system_config;
struct per_cpu *per_cpu_base;
unsigned int hv_max_cpus;
u64 hv_virt_offset;
char layers_hv_said[256];

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(layers_hv_said, sizeof(layers_hv_said), fmt, ap);
	va_end(ap);
}

int arch_cell_create(struct cell *cell) { (void)cell; return 0; }
void arch_cell_destroy(struct cell *cell) { (void)cell; }
u64 arch_cell_table_pages(const struct cell *cell) { (void)cell; return 0; }
int arch_map_region(struct cell *cell, const struct cv_mem_region *mem) { (void)cell; (void)mem; return 0; }
int arch_unmap_region(struct cell *cell, const struct cv_mem_region *mem) { (void)cell; (void)mem; return 0; }
int arch_cell_irqchip_init(struct cell *cell) { (void)cell; return 0; }
void *arch_map_guest(paddr_t pa, u64 size) { (void)size; return (void *)(unsigned long)pa; }
void arch_unmap_guest(paddr_t pa, u64 size) { (void)pa; (void)size; }
int arch_scrub(paddr_t pa, u64 size) { (void)pa; (void)size; return 0; }
void arch_irq_raise(unsigned int irq) { (void)irq; }

/*
 * A link's own rules are the shared ones, compared here like the rest.
 * What core/ivshmem.c adds is about links that exist already, and in
 * this world none do: it has its own tests (test-ivshmem-links.c).
 */
int ivshmem_cell_check(const struct cv_cell_config *c) { (void)c; return 0; }
int ivshmem_root_init(void) { return 0; }

int layers_hv_enable(const void *blob, size_t size)
{
	const char *why = NULL;
	unsigned int cpu;

	if (config_check_system(blob, size, &why)) {
		snprintf(layers_hv_said, sizeof(layers_hv_said), "invalid system config: %s", why);
		return -CV_EINVAL;
	}
	system_config = blob;
	hv_max_cpus = CV_MAX_CPUS;
	free(per_cpu_base);
	per_cpu_base = aligned_alloc(PAGE_SIZE, (size_t)CV_MAX_CPUS * PERCPU_SIZE);
	for (cpu = 0; cpu < CV_MAX_CPUS; cpu++)
		*per_cpu(cpu) = (struct per_cpu){ .cpu_id = cpu, .cell = &root_cell, .parked = cpu != 0 };
	return cell_root_init(blob);
}

int layers_hv_check_cell(const void *blob, size_t size)
{
	return cell_config_check(per_cpu(0), blob, size);
}
