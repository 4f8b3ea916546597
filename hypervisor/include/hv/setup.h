/* SPDX-License-Identifier: GPL-2.0 */
/* Enable and disable (core/setup.c): the image, the entry and the way out. */
#ifndef _HV_SETUP_H
#define _HV_SETUP_H

#include <cellvisor/config.h>
#include <cellvisor/header.h>
#include <hv/types.h>

struct per_cpu;

/* The firmware header at the start of the image, and the image itself. */
extern struct cv_fw_header hv_header;
extern u8 __hv_start[];

/* The system config blob the module placed behind the per-CPU areas. */
extern const struct cv_system_config *system_config;

/* Entry from the assembly, MMU on, for every CPU entering EL2. */
void __noreturn entry(cpuid_t cpu, struct per_cpu *pc);

/* CV_HC_DISABLE on one root CPU; returns only on failure. */
long hypervisor_disable(struct per_cpu *pc);

/* Halts this CPU after a hypervisor bug (never reachable by a guest). */
void __noreturn hv_panic(const char *why);

#endif /* _HV_SETUP_H */
