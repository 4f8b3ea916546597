// SPDX-License-Identifier: GPL-2.0-only
/*
 * psci-demo: PSCI inside a cell. The first CPU starts the cell's second
 * CPU (smp_start_cpu), which says who it is and waits; CPU_ON of the
 * running CPU must give ALREADY_ON; then the second CPU turns itself off
 * (CPU_OFF) and AFFINITY_INFO must come to OFF. Two rounds, so a CPU is
 * shown to start again after CPU_OFF. Last, with the second CPU running
 * again (calling PSCI VERSION in a loop), the first ends the cell:
 * end=off (SYSTEM_OFF, default), end=reset (SYSTEM_RESET) or end=stay
 * (halt). cpu=MPIDR picks the second CPU (default: own Aff0 + 1).
 *
 * The CPUs take turns on the console (the library has no lock): the
 * second prints only while the first waits for it, and the other way
 * round.
 */
#include "inmate.h"

#define ROUNDS		2
#define WAIT_MS		3000

static u64 second;
static int round_arg[ROUNDS + 1];
static unsigned long ready;	/* round the second CPU has reached */
static unsigned long go;	/* round it may end */
static unsigned long beats;	/* its PSCI VERSION calls in the last phase */

static unsigned long load_acquire(unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_release(unsigned long *p, unsigned long v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static u64 own_mpidr(void)
{
	return read_sysreg(mpidr_el1) & 0xff00ffffffUL;
}

/* PSCI's names, and smp_start_cpu()'s own code */
static const char *psci_name(long ret)
{
	return ret == SMP_NO_STACK ? "no stack" : psci_ret_name(ret);
}

static const char *aff_name(long state)
{
	switch (state) {
	case PSCI_AFF_ON:		return "ON";
	case PSCI_AFF_OFF:		return "OFF";
	case PSCI_AFF_ON_PENDING:	return "ON_PENDING";
	default:			return psci_name(state);
	}
}

/* Runs on the second CPU: one round. */
static void second_cpu_round(void *arg)
{
	unsigned long round = (unsigned long)*(int *)arg;
	long ret;

	printk("psci-demo: round %lu: CPU 0x%lx up, MMU %s\n", round,
	       (unsigned long)own_mpidr(), mmu_enabled() ? "on" : "off");
	store_release(&ready, round);
	while (load_acquire(&go) != round)
		cpu_relax();
	ret = psci_cpu_off();
	/* only on failure; the first CPU is polling, not printing */
	printk("psci-demo: round %lu: CPU_OFF returned %ld (%s)\n", round,
	       ret, psci_name(ret));
}

/* Runs on the second CPU at the end: keeps it busy in PSCI calls. */
static void second_cpu_beat(void *arg)
{
	(void)arg;
	for (;;) {
		psci_version();
		store_release(&beats, beats + 1);
		timer_udelay(10000);
	}
}

static bool wait_ready(unsigned long round)
{
	u64 end = timer_ticks() + timer_us_to_ticks(WAIT_MS * 1000UL);

	while (load_acquire(&ready) != round)
		if ((s64)(timer_ticks() - end) > 0)
			return false;
	return true;
}

/* Polls AFFINITY_INFO until the CPU is off; returns the last answer. */
static long wait_off(unsigned long *polls)
{
	u64 end = timer_ticks() + timer_us_to_ticks(WAIT_MS * 1000UL);
	long state;

	*polls = 0;
	do {
		state = psci_affinity_info(second);
		(*polls)++;
	} while (state != PSCI_AFF_OFF && (s64)(timer_ticks() - end) <= 0);
	return state;
}

static bool run_round(int round)
{
	unsigned long polls;
	long ret;

	ret = psci_affinity_info(second);
	printk("psci-demo: round %d: AFFINITY_INFO(0x%lx) = %ld (%s) before CPU_ON\n",
	       round, (unsigned long)second, ret, aff_name(ret));
	round_arg[round] = round;
	ret = smp_start_cpu(second, second_cpu_round, &round_arg[round]);
	if (ret != PSCI_SUCCESS) {
		printk("psci-demo: round %d: FAILED: smp_start_cpu(0x%lx) returned %ld (%s)\n",
		       round, (unsigned long)second, ret, psci_name(ret));
		return false;
	}
	if (!wait_ready(round)) {
		printk("psci-demo: round %d: FAILED: CPU 0x%lx did not come up in %u ms\n",
		       round, (unsigned long)second, WAIT_MS);
		return false;
	}
	/* only now: the second CPU has printed and waits */
	printk("psci-demo: round %d: smp_start_cpu(0x%lx) returned %ld (%s)\n",
	       round, (unsigned long)second, ret, psci_name(ret));

	/* raw CPU_ON: the hypervisor must refuse; halt is where it would go */
	ret = psci_cpu_on(second, (unsigned long)halt, 0);
	printk("psci-demo: round %d: CPU_ON of running CPU 0x%lx returned %ld (%s)\n",
	       round, (unsigned long)second, ret, psci_name(ret));

	store_release(&go, round);
	ret = wait_off(&polls);
	printk("psci-demo: round %d: AFFINITY_INFO(0x%lx) = %ld (%s) after %lu polls\n",
	       round, (unsigned long)second, ret, aff_name(ret), polls);
	return ret == PSCI_AFF_OFF;
}

/* The second CPU running again, so the end of the cell has to stop it too. */
static void start_beating(void)
{
	u64 end = timer_ticks() + timer_us_to_ticks(WAIT_MS * 1000UL);
	long ret;

	ret = smp_start_cpu(second, second_cpu_beat, NULL);
	while (ret == PSCI_SUCCESS && load_acquire(&beats) < 3 &&
	       (s64)(timer_ticks() - end) <= 0)
		cpu_relax();
	printk("psci-demo: beating CPU 0x%lx: smp_start_cpu returned %ld (%s), %lu PSCI calls so far\n",
	       (unsigned long)second, ret, psci_name(ret), load_acquire(&beats));
}

void inmate_main(void)
{
	u64 me = own_mpidr();
	char end[8] = "off";
	long ver, ret;
	int round;

	ver = psci_version();
	printk("\npsci-demo: PSCI version %ld.%ld (0x%lx)\n", ver >> 16,
	       ver & 0xffff, (unsigned long)ver);
	second = (u64)cmdline_get_int("cpu", (s64)((me & ~0xffUL) | ((me + 1) & 0xff)));
	printk("psci-demo: first CPU 0x%lx, second CPU 0x%lx, MMU %s\n",
	       (unsigned long)me, (unsigned long)second,
	       mmu_enabled() ? "on" : "off");

	for (round = 1; round <= ROUNDS; round++)
		if (!run_round(round))
			break;
	if (round > ROUNDS)
		printk("psci-demo: %d rounds done\n", ROUNDS);

	start_beating();
	cmdline_get_str("end", end, sizeof(end));
	if (!strcmp(end, "reset")) {
		printk("psci-demo: calling SYSTEM_RESET\n");
		ret = psci_system_reset();
		printk("psci-demo: SYSTEM_RESET returned %ld (%s)\n", ret,
		       psci_name(ret));
	} else if (!strcmp(end, "stay")) {
		printk("psci-demo: staying: the first CPU halts\n");
	} else {
		printk("psci-demo: calling SYSTEM_OFF\n");
		ret = psci_system_off();
		printk("psci-demo: SYSTEM_OFF returned %ld (%s)\n", ret,
		       psci_name(ret));
	}
	halt();
}
