/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellvisor-ivshmem-demo: the root's side of a link, on its UIO device
 * (cellvisor.ko's, laid out like Jailhouse's uio_ivshmem), with the output
 * of Jailhouse's ivshmem-demo tool: the ID, the state table, the R/W
 * words and every peer's first output word at each interrupt, and a
 * doorbell to a peer every second.
 *
 *   cellvisor-ivshmem-demo [-t TARGET] [LINK | /dev/uioN]
 *   cellvisor-ivshmem-demo --ping N [-t TARGET] [LINK | /dev/uioN]
 *
 * --ping measures round trips: a doorbell to TARGET, then wait for an
 * interrupt (a peer answering, e.g. the ivshmem-demo inmate with pong=1),
 * N times; prints the median, 99th percentile and maximum in µs.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define REG_ID		0x00
#define REG_MAX_PEERS	0x04
#define REG_INT_CTRL	0x08
#define REG_DOORBELL	0x0c
#define REG_STATE	0x10

enum { MAP_REGS, MAP_STATE, MAP_RW, MAP_INPUTS, MAP_OUTPUT, MAPS };

static volatile uint32_t *regs, *state, *rw, *in, *out;
static size_t map_size[MAPS];
static uint32_t id, peers;

static uint32_t reg_read(unsigned int off)
{
	return regs[off / 4];
}

static void reg_write(unsigned int off, uint32_t v)
{
	regs[off / 4] = v;
}

static int map_sizes(const char *uio)
{
	for (int i = 0; i < MAPS; i++) {
		char path[PATH_MAX];
		FILE *f;
		int ok;

		snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%d/size", uio, i);
		f = fopen(path, "re");
		if (!f) {
			fprintf(stderr, "cellvisor-ivshmem-demo: %s: %m\n", path);
			return -1;
		}
		ok = fscanf(f, "%zx", &map_size[i]) == 1;
		fclose(f);
		if (!ok)
			return -1;
	}
	return 0;
}

/* Map n is at offset n pages; the read-only ones are mapped read-only. */
static volatile uint32_t *map(int fd, int n, int prot)
{
	void *p = mmap(NULL, map_size[n], prot, MAP_SHARED, fd, (off_t)n * getpagesize());

	if (p == MAP_FAILED) {
		fprintf(stderr, "cellvisor-ivshmem-demo: cannot map map%d: %m\n", n);
		exit(1);
	}
	return p;
}

