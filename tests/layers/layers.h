/* SPDX-License-Identifier: GPL-2.0 */
/* What test-layers.c asks of the hypervisor's and the module's checks, built for the host. */
#ifndef _LAYERS_H
#define _LAYERS_H

#include <stddef.h>
#include <cellvisor/config.h>

/* hv-world.c: enable with a system config blob; check a cell config blob. */
int layers_hv_enable(const void *blob, size_t size);
int layers_hv_check_cell(const void *blob, size_t size);
extern char layers_hv_said[256];

/* kmod-world.c: Linux's RAM is what @sys flags root-ram. */
void layers_linux_ram(const struct cv_system_config *sys);
extern char layers_kmod_said[256];

#endif
