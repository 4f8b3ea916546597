// SPDX-License-Identifier: GPL-2.0
/*
 * cvbusbench: cellmgrd's own share of management-plane latency (make bench),
 * timed in one process so that no client start-up is counted.
 *   cvbusbench calls N CELL    ListCells, GetCellStatistics(CELL) and a
 *                              Cell.State read, N times each: wall time per
 *                              call and cellmgrd's CPU time per call, less
 *                              what it spends in as long a time without
 *                              calls (console work of running cells); and
 *                              Peer.Ping, which sd-bus answers by itself:
 *                              the floor of any sd-bus daemon
 *   cvbusbench cycle N CELL    Enable(""), CreateCell, LoadCell(CELL, []),
 *                              StartCell, ShutdownCell, DestroyCell, Disable,
 *                              N times back to back: wall time of each call.
 *                              A call also waits for what the daemon still
 *                              does after the previous one's reply, as a
 *                              script calling cellctl in a loop does
 *   cvbusbench spaced N CELL SYSTEM.bin CELL.bin IMAGE@ADDR
 *                              N runs, each the same lifecycle twice: by the
 *                              raw ioctls (the daemon only watches) and by
 *                              the D-Bus calls, in turns first. Each step
 *                              starts once the daemon is idle (settle()), so
 *                              it times what one caller sees; the daemon's
 *                              share is each run's D-Bus time minus the same
 *                              step's raw time in that run
 * Prints one line per call: NAME median=MS p90=MS [daemon_cpu_us=US]; the
 * spaced mode: NAME raw=MS bus=MS share=MS share_p90=MS ping=MS over_ping=MS
 * (medians; ping: the Peer.Ping round trip just before the D-Bus call, the
 * bus's own part of the share; over_ping: each run's share less its ping).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cellvisor/ioctl.h>
#include <systemd/sd-bus.h>

#include "blob.h"

#define SERVICE "org.cellvisor.cellmgr1"
#define PATH "/org/cellvisor/cellmgr1"
#define MANAGER SERVICE ".Manager"

static sd_bus *bus;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what, const sd_bus_error *e, int r)
{
	fprintf(stderr, "cvbusbench: %s: %s\n", what,
		e && e->message ? e->message : strerror(-r));
	exit(1);
}

/*
 * cellmgrd's CPU time so far, in microseconds: from /proc/PID/schedstat
 * (nanoseconds on the CPU), else /proc/PID/stat (clock ticks, 10 ms).
 */
static double daemon_cpu_us(void)
{
	unsigned long long ns;
	unsigned long utime, stime;
	char path[64], buf[1024], *p;
	sd_bus_creds *creds = NULL;
	pid_t pid;
	FILE *f;
	int r;

	r = sd_bus_get_name_creds(bus, SERVICE, SD_BUS_CREDS_PID, &creds);
	if (r < 0 || sd_bus_creds_get_pid(creds, &pid) < 0)
		die("cellmgrd's pid", NULL, r < 0 ? r : -ESRCH);
	sd_bus_creds_unref(creds);
	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	f = fopen(path, "re");
	if (f) {
		r = fscanf(f, "%llu", &ns);
		fclose(f);
		if (r == 1)
			return ns / 1e3;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f || !fgets(buf, sizeof(buf), f))
		die(path, NULL, -errno);
	fclose(f);
	p = strrchr(buf, ')');	/* the command name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			 &utime, &stime) != 2)
		die(path, NULL, -EINVAL);
	return (utime + stime) * 1e6 / sysconf(_SC_CLK_TCK);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * cellmgrd's CPU time in @ms without calls from here: what it spends on its
 * own (consoles of running cells, timers), to subtract.
 */
static double daemon_idle_us(double ms)
{
	double c0 = daemon_cpu_us();

	usleep((useconds_t)(ms * 1000));
	return daemon_cpu_us() - c0;
}

/* @cpu_us: cellmgrd's CPU time for all @n calls, or NULL if not measured */
static void report(const char *name, double *t, unsigned int n, const double *cpu_us)
{
	qsort(t, n, sizeof(double), by_value);
	printf("%s median=%.2f p90=%.2f", name, t[(n - 1) / 2], t[(n * 9 + 9) / 10 - 1]);
	if (cpu_us)
		printf(" daemon_cpu_us=%.0f", *cpu_us > 0 ? *cpu_us / n : 0);
	printf("\n");
}

/* One method call of the manager with at most one string argument, timed. */
static double call(const char *method, const char *sig, const char *arg)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	double t0 = now_ms();
	int r;

	if (!sig)
		r = sd_bus_call_method(bus, SERVICE, PATH, MANAGER, method, &e, &reply, "");
	else if (!strcmp(sig, "sa(ht)"))
		r = sd_bus_call_method(bus, SERVICE, PATH, MANAGER, method, &e, &reply, sig, arg, 0);
	else
		r = sd_bus_call_method(bus, SERVICE, PATH, MANAGER, method, &e, &reply, sig, arg);
	if (r < 0)
		die(method, &e, r);
	sd_bus_message_unref(reply);
	return now_ms() - t0;
}

