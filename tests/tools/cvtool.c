// SPDX-License-Identifier: GPL-2.0
/*
 * cvtool: raw /dev/cellvisor ioctls for hypervisor tests (no daemon).
 *   cvtool enable SYSTEM.bin | disable | info | list | stats CPU | snapshot | console
 *   cvtool cells | badcells WHAT | keptpending ID (CV_SNAPSHOT, and misused)
 *   cvtool offsets (of system and cell config fields, from the ABI header)
 * and raw hypercalls past cellvisor.ko's checks, through the test module
 * cvhc.ko (/dev/cvhc): markpage, hc, rawcreate, rawinfo, rawconsole,
 * raceconsole; cellpatch crafts the blobs.
 * Exit status 0 on success, 1 on failure (message on stderr), 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cellvisor/ioctl.h>

#include "cvhc.h"

static const char *const stat_names[CV_STAT_MAX] = {
	"total", "mmio", "management", "hypercall", "maintenance",
	"virq", "vsgi", "psci", "smccc", "sysreg",
};

static int fail(const char *what)
{
	fprintf(stderr, "cvtool: %s: %s\n", what, strerror(errno));
	return 1;
}

static int open_dev(void)
{
	int fd = open("/dev/" CV_DEVICE_NAME, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		exit(fail("/dev/" CV_DEVICE_NAME));
	return fd;
}

static void *read_file(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		exit(fail(path));
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf || read(fd, buf, st.st_size) != st.st_size)
		exit(fail(path));
	close(fd);
	*size = st.st_size;
	return buf;
}

static int cmd_config(unsigned long req, const char *what, const char *path)
{
	struct cv_config_arg arg = { 0 };
	size_t size;

	arg.config = (unsigned long)read_file(path, &size);
	arg.size = size;
	if (ioctl(open_dev(), req, &arg) < 0)
		return fail(what);
	if (req == CV_CELL_CREATE)
		printf("%d\n", arg.id);
	return 0;
}

static int cmd_enable(const char *path)
{
	return cmd_config(CV_ENABLE, "enable", path);
}

/* load ID FILE@ADDR... */
static int cmd_load(int argc, char **argv)
{
	struct cv_load_segment seg[16];
	struct cv_load_arg arg = { .cell_id = strtoul(argv[0], NULL, 0) };
	int i;

	for (i = 1; i < argc && i <= 16; i++) {
		char *at = strchr(argv[i], '@');
		size_t size;

		if (at)
			*at = 0;
		seg[i - 1].src = (unsigned long)read_file(argv[i], &size);
		seg[i - 1].size = size;
		seg[i - 1].guest_addr = at ? strtoull(at + 1, NULL, 0) : 0;
	}
	arg.num_segments = i - 1;
	arg.segments = (unsigned long)seg;
	if (ioctl(open_dev(), CV_CELL_LOAD, &arg) < 0)
		return fail("load");
	return 0;
}

static int cmd_cell_id(unsigned long req, const char *what, const char *id)
{
	__u32 v = strtoul(id, NULL, 0);

	if (ioctl(open_dev(), req, &v) < 0)
		return fail(what);
	return 0;
}

/* cellwrite ID STRING: input for the cell's vUART */
static int cmd_cellwrite(const char *id, const char *str)
{
	__s32 cell = strtol(id, NULL, 0);
	int fd = ioctl(open_dev(), CV_CONSOLE_OPEN, &cell);

	if (fd < 0)
		return fail("console");
	if (write(fd, str, strlen(str)) != (ssize_t)strlen(str))
		return fail("console write");
	return 0;
}

static int cmd_cellinfo(const char *id)
{
	struct cv_cell_info info = { .id = strtoul(id, NULL, 0) };

	if (ioctl(open_dev(), CV_CELL_INFO, &info) < 0)
		return fail("cellinfo");
	printf("id=%u name=%s state=%u cpus=0x%llx failed=0x%llx reason=%u esr=0x%llx far=0x%llx ipa=0x%llx pc=0x%llx"
	       " tables=%u pool=%u\n",
	       info.id, info.name, info.state, (unsigned long long)info.cpu_mask,
	       (unsigned long long)info.failed_cpu_mask, info.fault.reason,
	       (unsigned long long)info.fault.esr, (unsigned long long)info.fault.far,
	       (unsigned long long)info.fault.ipa, (unsigned long long)info.fault.pc,
	       info.table_pages, info.pool_pages);
	return 0;
}

