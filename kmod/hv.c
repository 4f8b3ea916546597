// SPDX-License-Identifier: GPL-2.0
/*
 * Enable and disable of the EL2 core. Every online CPU enters through the
 * Linux hyp stub's HVC_SOFT_RESTART (no kernel symbols needed) from an
 * IPI, with interrupts off, while CPU hotplug is held off; the core itself
 * makes sure that either all CPUs come in or all go back with the same
 * error.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/cputype.h>

#include <cellvisor/header.h>

#include "cellvisor.h"
#include "config-check.h"

#define HVC_SOFT_RESTART	1

struct cv_enter_ctx {
	phys_addr_t entry;
	const struct cpumask *cpus;	/* the CPUs that must take part */
	int result[NR_CPUS];
	atomic_t returned;		/* CPUs back from their hypervisor call */
};

phys_addr_t cv_hv_phys;
size_t cv_hv_size;
const struct cv_system_config *cv_sys;
static struct resource *cv_hv_res;
static cpumask_t cv_hv_cpus;

/* Clean and invalidate to the point of coherency: EL2 starts uncached. */
void cv_dcache_clean(void *addr, size_t size)
{
	unsigned long line = 4UL << ((read_cpuid_cachetype() >> 16) & 0xf);
	unsigned long p = (unsigned long)addr & ~(line - 1);
	unsigned long end = (unsigned long)addr + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

/* HVC_SOFT_RESTART: the stub branches to x1 at EL2 with x0 = x2 (our CPU id). */
static long cv_stub_soft_restart(phys_addr_t entry, unsigned long cpu)
{
	register unsigned long x0 asm("x0") = HVC_SOFT_RESTART;
	register unsigned long x1 asm("x1") = entry;
	register unsigned long x2 asm("x2") = cpu;

	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     :
		     : "x3", "x4", "memory");
	return (long)x0;
}

static void cv_enter_cpu(void *data)
{
	struct cv_enter_ctx *ctx = data;
	unsigned int cpu = smp_processor_id();

	ctx->result[cpu] = (int)cv_stub_soft_restart(ctx->entry, cpu);
	atomic_inc_return_release(&ctx->returned);
}

static void cv_leave_cpu(void *data)
{
	struct cv_enter_ctx *ctx = data;

	ctx->result[smp_processor_id()] = (int)cv_hypercall(CV_HC_DISABLE, 0, 0);
	atomic_inc_return_release(&ctx->returned);
}

/*
 * Runs @fn on every CPU of ctx->cpus at once, from an IPI: one round of
 * interrupts, where stop_machine() would wake a thread on each CPU and
 * step them all through its states. The hypervisor holds every CPU until
 * all have arrived, so nobody may wait for a CPU to finish before all
 * have started: the calls go out without waiting, this CPU takes its own
 * turn, then counts the others back (@fn is the last to touch @ctx).
 * Call with CPU hotplug held off and ctx->cpus online.
 */
static void cv_on_each_cpu(smp_call_func_t fn, struct cv_enter_ctx *ctx)
{
	int n = cpumask_weight(ctx->cpus);

	preempt_disable();
	on_each_cpu_mask(ctx->cpus, fn, ctx, false);
	while (atomic_read_acquire(&ctx->returned) < n)
		cpu_relax();
	preempt_enable();
}

/* The first non-zero per-CPU result, and whether all CPUs agree. */
static int cv_collect(struct cv_enter_ctx *ctx, bool *consistent)
{
	int cpu, first = 0, err = 0;
	bool seen = false;

	*consistent = true;
	for_each_cpu(cpu, ctx->cpus) {
		if (!seen) {
			first = ctx->result[cpu];
			seen = true;
		} else if (ctx->result[cpu] != first) {
			*consistent = false;
		}
		if (ctx->result[cpu] && !err)
			err = ctx->result[cpu];
	}
	return err;
}

static int cv_check_cpus(const struct cv_system_config *cfg)
{
	u64 mask = cfg->root_cell.cpu_mask;
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		if (cpu >= 64 || !(mask & BIT_ULL(cpu))) {
			pr_err("CPU %u is online but not in the root cell's CPU set 0x%llx\n",
			       cpu, mask);
			return -EINVAL;
		}
	}
	for (cpu = 0; cpu < 64; cpu++) {
		if ((mask & BIT_ULL(cpu)) && !cpu_online(cpu)) {
			pr_err("CPU %u of the root cell is not online\n", cpu);
			return -EINVAL;
		}
	}
	return 0;
}

