/* SPDX-License-Identifier: GPL-2.0-only */
/* Included by test-config-pipeline.c: the scalar syntax (sizes, numbers, CPU and IRQ lists). */

static void size_is(const char *s, uint64_t want)
{
	uint64_t v = 0;
	char detail[64];

	snprintf(detail, sizeof(detail), "got 0x%llx", (unsigned long long)v);
	ok(cv_parse_size(s, &v) == 0 && v == want, "size '%s' parses", s, detail);
}

static void size_bad(const char *s)
{
	uint64_t v;

	ok(cv_parse_size(s, &v) < 0, "size '%s' is rejected", s, NULL);
}

static void cpus_is(const char *s, uint64_t want)
{
	uint64_t m = 0;

	ok(cv_parse_cpu_list(s, &m) == 0 && m == want, "CPU list '%s' parses", s, NULL);
}

static void test_scalars(void)
{
	uint32_t bm[CV_NUM_IRQS / 32] = {};
	unsigned int bad = 0;
	char buf[64];

	size_is("64K", 0x10000);
	size_is("64k", 0x10000);
	size_is("2M", 0x200000);
	size_is("1G", 0x40000000);
	size_is("0x7fa00000", 0x7fa00000);
	size_is("4096", 4096);
	size_is("0", 0);
	size_is("0x4010000000", 0x4010000000ULL);
	size_bad("");
	size_bad("-1");
	size_bad("64KB");
	size_bad("0x");
	size_bad("1.5M");
	size_bad("010");
	size_bad("99999999999999999999");
	size_bad("17179869184G");
	cpus_is("3", 1 << 3);
	cpus_is("2-3,5", (1 << 2) | (1 << 3) | (1 << 5));
	cpus_is("0-63", ~0ULL);
	ok(cv_parse_cpu_list("64", &(uint64_t){0}) == -ERANGE, "CPU 64 is out of range", "", NULL);
	ok(cv_parse_cpu_list("1,", &(uint64_t){0}) < 0, "trailing comma is rejected", "", NULL);
	ok(cv_parse_cpu_list("3-1", &(uint64_t){0}) < 0, "backwards range is rejected", "", NULL);
	ok(cv_parse_irq_list("32-63,100", bm, &bad) == 0 && bm[1] == 0xffffffff &&
	   bm[3] == 1U << 4 && bm[0] == 0, "IRQ list '%s' parses", "32-63,100", NULL);
	ok(cv_parse_irq_list("1024", bm, &bad) == -ERANGE && bad == 1024, "IRQ 1024 is out of range", "", NULL);
	ok(streq(cv_format_cpu_list(0x2d, buf, sizeof(buf)), "0,2-3,5"), "CPU mask 0x2d formats as %s", "0,2-3,5", buf);
}