/* Reads and drops what a console fd holds now (its read returns 0 when nothing is new). */
static void console_drain(int fd)
{
	char buf[4096];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * starttimed ID: start the cell, then read its console every 0.2 ms until
 * the first byte comes; prints the milliseconds from the start ioctl's
 * return and from its call (a benchmark figure, not a test).
 */
static int cmd_starttimed(const char *id)
{
	__u32 cell = strtoul(id, NULL, 0);
	int dev = open_dev(), fd;
	double t0, t1, t2;
	char c;

	fd = ioctl(dev, CV_CONSOLE_OPEN, &cell);
	if (fd < 0)
		return fail("console");
	console_drain(fd);	/* what an earlier run printed */
	t0 = now_ms();
	if (ioctl(dev, CV_CELL_START, &cell) < 0)
		return fail("start");
	t1 = now_ms();
	while (read(fd, &c, 1) <= 0) {
		if (now_ms() - t1 > 10000) {
			fprintf(stderr, "cvtool: no console output within 10 s\n");
			return 1;
		}
		usleep(200);
	}
	t2 = now_ms();
	printf("start_ioctl_ms=%.2f first_output_ms=%.2f\n", t1 - t0, t2 - t0);
	return 0;
}

/* list: the ids of existing cells, one line, space-separated ("-" if none) */
static int cmd_list(void)
{
	__u32 ids[64];
	struct cv_cell_list list = { .ids = (unsigned long)ids, .max = 64 };
	unsigned int i;

	if (ioctl(open_dev(), CV_CELL_LIST, &list) < 0)
		return fail("list");
	if (!list.count)
		printf("-");
	for (i = 0; i < list.count && i < 64; i++)
		printf("%s%u", i ? " " : "", ids[i]);
	printf("\n");
	return 0;
}

/*
 * cells: CV_SNAPSHOT, one line "enabled=E cells=N links=N pending=P" (P:
 * whether poll then reports a change), one "id=I name=N state=S cpus=M"
 * per cell and one "link=NAME peers=N" per link.
 */
static int cmd_cells(void)
{
	struct cv_cell_info cells[CV_MAX_CELLS];
	struct cv_link_info links[CV_MAX_LINKS_ALL];
	struct cv_snapshot s = {
		.cells = (unsigned long)cells, .max_cells = CV_MAX_CELLS,
		.links = (unsigned long)links, .max_links = CV_MAX_LINKS_ALL,
	};
	struct pollfd pfd = { .fd = open_dev(), .events = POLLIN | POLLPRI };
	unsigned int i;

	if (ioctl(pfd.fd, CV_SNAPSHOT, &s) < 0)
		return fail("cells");
	printf("enabled=%u cells=%u links=%u pending=%d\n", s.enabled, s.num_cells,
	       s.num_links, poll(&pfd, 1, 0));
	for (i = 0; i < s.num_cells; i++)
		printf("id=%u name=%s state=%u cpus=0x%llx\n", cells[i].id, cells[i].name,
		       cells[i].state, (unsigned long long)cells[i].cpu_mask);
	for (i = 0; i < s.num_links; i++)
		printf("link=%s peers=%u\n", links[i].name, links[i].peers);
	return 0;
}

/*
 * keptpending ID: with a file open, destroy cell ID through another; the
 * change stays pending on the first across a CV_HV_INFO and goes with a
 * CV_SNAPSHOT. Prints "after info: pending=P, after snapshot: pending=P".
 */
static int cmd_keptpending(const char *id)
{
	struct pollfd pfd = { .fd = open_dev(), .events = POLLIN | POLLPRI };
	struct cv_cell_info cells[CV_MAX_CELLS];
	struct cv_link_info links[CV_MAX_LINKS_ALL];
	struct cv_snapshot s = {
		.cells = (unsigned long)cells, .max_cells = CV_MAX_CELLS,
		.links = (unsigned long)links, .max_links = CV_MAX_LINKS_ALL,
	};
	struct cv_hv_info info;
	__u32 cell = strtoul(id, NULL, 0);
	int after_info;

	if (ioctl(open_dev(), CV_CELL_DESTROY, &cell) < 0)
		return fail("destroy");
	if (ioctl(pfd.fd, CV_HV_INFO, &info) < 0)
		return fail("info");
	after_info = poll(&pfd, 1, 0);
	if (ioctl(pfd.fd, CV_SNAPSHOT, &s) < 0)
		return fail("snapshot");
	printf("after info: pending=%d, after snapshot: pending=%d\n", after_info, poll(&pfd, 1, 0));
	return 0;
}

/*
 * badcells WHAT: CV_SNAPSHOT misused; prints "ERROR num_cells=N
 * num_links=N canary=intact|overwritten" (ERROR "ok" if it succeeded):
 *   size    the request encoded with a size one byte short
 *   small   room for one cell (with a canary entry after it) and no link
 *   kernel  the cells buffer at a kernel address
 *   unmapped  the cells buffer at an unmapped page
 *   arg     the argument itself at an unmapped page
 */
static int cmd_badcells(const char *what)
{
	struct cv_cell_info cells[2], canary;
	struct cv_link_info links[CV_MAX_LINKS_ALL];
	struct cv_snapshot s = {
		.cells = (unsigned long)cells, .max_cells = CV_MAX_CELLS,
		.links = (unsigned long)links, .max_links = CV_MAX_LINKS_ALL,
	};
	unsigned long req = CV_SNAPSHOT;
	void *arg = &s, *gone;
	int r;

	/* a page that was mapped and no longer is */
	gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gone == MAP_FAILED || munmap(gone, 4096) < 0)
		return fail("mmap");
	memset(cells, 0xa5, sizeof(cells));
	memset(&canary, 0xa5, sizeof(canary));
	if (!strcmp(what, "size")) {
		req = _IOC(_IOC_READ | _IOC_WRITE, CV_IOCTL_MAGIC, _IOC_NR(CV_SNAPSHOT),
			   sizeof(s) - 1);
	} else if (!strcmp(what, "small")) {
		s.max_cells = 1;
		s.max_links = 0;
	} else if (!strcmp(what, "kernel")) {
		s.cells = 0xffff800008000000ULL;
	} else if (!strcmp(what, "unmapped")) {
		s.cells = (unsigned long)gone;
	} else if (!strcmp(what, "arg")) {
		arg = gone;
	} else {
		fprintf(stderr, "cvtool: badcells size|small|kernel|unmapped|arg\n");
		return 2;
	}
	s.num_cells = s.num_links = 99;	/* what the module does not set stays so */
	r = ioctl(open_dev(), req, arg);
	printf("%s num_cells=%u num_links=%u canary=%s\n", r < 0 ? strerror(errno) : "ok",
	       s.num_cells, s.num_links,
	       memcmp(&cells[1], &canary, sizeof(canary)) ? "overwritten" : "intact");
	return 0;
}

