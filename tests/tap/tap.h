/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TAP for the C tests, host side: every check is one "ok N - ..." line, a
 * failure adds "#" lines saying where and what, and tap_done() prints the
 * plan and gives main() its exit status. Header-only, so each test program
 * (the hypervisor's, the library's, the inmates', the daemon's) includes it
 * without linking anything.
 */
#ifndef CV_TAP_H
#define CV_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static unsigned int tap_run, tap_failed;

static inline void tap_vdiag(const char *fmt, va_list ap)
{
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
}

/* A "#" line: context a reader of the log needs, never a result. */
static inline __attribute__((format(printf, 1, 2)))
void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

/* One test, described by what it asserts; returns cond. */
static inline __attribute__((format(printf, 2, 3)))
bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	tap_run++;
	tap_failed += !cond;
	printf("%sok %u - ", cond ? "" : "not ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	return cond;
}

/* The plan, last; main() returns this. */
static inline int tap_done(void)
{
	printf("1..%u\n", tap_run);
	return tap_failed ? 1 : 0;
}

/* An assertion whose text is its description. */
#define CHECK(cond) do {						\
	if (!tap_ok(!!(cond), "%s", #cond))				\
		tap_diag("at %s:%d", __FILE__, __LINE__);		\
} while (0)

/* Equality of two integers, both values shown when they differ. */
#define CHECK_EQ(a, b) do {						\
	unsigned long long _a = (unsigned long long)(a);		\
	unsigned long long _b = (unsigned long long)(b);		\
	if (!tap_ok(_a == _b, "%s == %s", #a, #b))			\
		tap_diag("at %s:%d: 0x%llx != 0x%llx",			\
			 __FILE__, __LINE__, _a, _b);			\
} while (0)

/*
 * A precondition inside a helper or a loop that runs thousands of times
 * (an access the test relies on, one element of a table): silent while it
 * holds, one failed test with its place when it does not. The behaviour
 * the loop is about gets its own CHECK after it.
 */
#define REQUIRE(cond) do {						\
	if (!(cond)) {							\
		tap_ok(false, "%s", #cond);				\
		tap_diag("at %s:%d", __FILE__, __LINE__);		\
	}								\
} while (0)

#define REQUIRE_EQ(a, b) do {						\
	unsigned long long _a = (unsigned long long)(a);		\
	unsigned long long _b = (unsigned long long)(b);		\
	if (_a != _b) {							\
		tap_ok(false, "%s == %s", #a, #b);			\
		tap_diag("at %s:%d: 0x%llx != 0x%llx",			\
			 __FILE__, __LINE__, _a, _b);			\
	}								\
} while (0)

#endif /* CV_TAP_H */
