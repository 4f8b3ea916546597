/* SPDX-License-Identifier: GPL-2.0 */
/* The fake arch (host builds of the core, unit tests): single-threaded, locks are no-ops. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	unsigned int dummy;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock) { (void)lock; }
static inline void spin_unlock(spinlock_t *lock) { (void)lock; }

static inline u32 atomic_inc_return(volatile u32 *v)
{
	return ++*v;
}

#endif /* _ASM_SPINLOCK_H */
