// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own check of the shipped system configs, as cellctl
 * compiles them (blobs made by `cellctl config compile` at build time):
 * each must pass config_check_system, and its debug console must be one
 * the hypervisor has a driver for.
 *
 * Usage: hv-test-config-shipped BLOB...
 */
#include <stdlib.h>
#include <string.h>
#include <cellvisor/hypercall.h>
#include <hv/config.h>
#include <hv/uart.h>
#include "tap.h"

/* The drivers' register accessors; nothing is written here. */
u32 io_read32(unsigned long addr)
{
	(void)addr;
	return 0;
}

void io_write32(unsigned long addr, u32 v)
{
	(void)addr;
	(void)v;
}

static void check_blob(const char *path)
{
	static u64 buf[CV_CONFIG_MAX_SIZE / 8];
	const struct cv_system_config *sys = (const void *)buf;
	const char *why = NULL;
	FILE *f = fopen(path, "rb");
	size_t n;

	CHECK(f != NULL);
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (!tap_ok(!config_check_system(sys, n, &why), "the hypervisor accepts %s", path))
		tap_diag("refused: %s", why);
	if (tap_ok(uart_driver_find(sys->debug_console.type) != NULL,
		   "it has a driver for %s's debug console", path))
		tap_diag("debug console type %u at 0x%llx", sys->debug_console.type,
			 (unsigned long long)sys->debug_console.address);
}

int main(int argc, char *argv[])
{
	CHECK(argc > 1);
	for (int i = 1; i < argc; i++)
		check_blob(argv[i]);
	return tap_done();
}
