/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hooks each architecture implements for the core: the only calls
 * from hypervisor/core/ into hypervisor/arch/. Each says when the core
 * calls it and what undoes it. The arch's own data sits in struct
 * arch_cell (asm/cell.h, in struct cell) and struct arch_per_cpu
 * (asm/percpu.h, in struct per_cpu); the core never looks inside them.
 */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <cellvisor/config.h>
#include <hv/types.h>

struct cell;
struct per_cpu;

/* ---- enable and disable (core/setup.c) ---- */

/*
 * Master CPU, after every CPU entered and before any arch_cpu_init():
 * sets up what all CPUs share (EL2 mappings of the interrupt controller,
 * stage-2 format) and checks the hardware. Returns 0 or -CV_E*.
 * Undone by nothing: the memory it used goes with the hypervisor.
 */
int arch_init_early(const struct cv_system_config *sys);

/*
 * Every CPU, during enable: saves the state the hypervisor replaces,
 * programs traps, the stage 2 of pc->cell and the interrupt controller's
 * CPU interface, and checks the CPU's identity against the config.
 * Returns 0 or -CV_E*. Undone by arch_cpu_restore(), also after a
 * failure.
 */
int arch_cpu_init(struct per_cpu *pc);

/* Enters the guest for the first time after enable. Never returns. */
void __noreturn arch_cpu_activate(struct per_cpu *pc);

/*
 * Undoes arch_cpu_init() on this CPU and returns to the code that
 * entered the hypervisor (the Linux hyp stub) with @result (0 after
 * disable, -CV_E* after a failed enable). Never returns.
 */
void __noreturn arch_cpu_restore(struct per_cpu *pc, int result);

/* Stops this CPU for good (after a hypervisor bug). */
void __noreturn arch_cpu_halt(void);

/* ---- cells (core/root-cell.c, core/cell-*.c) ---- */

/* Creates a cell's empty stage 2. Undone by arch_cell_destroy(). */
int arch_cell_create(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
/* Translation-table pages the cell's stage 2 holds. */
u64 arch_cell_table_pages(const struct cell *cell);

/*
 * Maps one config region into the cell's stage 2 (guest physical
 * virt_start to phys_start, with its access flags). Undone by
 * arch_unmap_region() for the same region, or arch_cell_destroy().
 */
int arch_map_region(struct cell *cell, const struct cv_mem_region *mem);
int arch_unmap_region(struct cell *cell, const struct cv_mem_region *mem);

/*
 * Registers the cell's emulated interrupt controller registers in
 * cell->mmio. Undone with the cell (its MMIO table goes with it).
 */
int arch_cell_irqchip_init(struct cell *cell);

/*
 * Fills the platform part of a cell's comm region (interrupt controller
 * kind and addresses) at start; the core fills the rest.
 */
void arch_comm_region_init(struct cv_comm_region *comm);

/*
 * Hands SPI @irq to the CPU @target: routed there, and disabled until
 * its new owner enables it. Undone by the next call for the same IRQ.
 */
void arch_irq_route(unsigned int irq, struct per_cpu *target);

/* Makes virtual IRQ @irq pending on @target (software, no physical IRQ). */
void arch_inject_virq(struct per_cpu *target, unsigned int irq);

/*
 * Makes SPI @irq pending at the physical interrupt controller, as if a
 * device had raised it, after every memory write this CPU made so far:
 * its owner gets it wherever it routed it, the way it gets its devices'
 * interrupts (doorbells).
 */
void arch_irq_raise(unsigned int irq);

/* ---- CPUs (core/cpu-control.c, core/cell-fault.c) ---- */

/* Kicks @target so it looks at its control mailbox. */
void arch_send_event(struct per_cpu *target);

/*
 * Sleeps until an event (arch_send_event()) or another physical interrupt
 * is pending for the calling CPU, or arch_counter() passes the deadline
 * set with arch_wait_deadline(); it may return sooner, so callers check
 * their condition again. Nothing pending is taken: an event sent to wake
 * a sleeper reaches whatever the CPU runs next (after disable, Linux: an
 * IPI with nothing to do). arch_wait_deadline(0) ends the waiting.
 */
void arch_wait_event(void);
void arch_wait_deadline(u64 deadline);

/*
 * Parks the calling CPU: its guest state is dropped and it waits until
 * another CPU starts it (cpu_start()), then enters its cell (pc->cell)
 * at the given entry as a CPU out of reset would. Returns only then.
 */
void arch_park_cpu(struct per_cpu *pc);

/* ---- memory, time, output ---- */

/*
 * Maps root guest-physical memory into the calling CPU's own window of
 * the hypervisor for the length of a hypercall (one mapping per CPU at
 * a time, at most one page plus the offset into it); NULL if out of
 * table pages or too big. Undone by arch_unmap_guest() with the same
 * range.
 */
void *arch_map_guest(paddr_t pa, u64 size);
void arch_unmap_guest(paddr_t pa, u64 size);

/*
 * Zeroes physical memory that no guest can reach at the moment (a
 * cell's RAM between two owners) and cleans it to the point of
 * coherency, so that a next owner with its caches off reads zeros too.
 * 0, or -CV_ENOMEM if no table page was left to map it.
 */
int arch_scrub(paddr_t pa, u64 size);

/*
 * Memory shared with a guest that may run with its MMU (and so its caches)
 * off: clean what the hypervisor wrote to the point of coherency; clean and
 * invalidate before reading what the guest wrote (the hypervisor's lines
 * are clean by then, so nothing of the guest's is overwritten).
 */
void arch_dcache_clean(const void *addr, u64 size);
void arch_dcache_flush(const void *addr, u64 size);

/* A free-running counter and its frequency in Hz, for timeouts. */
u64 arch_counter(void);
u64 arch_counter_freq(void);

/* One character to the hypervisor's debug UART (printk). */
void arch_dbg_putc(char c);

#endif /* _HV_ARCH_H */
