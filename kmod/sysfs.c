// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/cellvisor: enabled, mem_pool_size, mem_pool_used, console
 * (the hypervisor log) and statistics/cpuN/vmexits_* per CPU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sysfs.h>

#include "cellvisor.h"

static struct device *cv_root;
static struct kobject *cv_stats_kobj;
static struct kobject *cv_cpu_kobj[NR_CPUS];

static const char * const cv_stat_names[CV_STAT_MAX] = {
	[CV_STAT_EXITS_TOTAL] = "vmexits_total",
	[CV_STAT_EXITS_MMIO] = "vmexits_mmio",
	[CV_STAT_EXITS_MANAGEMENT] = "vmexits_management",
	[CV_STAT_EXITS_HYPERCALL] = "vmexits_hypercall",
	[CV_STAT_EXITS_MAINTENANCE] = "vmexits_maintenance",
	[CV_STAT_EXITS_VIRQ] = "vmexits_virt_irq",
	[CV_STAT_EXITS_VSGI] = "vmexits_virt_sgi",
	[CV_STAT_EXITS_PSCI] = "vmexits_psci",
	[CV_STAT_EXITS_SMCCC] = "vmexits_smccc",
	[CV_STAT_EXITS_SYSREG] = "vmexits_sysreg",
};

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", cv_enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t cv_pool_show(char *buf, unsigned long what)
{
	struct cv_hv_info info;

	cv_hv_info(&info);
	return sysfs_emit(buf, "%llu\n", what == CV_INFO_MEM_POOL_SIZE ?
			  info.mem_pool_pages : info.mem_pool_used);
}

static ssize_t mem_pool_size_show(struct device *dev, struct device_attribute *attr,
				  char *buf)
{
	return cv_pool_show(buf, CV_INFO_MEM_POOL_SIZE);
}
static DEVICE_ATTR_RO(mem_pool_size);

static ssize_t mem_pool_used_show(struct device *dev, struct device_attribute *attr,
				  char *buf)
{
	return cv_pool_show(buf, CV_INFO_MEM_POOL_USED);
}
static DEVICE_ATTR_RO(mem_pool_used);

static ssize_t console_read(struct file *file, struct kobject *kobj,
			    struct bin_attribute *attr, char *buf, loff_t off, size_t count)
{
	u64 pos = 0;
	ssize_t n;

	/* the file starts at the oldest byte the ring still holds */
	n = cv_console_read_at(CV_CONSOLE_HYPERVISOR, &pos, buf, 0);
	if (n < 0)
		return n;
	pos += off;
	return cv_console_read_at(CV_CONSOLE_HYPERVISOR, &pos, buf, count);
}
/*
 * Root only: it holds the hypervisor log and cells' putc output, which other
 * users get only through cellmgrd's console action.
 */
static BIN_ATTR_ADMIN_RO(console, 0);

/*
 * What answers an "hvc #0" with the stub's invalid call number 4 on each
 * online CPU: the Linux hyp stub returns 0xbadca11, cellvisor -ENOSYS.
 */
static void cv_probe_el2(void *data)
{
	register unsigned long x0 asm("x0") = 4;

	asm volatile("hvc #0" : "+r" (x0) : : "x1", "x2", "x3", "x4", "memory");
	((unsigned long *)data)[smp_processor_id()] = x0;
}

static ssize_t cpu_el2_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long *res;
	unsigned int cpu;
	ssize_t len = 0;

	res = kcalloc(nr_cpu_ids, sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	cpus_read_lock();
	on_each_cpu(cv_probe_el2, res, 1);
	for_each_online_cpu(cpu) {
		const char *what = "unknown";

		if (res[cpu] == 0xbadca11)
			what = "stub";
		else if (res[cpu] == (unsigned long)-CV_ENOSYS)
			what = "cellvisor";
		len += sysfs_emit_at(buf, len, "%s%u:%s", len ? " " : "", cpu, what);
	}
	cpus_read_unlock();
	kfree(res);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}
static DEVICE_ATTR_RO(cpu_el2);

static struct attribute *cv_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_cpu_el2.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	NULL,
};

static struct bin_attribute *cv_bin_attrs[] = {
	&bin_attr_console,
	NULL,
};

static const struct attribute_group cv_group = {
	.attrs = cv_attrs,
	.bin_attrs = cv_bin_attrs,
};

static ssize_t cv_stat_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cv_cpu_stats stats = { };
	unsigned int i;
	int err;

	if (kstrtouint(kobject_name(kobj) + 3, 10, &stats.cpu))
		return -EINVAL;
	err = cv_cpu_stats(&stats);
	if (err)
		return err;
	for (i = 0; i < CV_STAT_MAX; i++)
		if (!strcmp(attr->attr.name, cv_stat_names[i]))
			return sysfs_emit(buf, "%llu\n", stats.counters[i]);
	return -EINVAL;
}

static struct kobj_attribute cv_stat_attrs[CV_STAT_MAX];
static struct attribute *cv_stat_attr_ptrs[CV_STAT_MAX + 1];
static const struct attribute_group cv_stat_group = {
	.attrs = cv_stat_attr_ptrs,
};

static int cv_stats_init(void)
{
	unsigned int i, cpu;
	int err;

	for (i = 0; i < CV_STAT_MAX; i++) {
		sysfs_attr_init(&cv_stat_attrs[i].attr);
		cv_stat_attrs[i].attr.name = cv_stat_names[i];
		cv_stat_attrs[i].attr.mode = 0444;
		cv_stat_attrs[i].show = cv_stat_show;
		cv_stat_attr_ptrs[i] = &cv_stat_attrs[i].attr;
	}
	cv_stats_kobj = kobject_create_and_add("statistics", &cv_root->kobj);
	if (!cv_stats_kobj)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		char name[16];

		snprintf(name, sizeof(name), "cpu%u", cpu);
		cv_cpu_kobj[cpu] = kobject_create_and_add(name, cv_stats_kobj);
		if (!cv_cpu_kobj[cpu])
			return -ENOMEM;
		err = sysfs_create_group(cv_cpu_kobj[cpu], &cv_stat_group);
		if (err)
			return err;
	}
	return 0;
}

static void cv_stats_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		kobject_put(cv_cpu_kobj[cpu]);
		cv_cpu_kobj[cpu] = NULL;
	}
	kobject_put(cv_stats_kobj);
}

int cv_sysfs_init(void)
{
	int err;

	cv_root = root_device_register("cellvisor");
	if (IS_ERR(cv_root))
		return PTR_ERR(cv_root);
	err = sysfs_create_group(&cv_root->kobj, &cv_group);
	if (err)
		goto unregister_root;
	err = cv_stats_init();
	if (err)
		goto remove_stats;
	return 0;

remove_stats:
	cv_stats_exit();
	sysfs_remove_group(&cv_root->kobj, &cv_group);
unregister_root:
	root_device_unregister(cv_root);
	return err;
}

void cv_sysfs_exit(void)
{
	cv_stats_exit();
	sysfs_remove_group(&cv_root->kobj, &cv_group);
	root_device_unregister(cv_root);
}