static int cv_check_config(const struct cv_system_config *cfg, size_t size)
{
	int err = cv_check_system_config(cfg, size);

	return err ? err : cv_links_check("system config", &cfg->root_cell);
}

static int cv_check_firmware(const struct firmware *fw, const struct cv_system_config *cfg,
			     u64 *config_offset)
{
	const struct cv_fw_header *hdr = (const void *)fw->data;
	unsigned int max_cpus = fls64(cfg->root_cell.cpu_mask);

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, CV_FW_SIGNATURE, sizeof(hdr->signature))) {
		pr_err("%s: not a cellvisor image\n", CV_FW_NAME);
		return -EINVAL;
	}
	if (hdr->abi_version != CV_VERSION_CODE) {
		pr_err("%s: ABI version 0x%x, module has 0x%x\n", CV_FW_NAME,
		       hdr->abi_version, CV_VERSION_CODE);
		return -EINVAL;
	}
	*config_offset = hdr->core_size + (u64)max_cpus * hdr->percpu_size;
	if (hdr->core_size < fw->size || hdr->entry >= fw->size ||
	    *config_offset + cfg->size + 16 * PAGE_SIZE > cfg->hypervisor.size) {
		pr_err("%s (%zu bytes, core %llu) does not fit hypervisor memory of %llu bytes\n",
		       CV_FW_NAME, fw->size, hdr->core_size, cfg->hypervisor.size);
		return -EINVAL;
	}
	return 0;
}

/*
 * Writes @len bytes of @src (NULL: zeros) to @dst, skipping the pages that
 * already hold them: after a disable most of the image is still there,
 * and reading a page costs less than writing it (under emulation a write
 * also throws away the code translated from that page).
 */
static void cv_write_changed(void *dst, const void *src, size_t len)
{
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, PAGE_SIZE - offset_in_page(dst + off));
		if (!src && memchr_inv(dst + off, 0, n))
			memset(dst + off, 0, n);
		else if (src && memcmp(dst + off, src + off, n))
			memcpy(dst + off, src + off, n);
	}
}

/*
 * Copies image, header and config into hypervisor memory, zeroes the rest
 * up to the page pool (bss, per-CPU areas) and cleans it all to PoC: the
 * CPUs enter with the MMU off. The pool is the hypervisor's to zero.
 */
static int cv_load(const struct firmware *fw, const struct cv_system_config *cfg,
		   u64 config_offset)
{
	struct cv_fw_header hdr = *(const struct cv_fw_header *)fw->data;
	size_t below_pool = PAGE_ALIGN(config_offset + cfg->size);
	void *mem;

	mem = memremap(cv_hv_phys, below_pool, MEMREMAP_WB);
	if (!mem) {
		pr_err("cannot map hypervisor memory 0x%llx\n", (u64)cv_hv_phys);
		return -ENOMEM;
	}
	hdr.max_cpus = fls64(cfg->root_cell.cpu_mask);
	hdr.online_cpus = num_online_cpus();
	hdr.config_offset = config_offset;
	hdr.config_size = cfg->size;
	cv_write_changed(mem, &hdr, sizeof(hdr));
	cv_write_changed(mem + sizeof(hdr), fw->data + sizeof(hdr), fw->size - sizeof(hdr));
	cv_write_changed(mem + fw->size, NULL, config_offset - fw->size);
	cv_write_changed(mem + config_offset, cfg, cfg->size);
	cv_write_changed(mem + config_offset + cfg->size, NULL,
			 below_pool - config_offset - cfg->size);
	cv_dcache_clean(mem, below_pool);
	memunmap(mem);
	return 0;
}

static void cv_snapshot_log(void);
static int cv_disable_locked(void);

/*
 * Repeats the hypervisor's first "ERROR:" line in dmesg. Its memory is
 * zeroed at every enable, so the ring holds this attempt only.
 */
