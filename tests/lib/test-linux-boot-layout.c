/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generated device trees and Linux boots, as TAP: the tree of the shipped
 * linux-demo and u-boot cells read back with libfdt node by node; the boot
 * layout (loader, kernel, initrd, device tree) of a synthetic arm64 Image,
 * plain and gzip-compressed; every refusal with its message.
 *
 * Usage: test-linux CONFIGDIR (configs/qemu-arm64)
 */
#include <endian.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <zlib.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-config.h"
#include "cv-dtb.h"
#include "cv-linux.h"

static struct cv_config *load(const char *dir, const char *name)
{
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *path = NULL;
	struct cv_config *c = NULL;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	if (cv_config_load(path, &c, &d) < 0) {
		printf("Bail out! cannot load %s: %s\n", path, d.n_msgs ? d.msgs[0] : "?");
		exit(1);
	}
	return c;
}

/* ---- reading a tree back ---- */

static const void *fdt;

static int node(const char *path)
{
	return fdt_path_offset(fdt, path);
}

static bool prop_is_str(const char *path, const char *prop, const char *want)
{
	int len;
	const char *v = fdt_getprop(fdt, node(path), prop, &len);

	return v && len == (int)strlen(want) + 1 && memcmp(v, want, (size_t)len) == 0;
}

/* The property's 32-bit cells equal want[0..n). */
static bool prop_is_cells(const char *path, const char *prop, const uint32_t *want, int n)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node(path), prop, &len);

	if (!v || len != n * 4)
		return false;
	for (int i = 0; i < n; i++)
		if (fdt32_to_cpu(v[i]) != want[i])
			return false;
	return true;
}

static bool has_prop(const char *path, const char *prop)
{
	return fdt_getprop(fdt, node(path), prop, NULL) != NULL;
}

static uint64_t prop_u64(const char *path, const char *prop)
{
	int len;
	const void *v = fdt_getprop(fdt, node(path), prop, &len);

	/* a property is only 4-byte aligned in the blob */
	return v && len == 8 ? fdt64_ld(v) : ~0ULL;
}

/* The phandle a property points at is a fixed clock of hz. */
static bool is_fixed_clock(const char *path, const char *prop, int index, uint32_t hz)
{
	int len, clk;
	const fdt32_t *v = fdt_getprop(fdt, node(path), prop, &len);

	if (!v || len < (index + 1) * 4)
		return false;
	clk = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(v[index]));
	return clk >= 0 && fdt_node_check_compatible(fdt, clk, "fixed-clock") == 0 &&
	       fdt_getprop(fdt, clk, "clock-frequency", &len) && len == 4 &&
	       fdt32_to_cpu(*(const fdt32_t *)fdt_getprop(fdt, clk, "clock-frequency", NULL)) == hz;
}