/*
 * wait MS N: poll /dev/cellvisor until N cell state changes have happened
 * since it was opened (each wake-up is read, which resets it), then check
 * that a further poll of 200 ms finds nothing pending. Prints the changes
 * and the time they took; exit 1 if MS passed first.
 */
static int cmd_wait(const char *ms, const char *count)
{
	int dev = open_dev(), timeout = atoi(ms), want = atoi(count), left = timeout;
	struct pollfd pfd = { .fd = dev, .events = POLLIN | POLLPRI };
	struct timespec t0, t;
	__u32 delta, n = 0;
	int r;

	if (fcntl(dev, F_SETFL, O_NONBLOCK) < 0)
		return fail("fcntl");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((int)n < want && left > 0) {
		r = poll(&pfd, 1, left);
		if (r < 0)
			return fail("poll");
		if (r && read(dev, &delta, sizeof(delta)) == sizeof(delta)) {
			n += delta;
			printf("woken revents=0x%x changes=%u\n", pfd.revents, n);
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = timeout - (int)((t.tv_sec - t0.tv_sec) * 1000 +
				       (t.tv_nsec - t0.tv_nsec) / 1000000);
	}
	r = poll(&pfd, 1, 200);
	printf("changes=%u after %d ms, then %s\n", n, timeout - left,
	       r == 0 ? "nothing pending (reset)" : "still pending");
	return (int)n >= want && r == 0 ? 0 : 1;
}

static int cmd_info(void)
{
	struct cv_hv_info info;
	int dev = open_dev();

	if (ioctl(dev, CV_HV_INFO, &info) < 0)
		return fail("info");
	printf("enabled=%u version=0x%x pool_pages=%llu pool_used=%llu cells=%u\n",
	       info.enabled, info.version, (unsigned long long)info.mem_pool_pages,
	       (unsigned long long)info.mem_pool_used, info.num_cells);
	return 0;
}

static int cmd_stats(const char *cpu)
{
	struct cv_cpu_stats st = { .cpu = (unsigned int)strtoul(cpu, NULL, 0) };
	int dev = open_dev(), i;

	if (ioctl(dev, CV_CPU_STATS, &st) < 0)
		return fail("stats");
	printf("cpu=%u", st.cpu);
	for (i = 0; i < CV_STAT_MAX; i++)
		printf(" %s=%llu", stat_names[i], (unsigned long long)st.counters[i]);
	printf("\n");
	return 0;
}

/* The per-CPU arch_timer count from /proc/interrupts, or -1. */
static long timer_irqs(unsigned int cpu)
{
	char line[512];
	FILE *f = fopen("/proc/interrupts", "r");
	long v = -1;

	while (f && fgets(line, sizeof(line), f)) {
		char *p = line;
		unsigned int i;

		if (!strstr(line, "arch_timer"))
			continue;
		strtol(p, &p, 10);	/* "11:" */
		p++;
		for (i = 0; i <= cpu; i++)
			v = strtol(p, &p, 10);
		break;
	}
	if (f)
		fclose(f);
	return v;
}

/*
 * One line per CPU with every exit counter and the CPU's timer interrupt
 * count, read back to back so that a window between two snapshots is not
 * blurred by the work of reading it.
 */
static int cmd_snapshot(void)
{
	struct cv_cpu_stats st[64];
	long timer[64];
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);
	unsigned int n = 0, cpu, i;
	int dev = open_dev();

	for (cpu = 0; cpu < 64 && cpu < ncpus; cpu++) {
		st[n].cpu = cpu;
		if (ioctl(dev, CV_CPU_STATS, &st[n]) < 0)
			continue;
		timer[n++] = timer_irqs(cpu);
	}
	if (!n)
		return fail("snapshot");
	for (i = 0; i < n; i++) {
		printf("cpu=%u timer=%ld", st[i].cpu, timer[i]);
		for (cpu = 0; cpu < CV_STAT_MAX; cpu++)
			printf(" %s=%llu", stat_names[cpu], (unsigned long long)st[i].counters[cpu]);
		printf("\n");
	}
	return 0;
}