static void cv_report_hv_error(void)
{
	char *buf, *line, *end;
	u64 pos = 0;
	ssize_t n;

	cv_snapshot_log();
	buf = kzalloc(PAGE_SIZE + 1, GFP_KERNEL);
	if (!buf)
		return;
	n = cv_console_read_snapshot(&pos, buf, PAGE_SIZE);
	line = n > 0 ? strstr(buf, "ERROR: ") : NULL;
	if (line) {
		end = strchr(line, '\n');
		if (end)
			*end = 0;
		pr_err("the hypervisor says: %s\n", line + 7);
	}
	kfree(buf);
}

static int cv_enter_all(u64 entry_offset)
{
	struct cv_enter_ctx *ctx;
	bool consistent;
	int err;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->entry = cv_hv_phys + entry_offset;
	ctx->cpus = &cv_hv_cpus;
	cv_on_each_cpu(cv_enter_cpu, ctx);
	err = cv_collect(ctx, &consistent);
	if (!consistent)
		pr_crit("CPUs disagree about the enable result, system state unknown\n");
	kfree(ctx);
	return err;
}

static int cv_enable_locked(const struct cv_system_config *cfg, size_t size)
{
	const struct firmware *fw;
	u64 config_offset;
	int err;

	err = cv_check_config(cfg, size);
	if (err)
		return err;
	err = request_firmware(&fw, CV_FW_NAME, cv_dev);
	if (err) {
		pr_err("cannot load /lib/firmware/%s: %d\n", CV_FW_NAME, err);
		return err;
	}
	err = cv_check_firmware(fw, cfg, &config_offset);
	if (err)
		goto release_fw;

	cv_hv_phys = cfg->hypervisor.phys_start;
	cv_hv_size = cfg->hypervisor.size;
	cv_hv_res = request_mem_region(cv_hv_phys, cv_hv_size, "cellvisor");
	if (!cv_hv_res) {
		pr_err("hypervisor memory 0x%llx+0x%zx is in use by another driver\n",
		       (u64)cv_hv_phys, cv_hv_size);
		err = -EBUSY;
		goto release_fw;
	}
	/* the CPUs online now are the root's, all of them, until every one has entered */
	cpus_read_lock();
	err = cv_check_cpus(cfg);
	if (!err)
		err = cv_load(fw, cfg, config_offset);
	if (err) {
		cpus_read_unlock();
		goto release_region;
	}
	cpumask_copy(&cv_hv_cpus, cpu_online_mask);
	err = cv_enter_all(((const struct cv_fw_header *)fw->data)->entry);
	cpus_read_unlock();
	if (err) {
		pr_err("the hypervisor refused to start: %d\n", err);
		cv_report_hv_error();
		goto release_region;
	}
	release_firmware(fw);
	cv_doorbells_set(&cfg->platform);
	cv_sys = cfg;	/* cell configs are checked against it */
	cv_enabled = true;
	cv_console_start();
	__module_get(THIS_MODULE);
	pr_info("hypervisor enabled on %u CPUs\n", cpumask_weight(&cv_hv_cpus));
	err = cv_links_add(cfg);
	if (err)
		cv_disable_locked();
	return err;

release_region:
	release_mem_region(cv_hv_phys, cv_hv_size);
	cv_hv_res = NULL;
release_fw:
	release_firmware(fw);
	return err;
}

int cv_enable(const struct cv_config_arg __user *uarg)
{
	struct cv_system_config *cfg;
	struct cv_config_arg arg;
	int err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.size < sizeof(*cfg) || arg.size > CV_CONFIG_MAX_SIZE) {
		pr_err("system config of %u bytes: must be %zu..%u bytes\n",
		       arg.size, sizeof(*cfg), CV_CONFIG_MAX_SIZE);
		return -EINVAL;
	}
	cfg = memdup_user(u64_to_user_ptr(arg.config), arg.size);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);

	err = mutex_lock_interruptible(&cv_lock);
	if (err)
		goto free_cfg;
	if (cv_enabled) {
		pr_err("hypervisor is already enabled\n");
		err = -EBUSY;
	} else {
		err = cv_enable_locked(cfg, arg.size);
	}
	mutex_unlock(&cv_lock);
free_cfg:
	if (err)
		kfree(cfg);
	return err;
}

/* Keeps the last log contents readable after the core is gone. */
static void cv_snapshot_log(void)
{
	const struct cv_fw_header *hdr;
	void *mem;

	mem = memremap(cv_hv_phys, cv_hv_size, MEMREMAP_WB);
	if (!mem)
		return;
	hdr = mem;
	cv_console_snapshot(mem + hdr->console_page + sizeof(u64),
			    *(u64 *)(mem + hdr->console_page), CV_HV_LOG_SIZE);
	memunmap(mem);
}

