/* SPDX-License-Identifier: GPL-2.0-only */
/* The inmate library: include this one header. */
#ifndef _INMATE_H
#define _INMATE_H

#include "types.h"
#include "sysreg.h"
#include "mmio.h"
#include "cmdline.h"
#include "comm.h"
#include "console.h"
#include "printk.h"
#include "mmu.h"
#include "gic.h"
#include "irq.h"
#include "timer.h"
#include "psci.h"
#include "smp.h"
#include "hvc.h"

/*
 * The program's entry, called after start-up: MMU (unless mmu=0), comm
 * region check, console. Returning halts the CPU.
 */
void inmate_main(void);

/* Masks everything and sleeps forever (wfi loop). */
void halt(void) __attribute__((noreturn));

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif /* _INMATE_H */
