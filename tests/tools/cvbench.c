// SPDX-License-Identifier: GPL-2.0
/*
 * cvbench: workloads that make the root cell exit to the hypervisor in a
 * known way, for the EL2 instruction counts of `make bench`
 * (tests/bench/exits.sh; cvmmio.ko does the GIC register accesses). Each
 * prints what it did, and marks where its work starts for the
 * instruction counter (tests/bench/el2prof.c counts `hint #0x7f`, a NOP,
 * as a mark) with an "el2-mark: LABEL" line.
 *   cvbench mark LABEL         one mark
 *   cvbench ipi SECONDS        a ring of processes on CPUs 0-3 passes two
 *                              tokens through pipes, one each way round:
 *                              a guest IPI (ICC_SGI1R_EL1) per wake-up,
 *                              and every CPU woken by two others
 *   cvbench hvc N              N CV_CPU_STATS ioctls (CPU_GET_INFO
 *                              hypercalls)
 * Exit status 0 on success, 1 on failure (message on stderr), 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cellvisor/ioctl.h>

static int fail(const char *what)
{
	fprintf(stderr, "cvbench: %s: %s\n", what, strerror(errno));
	return 1;
}

static void mark(const char *label)
{
	asm volatile("hint #0x7f" ::: "memory");
	printf("el2-mark: %s\n", label);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		exit(fail("sched_setaffinity"));
}

#define RING	4	/* processes, one per CPU */

/*
 * One process of the ring on @cpu: takes a token from its pipe and hands it
 * on to the next CPU or the one before (as the token says), until the end.
 * Each hand-over to a CPU that waits in idle costs one IPI.
 */
static long ring_member(int cpu, int pipes[RING][2], time_t end)
{
	long passed = 0;
	char dir;

	pin(cpu);
	while (time(NULL) < end && read(pipes[cpu][0], &dir, 1) == 1) {
		int next = (cpu + (dir ? 1 : RING - 1)) % RING;

		if (write(pipes[next][1], &dir, 1) != 1)
			break;
		passed++;
	}
	return passed;
}

static int cmd_ipi(long seconds)
{
	time_t end = time(NULL) + seconds;
	int pipes[RING][2], cpu, status;
	pid_t kids[RING];
	char up = 1, down = 0;

	mark("IPI storm");
	for (cpu = 0; cpu < RING; cpu++)
		if (pipe(pipes[cpu]))
			return fail("pipe");
	for (cpu = 0; cpu < RING; cpu++) {
		kids[cpu] = fork();
		if (kids[cpu] < 0)
			return fail("fork");
		if (kids[cpu] == 0) {
			printf("CPU %d: passed %ld tokens in %ld s\n", cpu,
			       ring_member(cpu, pipes, end), seconds);
			_exit(0);
		}
	}
	/* two tokens, one going round each way: a CPU hears from both neighbours */
	if (write(pipes[0][1], &up, 1) != 1 || write(pipes[2][1], &down, 1) != 1)
		return fail("write");
	sleep((unsigned int)seconds);
	for (cpu = 0; cpu < RING; cpu++) {
		/* a member blocked in read() when time is up */
		kill(kids[cpu], SIGTERM);
		waitpid(kids[cpu], &status, 0);
	}
	return 0;
}

static int cmd_hvc(long n)
{
	struct cv_cpu_stats st = { .cpu = 0 };
	int dev = open("/dev/" CV_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	long i;

	if (dev < 0)
		return fail("/dev/" CV_DEVICE_NAME);
	mark("CPU_GET_INFO hypercalls");
	for (i = 0; i < n; i++)
		if (ioctl(dev, CV_CPU_STATS, &st) < 0)
			return fail("CV_CPU_STATS");
	printf("%ld CV_CPU_STATS ioctls\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "ipi"))
		return cmd_ipi(strtol(argv[2], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "mark")) {
		mark(argv[2]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "hvc"))
		return cmd_hvc(strtol(argv[2], NULL, 0));
	fprintf(stderr, "usage: cvbench mark LABEL | ipi SECONDS | hvc N\n");
	return 2;
}
