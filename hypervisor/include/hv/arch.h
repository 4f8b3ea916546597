/* SPDX-License-Identifier: GPL-2.0 */
/* The hooks each architecture implements for the core. */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <cellvisor/config.h>
#include <hv/types.h>

struct cell;
struct per_cpu;

/*
 * Master CPU, during enable, after every CPU entered and before any
 * arch_cpu_init(): maps platform devices (GIC) into EL2 and checks them.
 * Returns 0 or -CV_E*. Undone by nothing (the memory is dropped on exit).
 */
int arch_init_early(const struct cv_system_config *sys);

/*
 * Every CPU, during enable: saves the stub's EL2 state, programs traps,
 * stage 2 of pc->cell and the GIC CPU interface. Paired with
 * arch_cpu_restore(). Returns 0 or -CV_E*.
 */
int arch_cpu_init(struct per_cpu *pc);

/* Returns to the guest (first activation after enable). Never returns. */
void __noreturn arch_cpu_activate(struct per_cpu *pc);

/*
 * Undoes arch_cpu_init() on this CPU and returns to the Linux hyp stub at
 * EL1 with x0 = result (0 after disable, -CV_E* after a failed enable).
 */
void __noreturn arch_cpu_restore(struct per_cpu *pc, int result);

/* Creates the stage-2 tables of a cell (empty). Paired with arch_cell_destroy(). */
int arch_cell_create(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
/* Translation-table pages the cell's stage 2 holds. */
u64 arch_cell_table_pages(const struct cell *cell);
/* Maps one config region into the cell's stage 2. */
int arch_map_region(struct cell *cell, const struct cv_mem_region *mem);

/* Registers the GIC distributor/redistributor handlers of a cell. */
int arch_cell_irqchip_init(struct cell *cell);

/* Kicks a remote CPU so it looks at its control flags (SGI). */
void arch_send_event(struct per_cpu *target);

/*
 * Parks the calling CPU (PSCI CPU_OFF) until another CPU sets
 * start_pending; then resets it to start_entry/start_context at EL1.
 */
void arch_park_cpu(struct per_cpu *pc);

/* Unmaps one config region from a cell's stage 2. */
int arch_unmap_region(struct cell *cell, const struct cv_mem_region *mem);

/* Routes SPI @irq to @cpu (affinity routing) and masks it if !enable. */
void arch_irq_route(unsigned int irq, struct per_cpu *cpu, bool enable);

/* Makes virtual IRQ @irq pending on @target (software, no physical IRQ). */
void arch_inject_virq(struct per_cpu *target, unsigned int irq);

/* Counter ticks and frequency, for timeouts. */
u64 arch_counter(void);
u64 arch_counter_freq(void);

/* Maps a device range 1:1 into the EL2 address space. */
int arch_map_device(paddr_t pa, u64 size);

/* Maps/unmaps guest physical memory of the root at EL2 (1:1). */
void *arch_map_guest(paddr_t pa, u64 size);
void arch_unmap_guest(paddr_t pa, u64 size);

/*
 * Memory shared with a guest that may run with its MMU (and so its caches)
 * off: clean what the hypervisor wrote to the point of coherency; clean and
 * invalidate before reading what the guest wrote (the hypervisor's lines
 * are clean by then, so nothing of the guest's is overwritten).
 */
void arch_dcache_clean(const void *addr, u64 size);
void arch_dcache_flush(const void *addr, u64 size);

#endif /* _HV_ARCH_H */