static int cmd_console(__s32 id)
{
	char buf[4096];
	int dev = open_dev(), fd;
	ssize_t n;

	fd = ioctl(dev, CV_CONSOLE_OPEN, &id);
	if (fd < 0)
		return fail("console");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	return n < 0 ? fail("console read") : 0;
}

/*
 * cellwatch ID SECONDS: what cell ID prints during the next SECONDS, and
 * nothing it printed before (the ring holds only the last 4 KiB).
 */
static int cmd_cellwatch(const char *id, const char *seconds)
{
	__s32 cell = strtol(id, NULL, 0);
	int fd = ioctl(open_dev(), CV_CONSOLE_OPEN, &cell);
	double end = now_ms() + atof(seconds) * 1000;
	char buf[4096];
	ssize_t n;

	if (fd < 0)
		return fail("console");
	console_drain(fd);
	while (now_ms() < end) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return fail("console read");
		if (n > 0)
			fwrite(buf, 1, n, stdout);
		else
			usleep(20000);
	}
	return 0;
}

/* Where fields sit in a system config blob, for tests that corrupt one on purpose. */
static int cmd_offsets(void)
{
	const size_t root = offsetof(struct cv_system_config, root_cell);

	printf("hv_phys=%zu mpidr2=%zu root_cpus=%zu region0_size=%zu cell_irqs=%zu\n",
	       offsetof(struct cv_system_config, hypervisor.phys_start),
	       offsetof(struct cv_system_config, platform.cpu_mpidr[2]),
	       root + offsetof(struct cv_cell_config, cpu_mask),
	       root + sizeof(struct cv_cell_config) + offsetof(struct cv_mem_region, size),
	       offsetof(struct cv_cell_config, irq_bitmap));
	return 0;
}

