// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: create (CPUs taken from Linux with remove_cpu), load (images
 * copied into the cell's loadable regions while the root may map them),
 * start, shut down, destroy (CPUs back with add_cpu), info and list.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/cputype.h>

#include "cellvisor.h"
#include "config-check.h"

/* The module's record of a cell, by id; a free slot has no config. */
struct cv_cell_slot {
	struct cv_cell_config *config;	/* one page, handed to the hypervisor */
	struct cv_devices *devices;	/* the root let go of them for the cell */
	bool loaded;			/* an image went in since create */
	long state;			/* CV_CELL_* as pollers last heard it */
};

static struct cv_cell_slot cv_cells[CV_MAX_CELLS];

/*
 * Most of a CPU's offline or online is Linux waiting for RCU grace periods
 * (taking the hotplug lock for writing, taking the CPU out of the
 * scheduler): several ticks each. Expedited, a grace period is one round
 * of IPIs, as Linux itself has them while it boots and suspends.
 */
static void cv_cpus_online(u64 mask)
{
	unsigned int cpu;

	rcu_expedite_gp();
	for (cpu = 0; cpu < 64; cpu++)
		if ((mask & BIT_ULL(cpu)) && !cpu_online(cpu) && add_cpu(cpu))
			pr_err("CPU %u did not come back online\n", cpu);
	rcu_unexpedite_gp();
}

static int cv_cpus_offline(u64 mask)
{
	unsigned int cpu;
	u64 taken = 0;
	int err = 0;

	/* all must be Linux's before any goes, so a refusal changes nothing */
	for (cpu = 0; cpu < 64; cpu++) {
		if ((mask & BIT_ULL(cpu)) && (cpu >= nr_cpu_ids || !cpu_online(cpu))) {
			pr_err("CPU %u is not an online root CPU\n", cpu);
			return -EBUSY;
		}
	}
	rcu_expedite_gp();	/* as in cv_cpus_online() */
	for (cpu = 0; cpu < 64; cpu++) {
		if (!(mask & BIT_ULL(cpu)))
			continue;
		err = remove_cpu(cpu);
		if (err) {
			pr_err("cannot take CPU %u from Linux: %d\n", cpu, err);
			cv_cpus_online(taken);
			break;
		}
		taken |= BIT_ULL(cpu);
	}
	rcu_unexpedite_gp();
	return err;
}

static struct cv_cell_slot *cv_cell_find(u32 id)
{
	return id && id < CV_MAX_CELLS && cv_cells[id].config ? &cv_cells[id] : NULL;
}

static struct cv_cell_slot *cv_cell_get(u32 id)
{
	struct cv_cell_slot *cell = cv_cell_find(id);

	if (!cell)
		pr_err("no cell with id %u\n", id);
	return cell;
}

