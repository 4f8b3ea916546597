// SPDX-License-Identifier: GPL-2.0
/*
 * Root doorbells: SPIs no device raises, which the hypervisor makes
 * pending at the distributor when it has news for the root (the system
 * config's root-doorbell-irqs: 0 for the consoles, 1.. for the root's
 * ivshmem links). They have no device tree node, so each is mapped to a
 * Linux IRQ through the GICv3's own domain, as an edge-triggered SPI; the
 * hypervisor hands it to Linux like any device interrupt of the root.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>

#include "cellvisor.h"

/* Of the system config in use, set at enable. */
static unsigned int cv_doorbell_base, cv_doorbell_count;

void cv_doorbells_set(const struct cv_platform *p)
{
	cv_doorbell_base = p->root_doorbell_base;
	cv_doorbell_count = p->root_doorbell_count;
}

int cv_doorbell_request(unsigned int n, irq_handler_t handler, const char *name, void *dev)
{
	struct irq_fwspec spec = {
		.param_count = 3,
		.param = { GIC_SPI, 0, IRQ_TYPE_EDGE_RISING },
	};
	struct device_node *gic;
	unsigned int irq;
	int err;

	if (n >= cv_doorbell_count)
		return -ENOENT;
	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!gic) {
		pr_err("doorbell %u: no arm,gic-v3 node in the device tree\n", n);
		return -ENODEV;
	}
	spec.fwnode = of_node_to_fwnode(gic);
	spec.param[1] = cv_doorbell_base + n - 32;
	irq = irq_create_fwspec_mapping(&spec);
	of_node_put(gic);
	if (!irq) {
		pr_err("doorbell %u: cannot map SPI %u to a Linux IRQ\n", n, cv_doorbell_base + n);
		return -EINVAL;
	}
	err = request_irq(irq, handler, 0, name, dev);
	if (err) {
		pr_err("doorbell %u: cannot request IRQ %u (INTID %u): %d\n", n, irq,
		       cv_doorbell_base + n, err);
		irq_dispose_mapping(irq);
		return err;
	}
	return irq;
}

void cv_doorbell_free(unsigned int irq, void *dev)
{
	free_irq(irq, dev);
	irq_dispose_mapping(irq);
}
