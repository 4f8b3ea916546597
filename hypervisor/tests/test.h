/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal assertion helpers for the host unit tests of the EL2 core. */
#ifndef _HV_TEST_H
#define _HV_TEST_H

#include <stdio.h>
#include <stdlib.h>

static int test_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		test_failures++; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	unsigned long long _a = (unsigned long long)(a), _b = (unsigned long long)(b); \
	if (_a != _b) { \
		fprintf(stderr, "%s:%d: %s == %s failed: 0x%llx != 0x%llx\n", \
			__FILE__, __LINE__, #a, #b, _a, _b); \
		test_failures++; \
	} \
} while (0)

static inline int test_result(const char *name)
{
	if (test_failures)
		fprintf(stderr, "%s: %d failure(s)\n", name, test_failures);
	else
		printf("%s: all checks passed\n", name);
	return test_failures ? 1 : 0;
}

#endif /* _HV_TEST_H */