static bool cv_ranges_overlap(u64 a, u64 asize, u64 b, u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

/* A region another cell already holds (comm and root-shared ones aside). */
static int cv_check_taken(const struct cv_cell_config *cfg, const struct cv_mem_region *r)
{
	const struct cv_mem_region *o;
	unsigned int id, i;

	for (id = 1; id < CV_MAX_CELLS; id++) {
		if (!cv_cells[id].config)
			continue;
		o = cv_cell_mem_regions(cv_cells[id].config);
		for (i = 0; i < cv_cells[id].config->num_mem_regions; i++) {
			if ((o[i].flags | r->flags) & CV_MEM_COMM_REGION)
				continue;
			if (o[i].flags & r->flags & CV_MEM_ROOTSHARED)
				continue;
			if (cv_ranges_overlap(o[i].phys_start, o[i].size,
					      r->phys_start, r->size)) {
				pr_err("cell \"%s\": memory 0x%llx+0x%llx overlaps cell %u \"%s\"\n",
				       cfg->name, r->phys_start, r->size, id,
				       cv_cells[id].config->name);
				return -EBUSY;
			}
		}
	}
	return 0;
}

/*
 * What the module can tell before anything changes: the config's rules
 * and Linux's RAM (config-check.c), CPUs Linux must keep, memory another
 * cell holds. The hypervisor checks again against what the root owns.
 */
static int cv_check_cell(const struct cv_cell_config *cfg, u32 size)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	unsigned int i, cpu;
	int err;

	err = cv_check_cell_config(cv_sys, cfg, size);
	if (err)
		return err;
	if (cfg->cpu_mask & BIT_ULL(0)) {
		pr_err("cell \"%s\": CPU 0 stays with Linux\n", cfg->name);
		return -EBUSY;
	}
	/* the caller must keep a CPU to run on once the cell's are gone */
	for_each_cpu(cpu, current->cpus_ptr)
		if (cpu < 64 && cpu_online(cpu) && !(cfg->cpu_mask & BIT_ULL(cpu)))
			break;
	if (cpu >= nr_cpu_ids) {
		pr_err("cell \"%s\": CPUs 0x%llx include the caller's own (%s may run only there)\n",
		       cfg->name, cfg->cpu_mask, current->comm);
		return -EBUSY;
	}
	for (i = 0; i < cfg->num_mem_regions; i++) {
		err = cv_check_taken(cfg, &mem[i]);
		if (err)
			return err;
	}
	return cv_links_check(cfg->name, cfg);
}

static int cv_cell_create_locked(struct cv_cell_config *cfg, u32 size)
{
	struct cv_devices *devices;
	long id;
	int err;

	err = cv_check_cell(cfg, size);
	if (err)
		return err;
	err = cv_cpus_offline(cfg->cpu_mask);
	if (err)
		return err;
	devices = cv_devices_take(cfg);
	if (IS_ERR(devices)) {
		cv_cpus_online(cfg->cpu_mask);
		return PTR_ERR(devices);
	}
	id = cv_hypercall(CV_HC_CELL_CREATE, virt_to_phys(cfg), 0);
	if (id < 0) {
		pr_err("cell \"%s\": the hypervisor refused to create it: %ld\n", cfg->name, id);
		cv_devices_give_back(devices);
		cv_cpus_online(cfg->cpu_mask);
		return id;
	}
	if (id >= CV_MAX_CELLS) {
		cv_hypercall(CV_HC_CELL_DESTROY, id, 0);
		cv_devices_give_back(devices);
		cv_cpus_online(cfg->cpu_mask);
		return -ENOSPC;
	}
	cv_cells[id].config = cfg;
	cv_cells[id].devices = devices;
	cv_cells[id].loaded = false;
	cv_cells[id].state = CV_CELL_SHUT_DOWN;
	cv_watch_start();
	pr_info("cell \"%s\" created, id %ld\n", cfg->name, id);
	return id;
}

int cv_cell_create(struct cv_config_arg __user *uarg)
{
	struct cv_cell_config *cfg;
	struct cv_config_arg arg;
	int id;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.size < sizeof(*cfg) || arg.size > PAGE_SIZE) {
		pr_err("cell config of %u bytes: must be %zu..%lu\n", arg.size,
		       sizeof(*cfg), PAGE_SIZE);
		return -EINVAL;
	}
	cfg = (void *)get_zeroed_page(GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	if (copy_from_user(cfg, u64_to_user_ptr(arg.config), arg.size)) {
		free_page((unsigned long)cfg);
		return -EFAULT;
	}
	mutex_lock(&cv_lock);
	id = cv_enabled ? cv_cell_create_locked(cfg, arg.size) : -ENODEV;
	mutex_unlock(&cv_lock);
	if (id < 0) {
		free_page((unsigned long)cfg);
		return id;
	}
	arg.id = id;
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* The loadable region that holds @seg, or NULL (and why). */
static const struct cv_mem_region *cv_load_region(struct cv_cell_slot *cell,
						  const struct cv_load_segment *seg)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->num_mem_regions; i++) {
		/*
		 * The cell may see it read-only (a program in flash); a comm
		 * region is the hypervisor's page, it has no phys to load to.
		 */
		if ((mem[i].flags & (CV_MEM_LOADABLE | CV_MEM_COMM_REGION)) != CV_MEM_LOADABLE)
			continue;
		if (seg->guest_addr < mem[i].virt_start ||
		    seg->guest_addr - mem[i].virt_start >= mem[i].size)
			continue;
		if (seg->size > mem[i].size - (seg->guest_addr - mem[i].virt_start)) {
			pr_err("cell \"%s\": image of %llu bytes at 0x%llx is bigger than its region (0x%llx bytes from 0x%llx)\n",
			       cell->config->name, seg->size, seg->guest_addr,
			       mem[i].size, mem[i].virt_start);
			return NULL;
		}
		return &mem[i];
	}
	pr_err("cell \"%s\": %llu bytes at 0x%llx are outside its loadable regions\n",
	       cell->config->name, seg->size, seg->guest_addr);
	return NULL;
}

