// SPDX-License-Identifier: GPL-2.0-only
/* Host unit tests of the inmate library's pure parts: the formatter and the cmdline parser. */
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"
#include <string.h>

#include "cmdline.h"
#include "format.h"

char cmdline[CMDLINE_SIZE];


/* Compares snprintk with the C library's snprintf for the same format and arguments. */
static void check_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void check_fmt(const char *fmt, ...)
{
	char ours[128], libc[128];
	va_list ap, ap2;
	int n1, n2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n1 = vsnprintk(ours, sizeof(ours), fmt, ap);
	n2 = vsnprintf(libc, sizeof(libc), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (!tap_ok(n1 == n2 && !strcmp(ours, libc), "snprintk formats \"%s\" as the C library does", fmt))
		tap_diag("got \"%s\" (%d), want \"%s\" (%d)", ours, n1, libc, n2);
}

static void test_format(void)
{
	char small[8];

	check_fmt("plain text");
	check_fmt("%d %d %d", 0, -1, 2147483647);
	check_fmt("%d", (int)-2147483647 - 1);
	check_fmt("%u %x %X", 4000000000U, 0xdeadbeefU, 0xabcU);
	check_fmt("%ld %lu %lx", -123456789012L, 18446744073709551615UL, 0x123456789abcUL);
	check_fmt("%lld %llx", -9223372036854775807LL - 1, 0xffffffffffffffffULL);
	check_fmt("%zu", (size_t)42);
	check_fmt("[%6d] [%-6d] [%06d]", 42, 42, -42);
	check_fmt("[%6lu ns]", 1234UL);
	check_fmt("[%08x] [%2x]", 0x1fU, 0x12345U);
	check_fmt("[%s] [%8s] [%-8s] [%.3s]", "abc", "abc", "abc", "abcdef");
	check_fmt("[%c] [%3c] [%-3c]", 'x', 'y', 'z');
	check_fmt("[%*d] [%-*d]", 5, 1, 5, 2);
	check_fmt("100%%");
	check_fmt("Timer fired, jitter: %6ld ns, min: %6ld ns, max: %6ld ns", 1234L, 1000L, 5000L);

	CHECK(snprintk(small, sizeof(small), "%s", "truncated!") == 10);
	CHECK(strcmp(small, "truncat") == 0);
	CHECK(snprintk(NULL, 0, "%d", 12345) == 5);
}

static void set_cmdline(const char *s)
{
	memset(cmdline, 0, sizeof(cmdline));
	strncpy(cmdline, s, sizeof(cmdline) - 1);
}

static void test_cmdline(void)
{
	char buf[16];
	s64 v;

	set_cmdline("con-virtual=1 uart-irq=33  addr=0x7fc00000 mmu=off flag neg=-5");
	CHECK(cmdline_get_int("uart-irq", 0) == 33);
	CHECK(cmdline_get_int("addr", 0) == 0x7fc00000);
	CHECK(cmdline_get_int("neg", 0) == -5);
	CHECK(cmdline_get_int("missing", 7) == 7);
	CHECK(cmdline_get_int("uart", 9) == 9);		/* prefix is not a match */
	CHECK(cmdline_get_bool("con-virtual", false));
	CHECK(!cmdline_get_bool("mmu", true));
	CHECK(cmdline_get_bool("flag", false));	/* bare key = 1 */
	CHECK(cmdline_get_str("addr", buf, sizeof(buf)) && !strcmp(buf, "0x7fc00000"));
	CHECK(cmdline_get_str("addr", buf, 4) && !strcmp(buf, "0x7"));
	CHECK(!cmdline_get_str("nope", buf, sizeof(buf)));

	set_cmdline("a=1 a=2");
	CHECK(cmdline_get_int("a", 0) == 2);		/* last one wins */
	set_cmdline("bad=12z");
	CHECK(cmdline_get_int("bad", -1) == -1);
	CHECK(!kv_parse_s64("0x", 2, &v));
	CHECK(kv_parse_s64("0xFf", 4, &v) && v == 255);
	set_cmdline("");
	CHECK(cmdline_get_int("a", 3) == 3);

	/* Not NUL-terminated inside the buffer: the parser must stop at its end. */
	memset(cmdline, 'k', sizeof(cmdline));
	memcpy(cmdline + sizeof(cmdline) - 4, " x=5", 4);
	CHECK(cmdline_get_int("x", 0) == 5);
}

int main(void)
{
	test_format();
	test_cmdline();
	return tap_done();
}
