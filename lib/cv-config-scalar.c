/* SPDX-License-Identifier: GPL-2.0-only */
/* The scalar syntax of the configs: numbers, sizes, CPU and IRQ lists. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cv-config.h"

int cv_parse_u64(const char *s, uint64_t *ret)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end || end == s)
		return -EINVAL;
	/* strtoull(…, 0) would read "010" as octal: nobody means that in a memory map. */
	if (s[0] == '0' && isdigit((unsigned char)s[1]))
		return -EINVAL;
	*ret = v;
	return 0;
}

int cv_parse_size(const char *s, uint64_t *ret)
{
	static const struct { char c; unsigned int shift; } units[] = {
		{ 'K', 10 }, { 'M', 20 }, { 'G', 30 }, { 'T', 40 },
	};
	size_t len = strlen(s);
	char buf[64];
	uint64_t v;
	int r;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	for (size_t i = 0; i < ELEMENTSOF(units); i++) {
		char last = (char)toupper((unsigned char)s[len - 1]);

		if (last != units[i].c || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
			continue;
		memcpy(buf, s, len - 1);
		buf[len - 1] = 0;
		r = cv_parse_u64(buf, &v);
		if (r < 0)
			return r;
		if (v > (UINT64_MAX >> units[i].shift))
			return -ERANGE;
		*ret = v << units[i].shift;
		return 0;
	}
	return cv_parse_u64(s, ret);
}

/* Parse "A" or "A-B" from the start of s, up to a comma or the end. */
static int parse_range(const char **s, uint64_t *lo, uint64_t *hi)
{
	char buf[32];
	const char *comma = strchr(*s, ','), *dash;
	size_t len = comma ? (size_t)(comma - *s) : strlen(*s);
	int r;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, *s, len);
	buf[len] = 0;
	*s += len + (comma ? 1 : 0);
	if (comma && !**s)
		return -EINVAL;		/* trailing comma */
	dash = strchr(buf, '-');
	if (!dash) {
		r = cv_parse_u64(buf, lo);
		*hi = *lo;
		return r;
	}
	buf[dash - buf] = 0;
	r = cv_parse_u64(buf, lo);
	if (r < 0)
		return r;
	r = cv_parse_u64(dash + 1, hi);
	if (r < 0)
		return r;
	return *hi < *lo ? -EINVAL : 0;
}

/*
 * "A-B,C,..." into bits of @bitmap, every number below @limit; else
 * -ERANGE with *bad the first one that is not.
 */
static int parse_list(const char *s, uint64_t limit, uint32_t *bitmap, uint64_t *bad)
{
	uint64_t lo, hi;
	int r;

	if (!*s)
		return -EINVAL;
	while (*s) {
		r = parse_range(&s, &lo, &hi);
		if (r < 0)
			return r;
		if (hi >= limit) {
			*bad = hi;
			return -ERANGE;
		}
		for (uint64_t i = lo; i <= hi; i++)
			bitmap[i / 32] |= 1U << (i % 32);
	}
	return 0;
}

_Static_assert(CV_MAX_CPUS == 64, "a CPU list is a uint64_t mask");

int cv_parse_cpu_list(const char *s, uint64_t *ret_mask)
{
	uint32_t bits[CV_MAX_CPUS / 32] = {};
	uint64_t bad;
	int r;

	r = parse_list(s, CV_MAX_CPUS, bits, &bad);
	if (r == 0)
		*ret_mask = bits[0] | (uint64_t)bits[1] << 32;
	return r;
}

int cv_parse_irq_list(const char *s, uint32_t *bitmap, unsigned int *ret_bad)
{
	uint64_t bad;
	int r;

	r = parse_list(s, CV_NUM_IRQS, bitmap, &bad);
	if (r == -ERANGE && ret_bad)
		*ret_bad = bad > UINT32_MAX ? UINT32_MAX : (unsigned int)bad;
	return r;
}

char *cv_format_cpu_list(uint64_t mask, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = 0;
	for (unsigned int c = 0; c < CV_MAX_CPUS && n < size; c++) {
		unsigned int end = c;

		if (!(mask >> c & 1))
			continue;
		while (end + 1 < CV_MAX_CPUS && (mask >> (end + 1) & 1))
			end++;
		if (end == c)
			n += snprintf(buf + n, size - n, "%s%u", n ? "," : "", c);
		else
			n += snprintf(buf + n, size - n, "%s%u-%u", n ? "," : "", c, end);
		c = end;
	}
	return buf;
}