/*
 * cellpatch FILE KEY VALUE: sets one field of a compiled cell config, for
 * tests that hand the module or the hypervisor what config check would
 * refuse: name, cpus, flags, nregions, regionN.phys, .virt, .size or .flags.
 */
static int cmd_cellpatch(const char *path, const char *key, const char *value)
{
	size_t size;
	struct cv_cell_config *c = read_file(path, &size);
	struct cv_mem_region *mem = (struct cv_mem_region *)(c + 1);
	unsigned long long v = strtoull(value, NULL, 0);
	unsigned int n;
	char field[8];
	FILE *f;

	if (size < sizeof(*c))
		return fprintf(stderr, "cvtool: %s: not a cell config\n", path), 1;
	if (!strcmp(key, "name")) {
		/* 32 characters leave no NUL: that is a test case too */
		memset(c->name, 0, sizeof(c->name));
		memcpy(c->name, value, strlen(value) < sizeof(c->name) ? strlen(value) : sizeof(c->name));
	} else if (!strcmp(key, "cpus"))
		c->cpu_mask = v;
	else if (!strcmp(key, "flags"))
		c->flags = v;
	else if (!strcmp(key, "nregions"))
		c->num_mem_regions = v;
	else if (sscanf(key, "region%u.%7s", &n, field) == 2 &&
		 sizeof(*c) + (n + 1) * sizeof(*mem) <= size) {
		if (!strcmp(field, "phys"))
			mem[n].phys_start = v;
		else if (!strcmp(field, "virt"))
			mem[n].virt_start = v;
		else if (!strcmp(field, "size"))
			mem[n].size = v;
		else if (!strcmp(field, "flags"))
			mem[n].flags = v;
		else
			return fprintf(stderr, "cvtool: unknown field %s\n", key), 2;
	} else {
		return fprintf(stderr, "cvtool: unknown or missing field %s\n", key), 2;
	}
	f = fopen(path, "w");
	if (!f || fwrite(c, 1, size, f) != size || fclose(f))
		return fail(path);
	return 0;
}

/* ---- raw hypercalls through /dev/cvhc ---- */

