/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 ticket spinlock (Armv8.0 exclusives; EL2 never takes IRQs). Each
 * CPU keeps a list of the locks it holds, so an exception at EL2 can
 * release them (el2-fault.c): no other CPU waits forever on a lock whose
 * holder faulted.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <asm/asm-defs.h>

typedef struct {
	u32 next;
	u32 owner;
} spinlock_t;

#define LOCKS_HELD_MAX		7

/*
 * The locks this CPU holds, oldest first. It lives in the last bytes of
 * the CPU's per-CPU slot, past struct per_cpu (el2-fault.c checks that it
 * fits), so that taking a lock finds it from TPIDR_EL2 alone.
 */
struct spin_held {
	u64 count;
	spinlock_t *lock[LOCKS_HELD_MAX];
};

static inline struct spin_held *spin_held(void)
{
	unsigned long pc;

	asm volatile("mrs %0, tpidr_el2" : "=r"(pc));
	return (struct spin_held *)(pc + PERCPU_SIZE - sizeof(struct spin_held));
}

/* el2-fault.c: a lock let go of out of order. */
void spin_held_remove(struct spin_held *h, spinlock_t *lock);

static inline void spin_held_push(spinlock_t *lock)
{
	struct spin_held *h = spin_held();

	if (h->count < LOCKS_HELD_MAX)
		h->lock[h->count] = lock;
	h->count++;
}

static inline void spin_held_pop(spinlock_t *lock)
{
	struct spin_held *h = spin_held();

	if (h->count <= LOCKS_HELD_MAX && h->count && h->lock[h->count - 1] != lock)
		spin_held_remove(h, lock);
	else if (h->count)
		h->count--;
}

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