/* Call with CPU hotplug held off. */
static int cv_hv_cpus_online(void)
{
	int cpu;

	for_each_cpu(cpu, &cv_hv_cpus) {
		if (!cpu_online(cpu)) {
			pr_err("CPU %d is offline; bring it online before disabling\n", cpu);
			return -EBUSY;
		}
	}
	return 0;
}

static int cv_leave_all(void)
{
	struct cv_enter_ctx *ctx;
	bool consistent;
	int err;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->cpus = &cv_hv_cpus;
	cpus_read_lock();
	err = cv_hv_cpus_online();	/* again: one may have gone since */
	if (!err) {
		cv_on_each_cpu(cv_leave_cpu, ctx);
		err = cv_collect(ctx, &consistent);
		if (err && !consistent)
			pr_crit("only some CPUs left the hypervisor, system state unknown\n");
		else if (err)
			pr_err("the hypervisor refused to disable: %d\n", err);
	}
	cpus_read_unlock();
	kfree(ctx);
	return err;
}

static int cv_disable_locked(void)
{
	int err;

	cpus_read_lock();
	err = cv_hv_cpus_online();
	cpus_read_unlock();
	if (err)
		return err;
	if (cv_links_busy())
		return -EBUSY;

	/* their registers are the hypervisor's: the UIO devices go first */
	cv_links_remove();
	cv_console_stop();
	err = cv_leave_all();
	if (err) {
		cv_console_start();
		cv_links_add(cv_sys);
		return err;
	}
	cv_enabled = false;
	kfree(cv_sys);
	cv_sys = NULL;
	cv_snapshot_log();
	release_mem_region(cv_hv_phys, cv_hv_size);
	cv_hv_res = NULL;
	module_put(THIS_MODULE);
	pr_info("hypervisor disabled, all CPUs back in Linux\n");
	return 0;
}

int cv_disable(void)
{
	int err;

	err = mutex_lock_interruptible(&cv_lock);
	if (err)
		return err;
	if (!cv_enabled) {
		pr_err("cannot disable: the hypervisor is not enabled\n");
		err = -EINVAL;
	} else if (cv_cells_exist()) {
		pr_err("cannot disable: destroy the cells first\n");
		err = -EBUSY;
	} else {
		err = cv_disable_locked();
	}
	mutex_unlock(&cv_lock);
	return err;
}

int cv_hv_info(struct cv_hv_info *info)
{
	memset(info, 0, sizeof(*info));
	mutex_lock(&cv_lock);
	info->enabled = cv_enabled;
	if (cv_enabled) {
		info->version = cv_hypercall(CV_HC_GET_VERSION, 0, 0);
		info->mem_pool_pages = cv_hypercall(CV_HC_HYPERVISOR_GET_INFO,
						    CV_INFO_MEM_POOL_SIZE, 0);
		info->mem_pool_used = cv_hypercall(CV_HC_HYPERVISOR_GET_INFO,
						   CV_INFO_MEM_POOL_USED, 0);
		info->num_cells = cv_hypercall(CV_HC_HYPERVISOR_GET_INFO,
					       CV_INFO_NUM_CELLS, 0);
	}
	mutex_unlock(&cv_lock);
	return 0;
}

int cv_cpu_stats(struct cv_cpu_stats *stats)
{
	unsigned int i;
	int err = 0;
	long v;

	mutex_lock(&cv_lock);
	if (!cv_enabled) {
		err = -ENODEV;
		goto unlock;
	}
	if (stats->cpu >= nr_cpu_ids || !cpumask_test_cpu(stats->cpu, &cv_hv_cpus)) {
		pr_err("no statistics for CPU %u: not under the hypervisor\n", stats->cpu);
		err = -EINVAL;
		goto unlock;
	}
	stats->cell_id = 0;
	for (i = 0; i < CV_STAT_MAX; i++) {
		v = cv_hypercall(CV_HC_CPU_GET_INFO, stats->cpu, CV_CPU_INFO_STAT_BASE + i);
		if (v < 0) {
			err = v;
			goto unlock;
		}
		stats->counters[i] = v;
	}
unlock:
	mutex_unlock(&cv_lock);
	return err;
}