static void test_linux_demo_tree(const struct cv_config *cell, const struct cv_config *sys)
{
	_cleanup_free_ void *dtb = NULL;
	_cleanup_free_ char *error = NULL;
	struct cv_dtb_chosen chosen = { .bootargs = "console=ttyAMA0", .initrd_start = 0x82000000,
					.initrd_end = 0x82100000 };
	size_t size = 0;
	int r;

	r = cv_dtb_generate(&cell->cell, &sys->system, &chosen, &dtb, &size, &error);
	if (!tap_ok(r == 0, "linux-demo: the device tree is generated (%s)", error ? error : "no error"))
		return;
	fdt = dtb;
	printf("# linux-demo's generated device tree: %zu bytes\n", size);
	tap_ok(fdt_check_full(dtb, size) == 0, "linux-demo: libfdt finds the tree well-formed");
	tap_ok(prop_is_cells("/", "#address-cells", (uint32_t[]){ 2 }, 1) &&
	   prop_is_cells("/", "#size-cells", (uint32_t[]){ 2 }, 1), "linux-demo: 64-bit addresses and sizes");
	tap_ok(node("/cpus/cpu@2") >= 0 && node("/cpus/cpu@3") >= 0 && node("/cpus/cpu@0") < 0 &&
	   node("/cpus/cpu@1") < 0, "linux-demo: CPUs 2 and 3, and only those");
	tap_ok(prop_is_cells("/cpus/cpu@3", "reg", (uint32_t[]){ 3 }, 1) &&
	   prop_is_str("/cpus/cpu@3", "enable-method", "psci") &&
	   prop_is_str("/cpus/cpu@3", "device_type", "cpu"), "linux-demo: cpu@3 has its MPIDR and psci");
	tap_ok(prop_is_str("/psci", "method", "smc") &&
	   fdt_node_check_compatible(fdt, node("/psci"), "arm,psci-0.2") == 0, "linux-demo: PSCI 0.2+ through SMC");
	tap_ok(prop_is_cells("/memory@80000000", "reg", (uint32_t[]){ 0, 0x80000000, 0, 0x8000000 }, 4) &&
	   prop_is_str("/memory@80000000", "device_type", "memory"), "linux-demo: 128 MiB of RAM at 0x80000000");
	tap_ok(fdt_node_check_compatible(fdt, node("/intc@8000000"), "arm,gic-v3") == 0 &&
	   prop_is_cells("/intc@8000000", "reg",
			 (uint32_t[]){ 0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0, 4 * 0x20000 }, 8) &&
	   has_prop("/intc@8000000", "interrupt-controller") &&
	   prop_is_cells("/intc@8000000", "#interrupt-cells", (uint32_t[]){ 3 }, 1),
	   "linux-demo: the GICv3 at its real GICD, one redistributor region over all 4 frames");
	tap_ok(prop_is_cells("/", "interrupt-parent", (uint32_t[]){ fdt_get_phandle(fdt, node("/intc@8000000")) }, 1),
	   "linux-demo: the GIC is the interrupt parent");
	tap_ok(prop_is_cells("/timer", "interrupts", (uint32_t[]){ 1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4 }, 12),
	   "linux-demo: the timer's PPIs 13 14 11 10 (INTIDs 29 30 27 26)");
	tap_ok(fdt_node_check_compatible(fdt, node("/pl011@9000000"), "arm,primecell") == 0 &&
	   prop_is_cells("/pl011@9000000", "reg", (uint32_t[]){ 0, 0x09000000, 0, 0x1000 }, 4) &&
	   prop_is_cells("/pl011@9000000", "interrupts", (uint32_t[]){ 0, 80 - 32, 4 }, 3),
	   "linux-demo: the vUART is a PL011 at 0x09000000 on SPI 48 (INTID 80)");
	tap_ok(is_fixed_clock("/pl011@9000000", "clocks", 0, 24000000) &&
	   is_fixed_clock("/pl011@9000000", "clocks", 1, 24000000), "linux-demo: the PL011's clocks are 24 MHz");
	tap_ok(prop_is_str("/virtio_mmio@a000000", "compatible", "virtio,mmio") &&
	   prop_is_cells("/virtio_mmio@a000000", "reg", (uint32_t[]){ 0, 0x0a000000, 0, 0x200 }, 4) &&
	   prop_is_cells("/virtio_mmio@a000000", "interrupts", (uint32_t[]){ 0, 16, 1 }, 3) &&
	   has_prop("/virtio_mmio@a000000", "dma-coherent"),
	   "linux-demo: the handed-over virtio-mmio transport, SPI 16 edge, DMA-coherent");
	tap_ok(prop_is_str("/chosen", "bootargs", "console=ttyAMA0") &&
	   prop_is_str("/chosen", "stdout-path", "/pl011@9000000") &&
	   prop_u64("/chosen", "linux,initrd-start") == 0x82000000 &&
	   prop_u64("/chosen", "linux,initrd-end") == 0x82100000, "linux-demo: chosen has bootargs, stdout-path, initrd");
	tap_ok(prop_is_str("/aliases", "serial0", "/pl011@9000000"), "linux-demo: serial0 is the vUART");
}

static void test_u_boot_tree(const struct cv_config *cell, const struct cv_config *sys)
{
	_cleanup_free_ void *dtb = NULL, *patched = NULL;
	_cleanup_free_ char *error = NULL;
	struct cv_dtb_chosen chosen = { .bootargs = "root=/dev/vda", .initrd_start = 0x41000000,
					.initrd_end = 0x41001000 };
	size_t size = 0, psize = 0;
	int r;

	if (!tap_ok(cv_dtb_generate(&cell->cell, &sys->system, NULL, &dtb, &size, &error) == 0,
		"u-boot: the device tree is generated"))
		return;
	fdt = dtb;
	tap_ok(node("/memory@40000000") >= 0 && node("/memory@0") < 0,
	   "u-boot: RAM at 0x40000000; the read-only flash at 0 is not RAM");
	tap_ok(node("/cpus/cpu@1") >= 0 && prop_is_cells("/pl011@9000000", "interrupts", (uint32_t[]){ 0, 81 - 32, 4 }, 3),
	   "u-boot: CPU 1, the vUART on INTID 81");
	tap_ok(!has_prop("/chosen", "bootargs") && !has_prop("/chosen", "linux,initrd-start") &&
	   prop_is_str("/chosen", "stdout-path", "/pl011@9000000"), "u-boot: chosen has only stdout-path");
	/* A tree someone wrote gets /chosen set the same way. */
	tap_ok(cv_dtb_set_chosen(dtb, size, &chosen, &patched, &psize, &error) == 0, "a given tree: /chosen is set");
	fdt = patched;
	tap_ok(fdt_check_full(patched, psize) == 0 && prop_is_str("/chosen", "bootargs", "root=/dev/vda") &&
	   prop_u64("/chosen", "linux,initrd-end") == 0x41001000 && node("/memory@40000000") >= 0,
	   "a given tree: bootargs and initrd added, the rest kept");
	free(error);
	r = cv_dtb_set_chosen("not a device tree at all, but text", 35, &chosen, &patched, &psize, &error);
	tap_ok(r == -EINVAL && error && strstr(error, "not a flattened device tree"),
	   "a given file that is no tree is refused: %s", error);
}

