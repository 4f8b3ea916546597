/* SPDX-License-Identifier: GPL-2.0-only */
/* Logging to stderr with "<N>" priority prefixes that journald understands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv-log.h"

static int max_level = CV_LOG_INFO;

void cv_log_set_max_level(int level)
{
	max_level = level;
}

void cv_log_setup(void)
{
	const char *e = getenv("CELLVISOR_LOG_LEVEL");

	if (e && streq(e, "debug"))
		max_level = CV_LOG_DEBUG;
}

int cv_log_errno(int level, int r, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	if (level > max_level)
		return r;
	fprintf(stderr, "<%d>", level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (r < 0)
		fprintf(stderr, ": %s", strerror(-r));
	fputc('\n', stderr);
	errno = saved;
	return r;
}
