// SPDX-License-Identifier: GPL-2.0
/*
 * Devices handed to a cell. Before the hypervisor takes a cell's io
 * regions out of the root's stage 2, the root's drivers let go of every
 * platform or AMBA device with an MMIO resource in one of them (a driver
 * touching its device after that would take an external abort); when the
 * cell is destroyed, or its creation fails, they are bound again. The
 * module does it rather than the daemon because it alone orders it with
 * the hypercalls, for every client, and no crash between the two steps
 * can leave a device unbound and still the root's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/amba/bus.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "cellvisor.h"

#define CV_MAX_HANDED	32

struct cv_devices {
	unsigned int n;
	struct device *dev[CV_MAX_HANDED];
	bool was_bound[CV_MAX_HANDED];	/* rebind only what was bound */
};

struct cv_devices_walk {
	const struct cv_cell_config *cfg;
	struct cv_devices *d;
	int err;
};

static bool cv_res_in_cell(const struct cv_cell_config *cfg, const struct resource *res)
{
	const struct cv_mem_region *mem = cv_cell_mem_regions(cfg);
	unsigned int i;

	if (resource_type(res) != IORESOURCE_MEM || !resource_size(res))
		return false;
	for (i = 0; i < cfg->num_mem_regions; i++) {
		if (!(mem[i].flags & CV_MEM_IO) ||
		    (mem[i].flags & CV_MEM_COMM_REGION))
			continue;
		if (res->start < mem[i].phys_start + mem[i].size &&
		    mem[i].phys_start <= res->end)
			return true;
	}
	return false;
}

static bool cv_device_in_cell(const struct cv_cell_config *cfg,
			      struct device *dev)
{
	struct platform_device *pdev;
	unsigned int i;

	if (dev->bus == &amba_bustype)
		return cv_res_in_cell(cfg, &to_amba_device(dev)->res);
	pdev = to_platform_device(dev);
	for (i = 0; i < pdev->num_resources; i++)
		if (cv_res_in_cell(cfg, &pdev->resource[i]))
			return true;
	return false;
}

static int cv_collect(struct device *dev, void *data)
{
	struct cv_devices_walk *w = data;

	if (!cv_device_in_cell(w->cfg, dev))
		return 0;
	if (w->d->n == CV_MAX_HANDED) {
		pr_err("cell \"%s\": its io regions hold more than %d devices\n",
		       w->cfg->name, CV_MAX_HANDED);
		w->err = -ENOSPC;
		return 1;
	}
	w->d->dev[w->d->n++] = get_device(dev);
	return 0;
}

static void cv_put_all(struct cv_devices *d)
{
	unsigned int i;

	for (i = 0; i < d->n; i++)
		put_device(d->dev[i]);
	kfree(d);
}

struct cv_devices *cv_devices_take(const struct cv_cell_config *cfg)
{
	struct cv_devices_walk w = { .cfg = cfg };
	unsigned int i;

	w.d = kzalloc(sizeof(*w.d), GFP_KERNEL);
	if (!w.d)
		return ERR_PTR(-ENOMEM);
	/* collect first: drivers are not released while the bus is walked */
	bus_for_each_dev(&platform_bus_type, NULL, &w, cv_collect);
	if (!w.err)
		bus_for_each_dev(&amba_bustype, NULL, &w, cv_collect);
	if (w.err) {
		cv_put_all(w.d);
		return ERR_PTR(w.err);
	}
	for (i = 0; i < w.d->n; i++) {
		struct device *dev = w.d->dev[i];

		w.d->was_bound[i] = dev->driver != NULL;
		if (!w.d->was_bound[i])
			continue;
		pr_info("cell \"%s\": %s lets go of %s\n", cfg->name,
			dev_driver_string(dev), dev_name(dev));
		device_release_driver(dev);
	}
	return w.d;
}

void cv_devices_give_back(struct cv_devices *d)
{
	unsigned int i;
	int err;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		if (!d->was_bound[i])
			continue;
		err = device_attach(d->dev[i]);
		if (err > 0)
			pr_info("%s is bound to %s again\n", dev_name(d->dev[i]),
				dev_driver_string(d->dev[i]));
		else
			pr_err("%s: no driver took it back (%d)\n",
			       dev_name(d->dev[i]), err);
	}
	cv_put_all(d);
}
