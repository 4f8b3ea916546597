/* SPDX-License-Identifier: GPL-2.0-only */
/* Generic timer helpers: the counter and the EL1 virtual timer (Arm ARM D11). */
#ifndef _INMATE_TIMER_H
#define _INMATE_TIMER_H

#include "sysreg.h"

/* Virtual timer PPI on every Arm platform with a GIC (Server Base System Architecture). */
#define TIMER_VIRT_IRQ		27

#define CNTV_CTL_ENABLE		BIT(0)
#define CNTV_CTL_IMASK		BIT(1)
#define CNTV_CTL_ISTATUS	BIT(2)

static inline u64 timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

/* The isb keeps the counter read from being hoisted above earlier code (D11.2.2). */
static inline u64 timer_physical_ticks(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

/* The virtual count, which is what CNTV_CVAL/TVAL compare against. */
static inline u64 timer_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/* Fires the virtual timer `ticks` from now; CNTV_TVAL is 32-bit signed, so ticks < 2^31. */
static inline void timer_start(u64 ticks)
{
	write_sysreg(cntv_tval_el0, ticks);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

/* Fires the virtual timer when the virtual count reaches `deadline`. */
static inline void timer_start_at(u64 deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

static inline void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

u64 timer_ticks_to_ns(u64 ticks);
u64 timer_us_to_ticks(u64 us);
/* Busy-waits; for short delays only (keeps the CPU running). */
void timer_udelay(u64 us);

#endif /* _INMATE_TIMER_H */
