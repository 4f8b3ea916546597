/* SPDX-License-Identifier: GPL-2.0-only */
/* Between the validator's files (not installed, not API). */
#ifndef CV_CONFIG_VALIDATE_H
#define CV_CONFIG_VALIDATE_H

#include "cv-config.h"

/* The MPIDR bits a device tree's cpu node can hold: Aff3 (39:32) and Aff2..Aff0 (23:0). */
#define CV_MPIDR_AFFINITY	0xff00ffffffULL

/* cv-config-validate-devices.c */
void cv_check_devices(const struct cv_config *c, struct cv_diag *d);
void cv_check_devices_against_system(const struct cv_config *c, const struct cv_config *s, struct cv_diag *d);
void cv_check_device_tree_image(const struct cv_config *c, const struct cv_image *img, struct cv_diag *d);
/* The device that brought SPI irq into the cell's irqs, or NULL. */
const struct cv_device *cv_irq_device(const struct cv_cell *cell, unsigned int irq);
/* "device 'eth'" or "memory region 0x… +0x…", into buf. */
char *cv_region_describe(const struct cv_cell *cell, const struct cv_region *r, char *buf, size_t size);

#endif /* CV_CONFIG_VALIDATE_H */