static int cv_load_segment(struct cv_cell_slot *cell, const struct cv_load_segment *seg)
{
	const struct cv_mem_region *r = cv_load_region(cell, seg);
	phys_addr_t pa;
	void *dst;
	int err = 0;

	if (!r)
		return -EINVAL;
	pa = r->phys_start + (seg->guest_addr - r->virt_start);
	dst = memremap(pa, seg->size, MEMREMAP_WB);
	if (!dst)
		return -ENOMEM;
	if (copy_from_user(dst, u64_to_user_ptr(seg->src), seg->size))
		err = -EFAULT;
	cv_dcache_clean(dst, seg->size);	/* the cell starts with its MMU off */
	memunmap(dst);
	return err;
}

static int cv_get_segment(const struct cv_load_arg *arg, unsigned int i,
			  struct cv_load_segment *seg)
{
	if (copy_from_user(seg, u64_to_user_ptr(arg->segments) + i * sizeof(*seg),
			   sizeof(*seg)))
		return -EFAULT;
	return 0;
}

int cv_cell_load(const struct cv_load_arg __user *uarg)
{
	struct cv_load_segment seg;
	struct cv_load_arg arg;
	struct cv_cell_slot *cell;
	unsigned int i;
	long err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	mutex_lock(&cv_lock);
	cell = cv_cell_get(arg.cell_id);
	err = -ENOENT;
	if (!cell)
		goto unlock;
	/* every segment must fit before the cell is stopped for loading */
	for (i = 0; i < arg.num_segments; i++) {
		err = cv_get_segment(&arg, i, &seg);
		if (err)
			goto unlock;
		if (!cv_load_region(cell, &seg)) {
			err = -EINVAL;
			goto unlock;
		}
	}
	err = cv_hypercall(CV_HC_CELL_SET_LOADABLE, arg.cell_id, 0);
	if (err) {
		pr_err("cell %u: cannot make it loadable: %ld\n", arg.cell_id, err);
		goto unlock;
	}
	for (i = 0; i < arg.num_segments && !err; i++) {
		err = cv_get_segment(&arg, i, &seg);
		if (!err)
			err = cv_load_segment(cell, &seg);
	}
	if (!err && arg.num_segments)
		cell->loaded = true;
unlock:
	mutex_unlock(&cv_lock);
	return err;
}

static long cv_cell_call(unsigned int code, u32 id, const char *what)
{
	long err;

	mutex_lock(&cv_lock);
	err = cv_cell_get(id) ? cv_hypercall(code, id, 0) : -ENOENT;
	if (err > 0)
		err = 0;
	if (err && err != -ENOENT)
		pr_err("cell %u: %s failed: %ld\n", id, what, err);
	mutex_unlock(&cv_lock);
	return err;
}

