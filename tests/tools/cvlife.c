// SPDX-License-Identifier: GPL-2.0
/*
 * cvlife: lifecycle latency of the raw ioctls, timed in-process (make bench).
 *   cvlife RUNS SYSTEM.bin CELL.bin IMAGE@ADDR [BIGCELL.bin BIGIMAGE@ADDR]
 * Each run: enable, create, load, start, shutdown, destroy of CELL (and, if
 * given, create, load and destroy of BIGCELL, whose image is the "large
 * load"), disable. Prints one line per step: NAME median=MS p90=MS max=MS.
 * Timing in-process leaves out what a shell adds (exec of a static binary
 * costs milliseconds under TCG). Exit status 1 if any ioctl fails.
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

#include "blob.h"

enum step { ENABLE, CREATE, LOAD, START, SHUTDOWN, DESTROY, BIG_CREATE, BIG_LOAD,
	    BIG_DESTROY, DISABLE, STEPS };

static const char *const step_names[STEPS] = {
	"enable", "create", "load", "start", "shutdown", "destroy",
	"create-big", "load-big", "destroy-big", "disable",
};


static int dev;

static void die(const char *what)
{
	fprintf(stderr, "cvlife: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* PATH[@ADDR] read whole, or exit */
static struct blob blob_or_die(char *arg)
{
	struct blob b;

	errno = -read_blob(arg, &b);
	if (errno)
		die(arg);
	return b;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One ioctl, timed into @t; dies if it fails. */
static void timed(unsigned long req, void *arg, const char *what, double *t)
{
	double t0 = now_ms();

	if (ioctl(dev, req, arg) < 0)
		die(what);
	*t = now_ms() - t0;
}

static __u32 create(const struct blob *cfg, double *t)
{
	struct cv_config_arg arg = { .config = (unsigned long)cfg->data, .size = cfg->size };

	timed(CV_CELL_CREATE, &arg, "create", t);
	return arg.id;
}

static void load(__u32 id, const struct blob *img, double *t)
{
	struct cv_load_segment seg = {
		.src = (unsigned long)img->data, .size = img->size, .guest_addr = img->addr,
	};
	struct cv_load_arg arg = { .cell_id = id, .num_segments = 1,
				   .segments = (unsigned long)&seg };

	timed(CV_CELL_LOAD, &arg, "load", t);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct blob sys, cell, img, big_cell, big_img;
	unsigned int runs, r, s;
	double *t[STEPS];
	int big = argc == 7;

	if (argc != 5 && argc != 7) {
		fprintf(stderr, "usage: cvlife RUNS SYSTEM.bin CELL.bin IMAGE@ADDR "
			"[BIGCELL.bin BIGIMAGE@ADDR]\n");
		return 2;
	}
	runs = strtoul(argv[1], NULL, 0);
	if (!runs)
		return 2;
	sys = blob_or_die(argv[2]);
	cell = blob_or_die(argv[3]);
	img = blob_or_die(argv[4]);
	if (big) {
		big_cell = blob_or_die(argv[5]);
		big_img = blob_or_die(argv[6]);
	}
	dev = open("/dev/" CV_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die("/dev/" CV_DEVICE_NAME);
	for (s = 0; s < STEPS; s++)
		t[s] = calloc(runs, sizeof(double));

	for (r = 0; r < runs; r++) {
		struct cv_config_arg en = { .config = (unsigned long)sys.data, .size = sys.size };
		__u32 id;

		timed(CV_ENABLE, &en, "enable", &t[ENABLE][r]);
		id = create(&cell, &t[CREATE][r]);
		load(id, &img, &t[LOAD][r]);
		timed(CV_CELL_START, &id, "start", &t[START][r]);
		timed(CV_CELL_SHUTDOWN, &id, "shutdown", &t[SHUTDOWN][r]);
		timed(CV_CELL_DESTROY, &id, "destroy", &t[DESTROY][r]);
		if (big) {
			id = create(&big_cell, &t[BIG_CREATE][r]);
			load(id, &big_img, &t[BIG_LOAD][r]);
			timed(CV_CELL_DESTROY, &id, "destroy", &t[BIG_DESTROY][r]);
		}
		timed(CV_DISABLE, NULL, "disable", &t[DISABLE][r]);
	}

	for (s = 0; s < STEPS; s++) {
		if (!big && s >= BIG_CREATE && s <= BIG_DESTROY)
			continue;
		qsort(t[s], runs, sizeof(double), by_value);
		printf("%s median=%.2f p90=%.2f max=%.2f\n", step_names[s],
		       t[s][(runs - 1) / 2], t[s][(runs * 9 + 9) / 10 - 1], t[s][runs - 1]);
	}
	return 0;
}
