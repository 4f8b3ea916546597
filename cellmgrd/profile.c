/* SPDX-License-Identifier: GPL-2.0-only */
/* The per-call time breakdown of CELLMGRD_PROFILE (profile.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cv-util.h"
#include "profile.h"

bool profile_enabled;

static const char *const part_names[_PROFILE_MAX] = {
	[PROFILE_PRIVILEGE] = "privilege", [PROFILE_POLKIT] = "polkit", [PROFILE_CONFIG] = "config",
	[PROFILE_PARSE] = "parse", [PROFILE_IMAGE] = "image", [PROFILE_DRIVER] = "driver",
	[PROFILE_REFRESH] = "refresh", [PROFILE_SIGNALS] = "signals", [PROFILE_NOTIFY] = "notify",
	[PROFILE_FILES] = "files", [PROFILE_CONSOLE] = "console", [PROFILE_REPLY] = "reply",
};

static struct {
	FILE *out;
	uint64_t start;			/* when the iteration's first message came, or 0 */
	uint64_t cpu_start;		/* the daemon's CPU time then */
	uint64_t replied;		/* wall time from start to the reply's being out, or 0 */
	char what[64];			/* its member */
	char last[64];			/* the last iteration's */
	uint64_t usec[_PROFILE_MAX];
	unsigned int count[_PROFILE_MAX];
} prof;

static uint64_t usec_of(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

uint64_t profile_now_usec(void)
{
	return usec_of(CLOCK_MONOTONIC);
}

/* A line's work begins at @t0: its wall time counts from there, its CPU time from now. */
static void start_line(uint64_t t0)
{
	prof.start = t0;
	prof.cpu_start = usec_of(CLOCK_PROCESS_CPUTIME_ID);
}

void profile_add(enum profile_part p, uint64_t t0)
{
	prof.usec[p] += profile_now_usec() - t0;
	prof.count[p]++;
	if (!prof.start) {	/* work without a message: the driver's news */
		start_line(t0);
		snprintf(prof.what, sizeof(prof.what), "event");
	}
}

void profile_begin(const char *what)
{
	if (!profile_enabled || prof.start)
		return;
	start_line(profile_now_usec());
	if (what)
		snprintf(prof.what, sizeof(prof.what), "%s", what);
	else
		snprintf(prof.what, sizeof(prof.what), "%.50s/after", prof.last);
}

/* Every incoming message passes here before its handler. */
static int on_message(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	const char *member = sd_bus_message_get_member(m);

	(void)userdata, (void)error;
	if (!prof.start && sd_bus_message_is_method_call(m, NULL, NULL) > 0) {
		start_line(profile_now_usec());
		snprintf(prof.what, sizeof(prof.what), "%s", member ? member : "?");
	}
	return 0;
}

/* After each iteration of the loop that dispatched something. */
static int on_post(sd_event_source *s, void *userdata)
{
	(void)s, (void)userdata;
	if (!prof.start)
		return 0;
	/* cpu: the daemon's own CPU time (its ioctls' included); the rest of total it waited */
	fprintf(prof.out, "%s total=%llu cpu=%llu", prof.what,
		(unsigned long long)(profile_now_usec() - prof.start),
		(unsigned long long)(usec_of(CLOCK_PROCESS_CPUTIME_ID) - prof.cpu_start));
	if (prof.replied)
		fprintf(prof.out, " replied=%llu", (unsigned long long)prof.replied);
	for (int p = 0; p < _PROFILE_MAX; p++)
		if (prof.count[p])
			fprintf(prof.out, " %s=%llu/%u", part_names[p], (unsigned long long)prof.usec[p],
				prof.count[p]);
	fputc('\n', prof.out);
	fflush(prof.out);
	memcpy(prof.last, prof.what, sizeof(prof.last));
	memset(prof.usec, 0, sizeof(prof.usec));
	memset(prof.count, 0, sizeof(prof.count));
	prof.start = 0;
	prof.replied = 0;
	return 0;
}

void profile_replied(void)
{
	if (!profile_enabled || !prof.start)
		return;
	(void)on_post(NULL, NULL);
	profile_begin(NULL);
}

void profile_reply_sent(void)
{
	if (profile_enabled && prof.start)
		prof.replied = profile_now_usec() - prof.start;
}

int profile_setup(sd_event *e, sd_bus *bus)
{
	const char *path = getenv("CELLMGRD_PROFILE");
	sd_event_source *post;
	int r;

	if (!path || !*path)
		return 0;
	prof.out = fopen(path, "ae");
	if (!prof.out)
		return -errno;
	r = sd_bus_add_filter(bus, NULL, on_message, NULL);
	if (r >= 0)
		r = sd_event_add_post(e, &post, on_post, NULL);
	if (r < 0)
		return r;
	/* before any other pending source (the refresh after a call): one line per dispatch */
	r = sd_event_source_set_priority(post, SD_EVENT_PRIORITY_IMPORTANT - 1);
	if (r >= 0)
		r = sd_event_source_set_floating(post, true);	/* the loop takes it over */
	sd_event_source_unref(post);
	if (r < 0)
		return r;
	profile_enabled = true;
	return 0;
}