int cv_cell_start(u32 id)
{
	struct cv_cell_slot *cell;
	long err;

	mutex_lock(&cv_lock);
	cell = cv_cell_get(id);
	err = -ENOENT;
	if (!cell)
		goto unlock;
	err = -ENOEXEC;
	if (!cell->loaded) {
		pr_err("cell %u \"%s\": nothing loaded, not starting it\n", id,
		       cell->config->name);
		goto unlock;
	}
	err = cv_hypercall(CV_HC_CELL_START, id, 0);
	if (err > 0)
		err = 0;
	if (err) {
		pr_err("cell %u: start failed: %ld\n", id, err);
	} else {
		cell->state = CV_CELL_RUNNING;
		cv_cell_event();
	}
unlock:
	mutex_unlock(&cv_lock);
	return err;
}

int cv_cell_shutdown(u32 id)
{
	int err = cv_cell_call(CV_HC_CELL_SHUTDOWN, id, "shutdown");

	if (!err) {
		mutex_lock(&cv_lock);
		cv_cells_watch();
		mutex_unlock(&cv_lock);
	}
	return err;
}

int cv_cell_destroy(u32 id)
{
	struct cv_cell_slot *cell;
	long err;

	mutex_lock(&cv_lock);
	cell = cv_cell_get(id);
	err = -ENOENT;
	if (cell) {
		err = cv_hypercall(CV_HC_CELL_DESTROY, id, 0);
		if (err) {
			pr_err("cell %u: destroy failed: %ld\n", id, err);
		} else {
			cv_cpus_online(cell->config->cpu_mask);
			cv_devices_give_back(cell->devices);
			cell->devices = NULL;
			pr_info("cell \"%s\" destroyed\n", cell->config->name);
			free_page((unsigned long)cell->config);
			cell->config = NULL;
			cv_cell_event();
		}
	}
	mutex_unlock(&cv_lock);
	return err;
}

/*
 * With cv_lock held. A state change pollers have not heard of yet is
 * fired now, so what a caller reads is never newer than the events.
 */
int cv_cell_info_locked(u32 id, struct cv_cell_info *hv)
{
	struct cv_cell_slot *cell = cv_cell_find(id);
	long err;

	/* a cell gone between a list and this is no error worth a log line */
	if (!cell)
		return -ENOENT;
	err = cv_hypercall(CV_HC_CELL_GET_INFO, id, virt_to_phys(hv));
	if (err)
		return err;
	if (hv->state != cell->state) {
		cell->state = hv->state;
		cv_cell_event();
	}
	return 0;
}

int cv_cell_info(struct cv_cell_info *info)
{
	/* the hypervisor writes it by physical address: not on the stack */
	struct cv_cell_info *hv = kzalloc(sizeof(*hv), GFP_KERNEL);
	int err;

	if (!hv)
		return -ENOMEM;
	mutex_lock(&cv_lock);
	err = cv_cell_info_locked(info->id, hv);
	mutex_unlock(&cv_lock);
	if (!err)
		*info = *hv;
	kfree(hv);
	return err;
}

int cv_cell_list(struct cv_cell_list *list)
{
	u32 __user *ids = u64_to_user_ptr(list->ids);
	u32 id, n = 0;
	int err = 0;

	mutex_lock(&cv_lock);
	for (id = 1; id < CV_MAX_CELLS; id++) {
		if (!cv_cells[id].config)
			continue;
		if (n < list->max && put_user(id, ids + n))
			err = -EFAULT;
		n++;
	}
	mutex_unlock(&cv_lock);
	list->count = n;
	return err;
}

/* Fires one event if any cell's state changed since pollers last heard. */
bool cv_cells_watch(void)
{
	bool changed = false, any = false;
	unsigned int id;
	long state;

	for (id = 1; id < CV_MAX_CELLS; id++) {
		if (!cv_cells[id].config)
			continue;
		any = true;
		state = cv_hypercall(CV_HC_CELL_GET_STATE, id, 0);
		if (state >= 0 && state != cv_cells[id].state) {
			cv_cells[id].state = state;
			changed = true;
		}
	}
	if (changed)
		cv_cell_event();
	return any;
}

bool cv_cells_exist(void)
{
	unsigned int id;

	for (id = 1; id < CV_MAX_CELLS; id++)
		if (cv_cells[id].config)
			return true;
	return false;
}
