/* SPDX-License-Identifier: GPL-2.0 */
/* The host tests' barriers: a full fence stands for dsb and isb. */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define isb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dsb(o)		__atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif /* _ASM_BARRIER_H */