/* org.freedesktop.DBus.Peer.Ping: answered inside sd-bus, no handler of ours */
static double ping(void)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	double t0 = now_ms();
	int r;

	r = sd_bus_call_method(bus, SERVICE, PATH, "org.freedesktop.DBus.Peer", "Ping", &e, NULL, "");
	if (r < 0)
		die("Ping", &e, r);
	return now_ms() - t0;
}

static double get_state(const char *cell_path)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	double t0 = now_ms();
	char *state = NULL;
	int r;

	r = sd_bus_get_property_string(bus, SERVICE, cell_path, SERVICE ".Cell", "State",
				       &e, &state);
	if (r < 0)
		die("State", &e, r);
	free(state);
	return now_ms() - t0;
}

static int bench_calls(unsigned int n, const char *cell)
{
	double *t = calloc(n, sizeof(double)), c0;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *path;
	char *cell_path;
	unsigned int i;
	int r;

	r = sd_bus_call_method(bus, SERVICE, PATH, MANAGER, "GetCell", &e, &reply, "s", cell);
	if (r < 0 || sd_bus_message_read(reply, "o", &path) < 0)
		die("GetCell", &e, r);
	cell_path = strdup(path);
	sd_bus_message_unref(reply);

	for (unsigned int k = 0; k < 4; k++) {
		static const char *const names[] = {
			"ListCells", "GetCellStatistics", "Cell.State", "Peer.Ping",
		};
		double t0 = now_ms(), busy;

		c0 = daemon_cpu_us();
		for (i = 0; i < n; i++)
			t[i] = k == 0 ? call("ListCells", NULL, NULL) :
			       k == 1 ? call("GetCellStatistics", "s", cell) :
			       k == 2 ? get_state(cell_path) : ping();
		busy = daemon_cpu_us() - c0;
		busy -= daemon_idle_us(now_ms() - t0);
		report(names[k], t, n, &busy);
	}
	return 0;
}

static const char *const step_names[] = {
	"Enable", "CreateCell", "LoadCell", "StartCell", "ShutdownCell", "DestroyCell", "Disable",
};
enum { STEPS = sizeof(step_names) / sizeof(step_names[0]) };

static int bench_cycle(unsigned int n, const char *cell)
{
	double *t[STEPS];
	unsigned int i, s;

	for (s = 0; s < STEPS; s++)
		t[s] = calloc(n, sizeof(double));
	for (i = 0; i < n; i++) {
		t[0][i] = call("Enable", "s", "");
		t[1][i] = call("CreateCell", "s", cell);
		t[2][i] = call("LoadCell", "sa(ht)", cell);
		t[3][i] = call("StartCell", "s", cell);
		t[4][i] = call("ShutdownCell", "s", cell);
		t[5][i] = call("DestroyCell", "s", cell);
		t[6][i] = call("Disable", NULL, NULL);
	}
	for (s = 0; s < STEPS; s++)
		report(step_names[s], t[s], n, NULL);
	return 0;
}

/* PATH[@ADDR] read whole, or exit */
static struct blob blob_or_die(char *arg)
{
	struct blob b;
	int r = read_blob(arg, &b);

	if (r < 0)
		die(arg, NULL, r);
	return b;
}

/*
 * Wait until the daemon is idle: a pause in which the module's wake-up
 * after a raw step reaches it and the guest's own reaction to the last step
 * (udev, CPU hotplug) passes, then a Peer.Ping, which the daemon answers
 * only after the work it had queued: the refresh after a call's reply runs
 * before the next message is read. Returns the Ping's round trip.
 */
static double settle(void)
{
	usleep(50 * 1000);
	return ping();
}