static int open_cvhc(void)
{
	int fd = open("/dev/cvhc", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		exit(fail("/dev/cvhc (insmod cvhc.ko)"));
	return fd;
}

static __u64 cvhc_buf_phys(int fd)
{
	__u64 phys;

	if (ioctl(fd, CVHC_BUF_PHYS, &phys) < 0)
		exit(fail("cvhc buffer"));
	return phys;
}

static long long cvhc_call(int fd, struct cvhc_call *c)
{
	if (ioctl(fd, CVHC_CALL, c) < 0)
		exit(fail("cvhc call"));
	return c->result;
}

/*
 * markpage: puts a marker word (0x5ec2e7ab00000001) at the start of a page
 * Linux uses (cvhc.ko's buffer) and prints the page's physical address,
 * for probes of root RAM that is really in use.
 */
static int cmd_markpage(void)
{
	__u64 marker = 0x5ec2e7ab00000001ULL;
	struct cvhc_call c = { .code = CV_HC_GET_VERSION, .data = (unsigned long)&marker,
			       .data_len = sizeof(marker) };
	int fd = open_cvhc();

	cvhc_call(fd, &c);
	printf("0x%llx\n", (unsigned long long)cvhc_buf_phys(fd));
	return 0;
}

/* hc CODE [ARG1 [ARG2]]: the hypercall as it is; prints its result */
static int cmd_hc(int argc, char **argv)
{
	struct cvhc_call c = { .code = strtoull(argv[0], NULL, 0) };

	c.arg[0] = argc > 1 ? strtoull(argv[1], NULL, 0) : 0;
	c.arg[1] = argc > 2 ? strtoull(argv[2], NULL, 0) : 0;
	printf("result=%lld\n", cvhc_call(open_cvhc(), &c));
	return 0;
}

/*
 * rawcreate FILE: CV_HC_CELL_CREATE with FILE's bytes in root memory, as
 * cellvisor.ko would pass them but unchecked (the cell's CPUs must be
 * offline in Linux already). Prints the id; fails with the hypervisor's
 * error.
 */
static int cmd_rawcreate(const char *path)
{
	size_t size;
	struct cvhc_call c = { .code = CV_HC_CELL_CREATE, .data_arg = 1 };
	void *blob = read_file(path, &size);

	if (size > CVHC_BUF_SIZE) {
		fprintf(stderr, "cvtool: %s: too big\n", path);
		return 1;
	}
	c.data = (unsigned long)blob;
	c.data_len = size;
	if (cvhc_call(open_cvhc(), &c) < 0) {
		fprintf(stderr, "cvtool: rawcreate: the hypervisor says %lld (%s)\n", (long long)c.result,
			strerror(-c.result));
		return 1;
	}
	printf("%lld\n", (long long)c.result);
	return 0;
}

/* rawinfo ID PHYS: CV_HC_CELL_GET_INFO writing to any physical address; prints the result */
static int cmd_rawinfo(const char *id, const char *phys)
{
	struct cvhc_call c = { .code = CV_HC_CELL_GET_INFO };

	c.arg[0] = strtoull(id, NULL, 0);
	c.arg[1] = strtoull(phys, NULL, 0);
	printf("result=%lld\n", cvhc_call(open_cvhc(), &c));
	return 0;
}

/*
 * rawconsole IO-PHYS | rawconsole CELL at BUF-PHYS: CV_HC_CONSOLE_READ with
 * the request at any physical address, or a request in root memory whose
 * buffer is at any physical address. Prints the result.
 */
static int cmd_rawconsole(int argc, char **argv)
{
	struct cv_hc_console_io io = { .len = 64 };
	struct cvhc_call c = { .code = CV_HC_CONSOLE_READ };

	if (argc == 1) {
		c.arg[0] = strtoull(argv[0], NULL, 0);
	} else {
		io.cell_id = strtol(argv[0], NULL, 0);
		io.buf = strtoull(argv[2], NULL, 0);
		c.data = (unsigned long)&io;
		c.data_len = sizeof(io);
		c.data_arg = 1;
	}
	printf("result=%lld\n", cvhc_call(open_cvhc(), &c));
	return 0;
}

/*
 * raceconsole CELL N: N reads of CELL's console (64 bytes) while another
 * CPU keeps flipping the request's cell_id between CELL and CELL |
 * 0x40000000, an index far past the hypervisor's cell table. A hypervisor
 * that reads cell_id twice indexes its table with the second value. The
 * bytes after the 64 the request names must stay untouched.
 */
#define RACE_BUF_OFFSET		0x1000
#define RACE_GUARD		0xaa

static int cmd_raceconsole(const char *cell, const char *n)
{
	static unsigned char buf[CVHC_BUF_SIZE];
	struct cv_hc_console_io *io = (void *)buf;
	int fd = open_cvhc();
	struct cvhc_call c = {
		.code = CV_HC_CONSOLE_READ, .data = (unsigned long)buf, .data_len = sizeof(buf),
		.data_arg = 1, .repeat = strtoul(n, NULL, 0),
		.flip_offset = offsetof(struct cv_hc_console_io, cell_id), .flip_mask = 0x40000000,
	};
	unsigned int i, touched = 0;

	memset(buf, RACE_GUARD, sizeof(buf));
	*io = (struct cv_hc_console_io){ .cell_id = strtol(cell, NULL, 0), .len = 64,
					 .buf = cvhc_buf_phys(fd) + RACE_BUF_OFFSET };
	cvhc_call(fd, &c);
	for (i = RACE_BUF_OFFSET + 64; i < sizeof(buf); i++)
		touched += buf[i] != RACE_GUARD;
	printf("calls=%u refused=%u last=%lld bytes_past_the_buffer=%u\n", c.repeat, c.errors,
	       (long long)c.result, touched);
	return touched ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "enable"))
		return cmd_enable(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "disable")) {
		if (ioctl(open_dev(), CV_DISABLE) < 0)
			return fail("disable");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "info"))
		return cmd_info();
	if (argc == 3 && !strcmp(argv[1], "stats"))
		return cmd_stats(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "console"))
		return cmd_console(CV_CONSOLE_HYPERVISOR);
	if (argc == 3 && !strcmp(argv[1], "cellconsole"))
		return cmd_console(strtol(argv[2], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "create"))
		return cmd_config(CV_CELL_CREATE, "create", argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "load"))
		return cmd_load(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "start"))
		return cmd_cell_id(CV_CELL_START, "start", argv[2]);
	if (argc == 3 && !strcmp(argv[1], "starttimed"))
		return cmd_starttimed(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "shutdown"))
		return cmd_cell_id(CV_CELL_SHUTDOWN, "shutdown", argv[2]);
	if (argc == 3 && !strcmp(argv[1], "destroy"))
		return cmd_cell_id(CV_CELL_DESTROY, "destroy", argv[2]);
	if (argc == 4 && !strcmp(argv[1], "cellwrite"))
		return cmd_cellwrite(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "cellwatch"))
		return cmd_cellwatch(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "cellinfo"))
		return cmd_cellinfo(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "wait"))
		return cmd_wait(argv[2], argv[3]);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return cmd_list();
	if (argc == 2 && !strcmp(argv[1], "snapshot"))
		return cmd_snapshot();
	if (argc == 2 && !strcmp(argv[1], "cells"))
		return cmd_cells();
	if (argc == 3 && !strcmp(argv[1], "badcells"))
		return cmd_badcells(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "keptpending"))
		return cmd_keptpending(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "offsets"))
		return cmd_offsets();
	if (argc == 5 && !strcmp(argv[1], "cellpatch"))
		return cmd_cellpatch(argv[2], argv[3], argv[4]);
	if (argc == 2 && !strcmp(argv[1], "markpage"))
		return cmd_markpage();
	if (argc >= 3 && argc <= 5 && !strcmp(argv[1], "hc"))
		return cmd_hc(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "rawcreate"))
		return cmd_rawcreate(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "rawinfo"))
		return cmd_rawinfo(argv[2], argv[3]);
	if ((argc == 3 || (argc == 5 && !strcmp(argv[3], "at"))) && !strcmp(argv[1], "rawconsole"))
		return cmd_rawconsole(argc - 2, argv + 2);
	if (argc == 4 && !strcmp(argv[1], "raceconsole"))
		return cmd_raceconsole(argv[2], argv[3]);
	fprintf(stderr, "usage: cvtool enable FILE | disable | info | list | stats CPU | snapshot | console |\n"
		"              wait MS CHANGES | offsets | cells | badcells WHAT | keptpending ID\n"
		"       cvtool create FILE | load ID FILE@ADDR... | start[timed] ID | shutdown ID |\n"
		"              destroy ID | cellinfo ID | cellconsole ID | cellwatch ID SECONDS |\n"
		"              cellwrite ID STRING | cellpatch FILE KEY VALUE\n"
		"       cvtool markpage | hc CODE [ARG1 [ARG2]] | rawcreate FILE | rawinfo ID PHYS |\n"
		"              rawconsole IO-PHYS | rawconsole CELL at BUF-PHYS | raceconsole CELL N\n");
	return 2;
}
