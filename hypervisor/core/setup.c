// SPDX-License-Identifier: GPL-2.0
/*
 * Enable and disable: every CPU of the root cell enters here; the first
 * one sets up the shared state, all of them rendezvous, and either all
 * activate or all return to Linux with the same error.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/config.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>

struct per_cpu *per_cpu_base;
unsigned int hv_max_cpus;
const struct cv_system_config *system_config;

static volatile u32 cpus_entered, cpus_done, cpus_leaving;
static volatile u32 init_phase;
static volatile int init_error;

#define RENDEZVOUS_MS		2000

/* Spins until *counter reaches @value; false after @timeout_ms. */
static bool wait_until(volatile u32 *counter, u32 value, unsigned int timeout_ms)
{
	u64 end = arch_counter() + arch_counter_freq() / 1000 * timeout_ms;

	while (__atomic_load_n(counter, __ATOMIC_ACQUIRE) < value)
		if (arch_counter() > end)
			return false;
	return true;
}

/*
 * Disable's rendezvous: a CPU that came before the last one sleeps until
 * the last wakes it (arch_send_event()) or @timeout_ms pass. Under
 * emulation a spinning CPU takes the host's time from those still on
 * their way. On timeout a CPU takes its arrival back, but only while
 * the count is short: once it is complete nobody does, so either all
 * CPUs leave or all stay.
 */
static bool sleep_until(volatile u32 *counter, u32 value, unsigned int timeout_ms)
{
	u64 end = arch_counter() + arch_counter_freq() / 1000 * timeout_ms;
	u32 n = __atomic_load_n(counter, __ATOMIC_ACQUIRE);
	bool complete = true;

	arch_wait_deadline(end);
	while (n < value) {
		if (arch_counter() > end &&
		    __atomic_compare_exchange_n(counter, &n, n - 1, false, __ATOMIC_SEQ_CST,
						__ATOMIC_ACQUIRE)) {
			complete = false;
			break;
		}
		arch_wait_event();
		n = __atomic_load_n(counter, __ATOMIC_ACQUIRE);
	}
	arch_wait_deadline(0);
	return complete;
}

static void set_error(int err)
{
	if (err && !init_error)
		init_error = err;
}

static int init_pool(const struct cv_system_config *sys)
{
	u64 pool_off = ALIGN_UP(hv_header.config_offset + hv_header.config_size, PAGE_SIZE);

	if (pool_off >= sys->hypervisor.size)
		return -CV_ENOMEM;
	return pool_init(&mem_pool, __hv_start + pool_off,
			 (sys->hypervisor.size - pool_off) / PAGE_SIZE);
}

static int init_early(void)
{
	const struct cv_system_config *sys = (const void *)(__hv_start + hv_header.config_offset);
	const char *why = "";
	int err;

	printk("\ncellvisor %u.%u: enabling on %u CPUs\n", CV_VERSION_MAJOR,
	       CV_VERSION_MINOR, hv_header.online_cpus);
	if (hv_header.config_offset < hv_header.core_size + (u64)hv_max_cpus * PERCPU_SIZE) {
		pr_err("config placed over the per-CPU areas\n");
		return -CV_EINVAL;
	}
	err = config_check_system(sys, hv_header.config_size, &why);
	if (err) {
		pr_err("invalid system config: %s\n", why);
		return err;
	}
	if (popcount64(sys->root_cell.cpu_mask) != hv_header.online_cpus) {
		pr_err("%u CPUs online but the root cell has %u\n",
		       hv_header.online_cpus, popcount64(sys->root_cell.cpu_mask));
		return -CV_EINVAL;
	}
	system_config = sys;
	err = init_pool(sys);
	if (err)
		return err;
	err = arch_init_early(sys);
	if (err)
		return err;
	return cell_root_init(sys);
}

