/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 ticket spinlock (Armv8.0 exclusives; EL2 never takes IRQs). Each
 * CPU keeps a list of the locks it holds (el2-fault.c), so an exception
 * at EL2 can release them: no other CPU waits forever on a lock whose
 * holder faulted.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	u32 next;
	u32 owner;
} spinlock_t;

/* el2-fault.c: this CPU took / is about to release @lock. */
void spin_held_push(spinlock_t *lock);
void spin_held_pop(spinlock_t *lock);

static inline void arch_spin_release(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
	asm volatile("dsb ishst; sev" ::: "memory");
}

static inline void spin_lock(spinlock_t *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		asm volatile("wfe");
	spin_held_push(lock);
}

static inline void spin_unlock(spinlock_t *lock)
{
	spin_held_pop(lock);
	arch_spin_release(lock);
}

static inline u32 atomic_inc_return(volatile u32 *v)
{
	return __atomic_add_fetch(v, 1, __ATOMIC_SEQ_CST);
}

#endif /* _ASM_SPINLOCK_H */