static void print_shmem(void)
{
	size_t out_words = map_size[MAP_OUTPUT] / 4;

	for (uint32_t i = 0; i < peers; i++)
		printf("state[%u] = %u\n", i, state[i]);
	for (uint32_t i = 0; i < peers; i++)
		printf("rw[%u] = %u\n", i, rw[i]);
	for (uint32_t i = 0; i < peers; i++)
		printf("in@0x%04zx = %u\n", i * map_size[MAP_OUTPUT], in[i * out_words]);
	fflush(stdout);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Doorbell, then the interrupt that answers it, @n times. */
static int ping(int fd, uint32_t target, unsigned int n)
{
	uint64_t *rtt = calloc(n, sizeof(*rtt));
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint32_t count;

	if (!rtt)
		return 1;
	for (unsigned int i = 0; i < n; i++) {
		uint64_t t0;

		reg_write(REG_INT_CTRL, 1);
		t0 = now_ns();
		reg_write(REG_DOORBELL, target << 16);
		if (poll(&p, 1, 1000) != 1 || read(fd, &count, sizeof(count)) != sizeof(count)) {
			fprintf(stderr, "cellvisor-ivshmem-demo: no answer from peer %u to doorbell %u\n",
				target, i + 1);
			return 1;
		}
		rtt[i] = now_ns() - t0;
	}
	qsort(rtt, n, sizeof(*rtt), cmp_u64);
	printf("%u round trips to peer %u: median %.1f us, p99 %.1f us, max %.1f us\n", n, target,
	       rtt[n / 2] / 1e3, rtt[(n * 99) / 100 - (n >= 100 ? 1 : 0)] / 1e3, rtt[n - 1] / 1e3);
	free(rtt);
	return 0;
}

static int demo(int fd, uint32_t target)
{
	struct itimerspec second = { { 1, 0 }, { 1, 0 } };
	struct pollfd fds[2] = { { .fd = fd, .events = POLLIN } };

	fds[1] = (struct pollfd){ .fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC), .events = POLLIN };
	if (fds[1].fd < 0 || timerfd_settime(fds[1].fd, 0, &second, NULL) < 0)
		return 1;
	reg_write(REG_STATE, id + 1);
	rw[id] = 0;
	out[0] = 0;
	reg_write(REG_INT_CTRL, 1);
	print_shmem();
	for (;;) {
		uint32_t count;
		uint64_t ticks;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (fds[0].revents) {
			if (read(fd, &count, sizeof(count)) != sizeof(count)) {
				printf("(no interrupts from this link: %m)\n");
				fds[0].fd = -1;
				continue;
			}
			rw[id] = count;
			out[0] = count * 10;
			printf("\nInterrupt #%u\n", count);
			print_shmem();
			reg_write(REG_INT_CTRL, 1);
		}
		if (fds[1].revents & POLLIN) {
			if (read(fds[1].fd, &ticks, sizeof(ticks)) < 0)
				return 1;
			printf("\nSending interrupt 0 to peer %u\n", target);
			fflush(stdout);
			reg_write(REG_DOORBELL, target << 16);
		}
	}
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: cellvisor-ivshmem-demo [-t TARGET] [--ping N] [LINK | /dev/uioN]\n"
		   "The root's side of a link: its state table, R/W section and the peers'\n"
		   "output at each interrupt, a doorbell to TARGET every second.\n"
		   "LINK is a name under /dev/cellvisor-ivshmem/ (default: /dev/uio0).\n");
}

int main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "target", required_argument, NULL, 't' },
		{ "ping", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	char dev[PATH_MAX] = "/dev/uio0", real[PATH_MAX];
	long target = -1, pings = 0;
	int c, fd;

	while ((c = getopt_long(argc, argv, "t:h", opts, NULL)) >= 0) {
		switch (c) {
		case 't':
			target = strtol(optarg, NULL, 0);
			break;
		case 'p':
			pings = strtol(optarg, NULL, 0);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 < argc || pings < 0) {
		usage(stderr);
		return 2;
	}
	if (optind < argc)
		snprintf(dev, sizeof(dev), strchr(argv[optind], '/') ? "%s" : "/dev/cellvisor-ivshmem/%s",
			 argv[optind]);
	/* the sysfs side is found by the uioN the name leads to */
	if (!realpath(dev, real)) {
		fprintf(stderr, "cellvisor-ivshmem-demo: %s: %m\n", dev);
		return 1;
	}
	fd = open(real, O_RDWR | O_CLOEXEC);
	if (fd < 0 || map_sizes(basename(real)) < 0) {
		fprintf(stderr, "cellvisor-ivshmem-demo: %s is not a link's UIO device: %m\n", dev);
		return 1;
	}
	regs = map(fd, MAP_REGS, PROT_READ | PROT_WRITE);
	id = reg_read(REG_ID);
	printf("ID = %u\n", id);
	peers = reg_read(REG_MAX_PEERS);
	printf("Maximum peers = %u\n", peers);
	if (target < 0)
		target = (id + 1) % peers;
	if (target >= peers || target == id) {
		fprintf(stderr, "cellvisor-ivshmem-demo: invalid peer number %ld\n", target);
		return 1;
	}
	state = map(fd, MAP_STATE, PROT_READ);
	rw = map(fd, MAP_RW, PROT_READ | PROT_WRITE);
	in = map(fd, MAP_INPUTS, PROT_READ);
	out = map(fd, MAP_OUTPUT, PROT_READ | PROT_WRITE);
	return pings ? ping(fd, (uint32_t)target, (unsigned int)pings) : demo(fd, (uint32_t)target);
}