/* ---- Linux boots ---- */

#define IMAGE_SIZE	(4 << 20)

/* A synthetic arm64 Image: the 64-byte header and a little payload. */
static void *make_image(size_t *size, uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
	unsigned char *p = calloc(1, 8192);
	uint64_t v;

	v = htole64(text_offset);
	memcpy(p + 8, &v, 8);
	v = htole64(image_size);
	memcpy(p + 16, &v, 8);
	v = htole64(flags);
	memcpy(p + 24, &v, 8);
	memcpy(p + 56, "ARM\x64", 4);
	memset(p + 64, 0xa5, 8192 - 64);
	*size = 8192;
	return p;
}

static void *gzip(const void *data, size_t size, size_t *ret_size)
{
	z_stream z = { .next_in = (unsigned char *)data, .avail_in = (uInt)size };
	size_t cap = size + 1024;
	unsigned char *out = malloc(cap);

	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*ret_size = z.total_out;
	deflateEnd(&z);
	return out;
}

static uint64_t loader_literal(const struct cv_linux_boot *b, int i)
{
	const uint32_t *w = b->parts[0].data;

	return le32toh(w[6 + 2 * i]) | (uint64_t)le32toh(w[7 + 2 * i]) << 32;
}

static void check_layout(const struct cv_config *cell, const struct cv_config *sys, const void *kernel,
			 size_t kernel_size, const char *what)
{
	static const char initrd[3 << 20];
	struct cv_linux_input in = { .kernel = kernel, .kernel_size = kernel_size, .initrd = initrd,
				     .initrd_size = sizeof(initrd), .cmdline = "console=ttyAMA0 quiet" };
	_cleanup_free_ char *error = NULL;
	struct cv_linux_boot b;
	const uint32_t *loader;
	int r;

	r = cv_linux_prepare(&cell->cell, &sys->system, &in, &b, &error);
	if (!tap_ok(r == 0 && b.n_parts == 4, "%s: prepared (%s)", what, error ? error : "no error"))
		return;
	loader = b.parts[0].data;
	tap_ok(streq(b.parts[0].what, "loader") && b.parts[0].address == 0x80000000 &&
	   b.parts[0].size == CV_LINUX_LOADER_SIZE, "%s: the 40-byte loader at the reset address", what);
	tap_ok(le32toh(loader[0]) == 0x580000c0 && le32toh(loader[4]) == 0x58000084 && le32toh(loader[5]) == 0xd61f0080,
	   "%s: the loader loads x0 and the entry from its literals and branches", what);
	tap_ok(b.parts[1].address == 0x80200000 + 0x10000 && loader_literal(&b, 1) == b.parts[1].address &&
	   b.parts[1].size == 8192 && ((const unsigned char *)b.parts[1].data)[100] == 0xa5,
	   "%s: the Image at the next 2 MiB + text_offset 0x10000, and the loader jumps there", what);
	tap_ok(b.parts[2].address == 0x80210000 + IMAGE_SIZE && b.parts[2].size == sizeof(initrd),
	   "%s: the initrd after image_size, page-aligned", what);
	tap_ok(b.parts[3].address == b.parts[2].address + sizeof(initrd) && loader_literal(&b, 0) == b.parts[3].address,
	   "%s: the device tree after the initrd, its address in x0", what);
	fdt = b.parts[3].data;
	tap_ok(prop_u64("/chosen", "linux,initrd-start") == b.parts[2].address &&
	   prop_u64("/chosen", "linux,initrd-end") == b.parts[2].address + sizeof(initrd) &&
	   prop_is_str("/chosen", "bootargs", "console=ttyAMA0 quiet"), "%s: the tree says where the initrd is", what);
	cv_linux_boot_free(&b);
}

/* cv_linux_prepare refuses with err and a message containing want. */
static void refused(const struct cv_config *cell, const struct cv_config *sys, const struct cv_linux_input *in,
		    int err, const char *want, const char *what)
{
	_cleanup_free_ char *error = NULL;
	struct cv_linux_boot b;
	int r = cv_linux_prepare(&cell->cell, &sys->system, in, &b, &error);

	tap_ok(r == err && error && strstr(error, want), "refused: %s: %s", what, error ? error : "(accepted)");
	if (r == 0)
		cv_linux_boot_free(&b);
}

