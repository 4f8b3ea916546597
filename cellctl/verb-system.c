/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl hardware check. */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cellctl.h"

static int check(bool ok, const char *what, const char *hint)
{
	printf("%-48s %s\n", what, ok ? "ok" : "MISSING");
	if (!ok && hint)
		printf("    %s\n", hint);
	return ok ? 0 : 1;
}

static bool file_contains(const char *path, const char *text)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	char buf[4096];
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

int verb_hardware_check(int argc, char *argv[])
{
	struct utsname u;
	struct stat st;
	int missing = 0;

	(void)argc, (void)argv;
	missing += check(uname(&u) == 0 && streq(u.machine, "aarch64"), "arm64 (aarch64) machine",
			 "cellvisor runs on arm64 only");
	missing += check(sysconf(_SC_NPROCESSORS_CONF) >= 2, "at least two CPUs",
			 "one CPU stays with Linux, the others go to cells");
	missing += check(file_contains("/proc/cpuinfo", "CPU architecture: 8"), "ARMv8 CPUs", NULL);
	missing += check(stat("/sys/firmware/devicetree/base", &st) == 0 || stat("/sys/firmware/acpi", &st) == 0,
			 "firmware description (device tree or ACPI)", NULL);
	missing += check(!file_contains("/proc/cmdline", "kvm-arm.mode=nvhe") &&
			 !file_contains("/proc/cmdline", "kvm-arm.mode=protected"),
			 "EL2 left free (no KVM in nVHE/protected mode)", "boot with kvm-arm.mode=none");
	missing += check(stat("/sys/module/cellvisor", &st) == 0, "cellvisor.ko loaded", "modprobe cellvisor");
	missing += check(stat("/dev/cellvisor", &st) == 0 && S_ISCHR(st.st_mode), "/dev/cellvisor present", NULL);
	missing += check(stat("/lib/firmware/cellvisor.bin", &st) == 0, "/lib/firmware/cellvisor.bin installed", NULL);
	printf("\n%s\n", missing ? "Some requirements are missing." : "This machine can run cellvisor.");
	return missing ? EXIT_FAIL : EXIT_OK;
}