/* One lifecycle by the raw ioctls, each step after settle(): times into t[step][run]. */
static void raw_lifecycle(int dev, const struct blob *sys, const struct blob *cfg,
			  const struct blob *img, double *t[STEPS], unsigned int run)
{
	struct cv_config_arg en = { .config = (uintptr_t)sys->data, .size = sys->size };
	struct cv_config_arg cr = { .config = (uintptr_t)cfg->data, .size = cfg->size };
	struct cv_load_segment seg = {
		.src = (uintptr_t)img->data, .size = img->size, .guest_addr = img->addr,
	};
	struct cv_load_arg ld = { .num_segments = 1, .segments = (uintptr_t)&seg };
	unsigned long req[STEPS] = { CV_ENABLE, CV_CELL_CREATE, CV_CELL_LOAD, CV_CELL_START,
				     CV_CELL_SHUTDOWN, CV_CELL_DESTROY, CV_DISABLE };
	__u32 id = 0;

	for (unsigned int s = 0; s < STEPS; s++) {
		void *arg = s == 0 ? (void *)&en : s == 1 ? (void *)&cr : s == 2 ? (void *)&ld :
			    s == STEPS - 1 ? NULL : (void *)&id;
		double t0;

		settle();
		t0 = now_ms();
		if (ioctl(dev, req[s], arg) < 0)
			die(step_names[s], NULL, -errno);
		t[s][run] = now_ms() - t0;
		if (s == 1)
			ld.cell_id = id = (__u32)cr.id;
	}
}

/* The same lifecycle through cellmgrd: times into t[step][run], Ping round trips into p. */
static void bus_lifecycle(const char *cell, double *t[STEPS], double *p[STEPS], unsigned int run)
{
	for (unsigned int s = 0; s < STEPS; s++) {
		p[s][run] = settle();
		t[s][run] = s == 0 ? call("Enable", "s", "") :
			    s == 2 ? call("LoadCell", "sa(ht)", cell) :
			    s == STEPS - 1 ? call("Disable", NULL, NULL) :
			    call(step_names[s], "s", cell);
	}
}

static double median_of(double *v, unsigned int n)
{
	qsort(v, n, sizeof(double), by_value);
	return v[(n - 1) / 2];
}

static int bench_spaced(unsigned int n, char **argv)
{
	const char *cell = argv[0];
	struct blob sys = blob_or_die(argv[1]), cfg = blob_or_die(argv[2]), img = blob_or_die(argv[3]);
	double *raw[STEPS], *bus[STEPS], *pings[STEPS];
	double *share = calloc(n, sizeof(double)), *over = calloc(n, sizeof(double));
	int dev = open("/dev/" CV_DEVICE_NAME, O_RDWR | O_CLOEXEC);

	if (dev < 0)
		die("/dev/" CV_DEVICE_NAME, NULL, -errno);
	for (unsigned int s = 0; s < STEPS; s++) {
		raw[s] = calloc(n, sizeof(double));
		bus[s] = calloc(n, sizeof(double));
		pings[s] = calloc(n, sizeof(double));
	}
	/* in turns first: neither way always runs on a system the other just stirred */
	for (unsigned int i = 0; i < n; i++) {
		if (i % 2)
			bus_lifecycle(cell, bus, pings, i);
		raw_lifecycle(dev, &sys, &cfg, &img, raw, i);
		if (!(i % 2))
			bus_lifecycle(cell, bus, pings, i);
	}
	for (unsigned int s = 0; s < STEPS; s++) {
		for (unsigned int i = 0; i < n; i++) {
			share[i] = bus[s][i] - raw[s][i];
			over[i] = share[i] - pings[s][i];
		}
		qsort(share, n, sizeof(double), by_value);
		printf("%s raw=%.2f bus=%.2f share=%.2f share_p90=%.2f ping=%.2f over_ping=%.2f\n",
		       step_names[s], median_of(raw[s], n), median_of(bus[s], n), share[(n - 1) / 2],
		       share[(n * 9 + 9) / 10 - 1], median_of(pings[s], n), median_of(over, n));
	}
	close(dev);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: cvbusbench calls|cycle N CELL\n"
		"       cvbusbench spaced N CELL SYSTEM.bin CELL.bin IMAGE@ADDR\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned int n;
	int r;

	if ((argc != 4 && argc != 7) || !(n = strtoul(argv[2], NULL, 0)))
		return usage();
	r = sd_bus_open_system(&bus);
	if (r < 0)
		die("system bus", NULL, r);
	if (argc == 4 && !strcmp(argv[1], "calls"))
		return bench_calls(n, argv[3]);
	if (argc == 4 && !strcmp(argv[1], "cycle"))
		return bench_cycle(n, argv[3]);
	if (argc == 7 && !strcmp(argv[1], "spaced"))
		return bench_spaced(n, argv + 3);
	return usage();
}