static void test_refusals(struct cv_config *cell, struct cv_config *sys)
{
	static const char elf[64] = "\177ELF\2\1\1";
	static char big[130 << 20];
	static char long_cmdline[CV_LINUX_CMDLINE_MAX + 1];
	_cleanup_free_ void *k = NULL, *old = NULL, *be = NULL;
	size_t ks, os, bs;
	struct cv_linux_input in;
	uint64_t mpidr;

	k = make_image(&ks, 0, IMAGE_SIZE, 0xa);
	old = make_image(&os, 0x80000, 0, 0);
	be = make_image(&bs, 0, IMAGE_SIZE, 0xb);
	in = (struct cv_linux_input){ .kernel = "#!/bin/sh\necho not a kernel\n", .kernel_size = 27 };
	refused(cell, sys, &in, -EINVAL, "not an arm64 Linux Image", "a script as the kernel");
	in = (struct cv_linux_input){ .kernel = elf, .kernel_size = sizeof(elf) };
	refused(cell, sys, &in, -EINVAL, "ELF file (vmlinux?)", "an ELF vmlinux as the kernel");
	in = (struct cv_linux_input){ .kernel = "\x1f\x8b\x08\0garbage", .kernel_size = 11 };
	refused(cell, sys, &in, -EINVAL, "gzip-compressed, but the data is corrupt", "a broken gzip file");
	in = (struct cv_linux_input){ .kernel = old, .kernel_size = os };
	refused(cell, sys, &in, -EINVAL, "image_size 0", "a pre-3.17 Image");
	in = (struct cv_linux_input){ .kernel = be, .kernel_size = bs };
	refused(cell, sys, &in, -EINVAL, "big-endian", "a big-endian Image");
	in = (struct cv_linux_input){ .kernel = k, .kernel_size = ks, .initrd = big, .initrd_size = sizeof(big) };
	refused(cell, sys, &in, -EFBIG, "the initrd (130.0 MiB) does not fit after the kernel", "a 130 MiB initrd");
	in = (struct cv_linux_input){ .kernel = k, .kernel_size = ks, .dtb = big, .dtb_size = sizeof(big) };
	refused(cell, sys, &in, -EINVAL, "not a flattened device tree", "a device tree file that is none");
	fdt_create_empty_tree(big, 3 << 20);
	in = (struct cv_linux_input){ .kernel = k, .kernel_size = ks, .dtb = big, .dtb_size = 3 << 20 };
	refused(cell, sys, &in, -EINVAL, "too large", "a 3 MiB device tree (the boot protocol allows 2)");
	memset(long_cmdline, 'x', CV_LINUX_CMDLINE_MAX);
	in = (struct cv_linux_input){ .kernel = k, .kernel_size = ks, .cmdline = long_cmdline };
	refused(cell, sys, &in, -EINVAL, "command line is 2048 bytes; Linux takes at most 2047", "a 2048-byte command line");
	/* CPU 3 with an MPIDR carrying the MT bit (24): a cpu node cannot say that. */
	mpidr = sys->system.platform.cpu_mpidr[3];
	sys->system.platform.cpu_mpidr[3] = 0x1000003;
	in = (struct cv_linux_input){ .kernel = k, .kernel_size = ks };
	refused(cell, sys, &in, -EINVAL, "has bits outside Aff3..Aff0", "a CPU whose MPIDR has the MT bit");
	sys->system.platform.cpu_mpidr[3] = mpidr;
	cell->cell.reset_address += 4;
	refused(cell, sys, &in, -EINVAL, "not 8-byte aligned", "a reset address the loader cannot use");
	cell->cell.reset_address -= 4;
}

int main(int argc, char *argv[])
{
	_cleanup_(cv_config_freep) struct cv_config *sys = NULL, *linux_demo = NULL, *u_boot = NULL;
	_cleanup_free_ void *image = NULL, *gz = NULL;
	size_t size, gz_size;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CONFIGDIR\n", argv[0]);
		return 2;
	}
	sys = load(argv[1], "system.yaml");
	linux_demo = load(argv[1], "linux-demo.yaml");
	u_boot = load(argv[1], "u-boot.yaml");
	test_linux_demo_tree(linux_demo, sys);
	test_u_boot_tree(u_boot, sys);
	image = make_image(&size, 0x10000, IMAGE_SIZE, 0xa);
	check_layout(linux_demo, sys, image, size, "an Image");
	gz = gzip(image, size, &gz_size);
	check_layout(linux_demo, sys, gz, gz_size, "a gzip-compressed Image");
	test_refusals(linux_demo, sys);
	return tap_done();
}
