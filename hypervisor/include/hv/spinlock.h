/* SPDX-License-Identifier: GPL-2.0 */
/* Spinlocks: a ticket lock from the arch (a no-op in host unit tests). */
#ifndef _HV_SPINLOCK_H
#define _HV_SPINLOCK_H

#include <hv/types.h>
#include <asm/spinlock.h>

#endif /* _HV_SPINLOCK_H */