static int init_cpu(cpuid_t cpu, struct per_cpu *pc)
{
	if (!(system_config->root_cell.cpu_mask & BIT(cpu))) {
		pr_err("CPU %u is not in the root cell\n", cpu);
		return -CV_EINVAL;
	}
	pc->cpu_id = cpu;
	pc->cell = &root_cell;
	return arch_cpu_init(pc);
}

void entry(cpuid_t cpu, struct per_cpu *pc)
{
	u32 online = hv_header.online_cpus;
	bool master;

	hv_max_cpus = hv_header.max_cpus;
	per_cpu_base = (struct per_cpu *)(__hv_start + hv_header.core_size);
	master = atomic_inc_return(&cpus_entered) == 1;

	/* the first CPU in sets up the shared state while the others arrive */
	if (master) {
		set_error(init_early());
		__atomic_store_n(&init_phase, 1, __ATOMIC_RELEASE);
	} else if (!wait_until(&init_phase, 1, RENDEZVOUS_MS * 2)) {
		set_error(-CV_EIO);
	}
	/*
	 * Linux sends its CPUs here by IPI: until the last one is in, it may
	 * still send SGIs to those already here, which their CPU set-up
	 * takes over (arch_cpu_init()).
	 */
	if (!wait_until(&cpus_entered, online, RENDEZVOUS_MS))
		set_error(-CV_EIO);
	if (!init_error)
		set_error(init_cpu(cpu, pc));
	atomic_inc_return(&cpus_done);
	if (!wait_until(&cpus_done, online, RENDEZVOUS_MS))
		set_error(-CV_EIO);

	if (init_error) {
		if (master)
			pr_err("enable failed (%d), returning every CPU to Linux\n", init_error);
		arch_cpu_restore(pc, init_error);
	}
	/*
	 * One line after the banner, not one per step or CPU: the UART costs
	 * ~87 us a character at 115200, and under emulation each character
	 * waits for the lock of the emulated devices.
	 */
	if (master)
		printk("cellvisor enabled on %u CPUs, page pool %llu/%llu pages used; memory 0x%llx, %llu KiB; root cell: %u memory regions, %llu stage-2 table pages\n",
		       online, mem_pool.used, mem_pool.pages, system_config->hypervisor.phys_start,
		       system_config->hypervisor.size >> 10, root_cell.config->num_mem_regions,
		       arch_cell_table_pages(&root_cell));
	arch_cpu_activate(pc);
}

/*
 * CV_HC_DISABLE from every root CPU: rendezvous, then each leaves. The
 * last to come wakes the others; nobody runs the guest again once the
 * count is complete, so no CPU still here meets Linux's IPIs from one
 * that has left (they stay pending until it leaves too).
 */
long hypervisor_disable(struct per_cpu *pc)
{
	u64 cpus = root_cell.cpu_mask;
	unsigned int cpu, expected = popcount64(cpus), arrived;

	for (cpu = 1; cpu < CV_MAX_CELLS; cpu++)
		if (cells[cpu])
			return -CV_EBUSY;	/* destroy the cells first */
	for_each_cpu_in(cpu, cpus)
		if (per_cpu(cpu)->parked)
			return -CV_EBUSY;
	/* the line goes out while the others are still on their way */
	arrived = atomic_inc_return(&cpus_leaving);
	if (arrived == 1)
		printk("cellvisor disabling\n");
	if (arrived == expected) {
		for_each_cpu_in(cpu, cpus)
			if (cpu != pc->cpu_id)
				arch_send_event(per_cpu(cpu));
	} else if (!sleep_until(&cpus_leaving, expected, RENDEZVOUS_MS)) {
		pr_err("CPU %u: not every CPU came to disable in %u ms, staying\n", pc->cpu_id,
		       RENDEZVOUS_MS);
		return -CV_EBUSY;	/* all stay */
	}
	arch_cpu_restore(pc, 0);
}

void hv_panic(const char *why)
{
	printk("HYPERVISOR PANIC on CPU %u: %s\n", this_cpu()->cpu_id, why);
	arch_cpu_halt();
}
