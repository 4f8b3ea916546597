// SPDX-License-Identifier: GPL-2.0
/* The few libc functions the compiler and the core need. */
#include <hv/lib.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;

	if (!c && IS_ALIGNED((u64)(unsigned long)d | n, 8)) {
		u64 *q = dst;

		for (n /= 8; n; n--)
			*q++ = 0;
		return dst;
	}
	while (n--)
		*d++ = (u8)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
