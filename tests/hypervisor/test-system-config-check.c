// SPDX-License-Identifier: GPL-2.0
/* Host tests of the hypervisor's own system-config validation. */
#include <string.h>
#include <hv/config.h>
#include "tap.h"

#define NREG 4

static struct {
	struct cv_system_config sys;
	struct cv_mem_region mem[NREG];
} blob;

static void make_valid(void)
{
	struct cv_cell_config *root = &blob.sys.root_cell;
	static const struct cv_mem_region mem[NREG] = {
		{ 0x0, 0x0, 0x08000000, CV_MEM_READ | CV_MEM_WRITE | CV_MEM_IO },
		{ 0x09000000, 0x09000000, 0x37000000, CV_MEM_READ | CV_MEM_WRITE | CV_MEM_IO },
		{ 0x40000000, 0x40000000, 0x3fc00000, CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE },
		{ 0x4010000000ULL, 0x4010000000ULL, 0x10000000, CV_MEM_READ | CV_MEM_WRITE | CV_MEM_IO },
	};

	memset(&blob, 0, sizeof(blob));
	memcpy(blob.sys.signature, CV_SYSTEM_SIGNATURE, 8);
	blob.sys.revision = CV_CONFIG_REVISION;
	blob.sys.size = sizeof(blob);
	blob.sys.hypervisor.phys_start = 0x7fc00000;
	blob.sys.hypervisor.size = 4 << 20;
	blob.sys.platform.gicd_base = 0x08000000;
	blob.sys.platform.gicr_base = 0x080a0000;
	blob.sys.platform.gicr_stride = 0x20000;
	blob.sys.platform.gic_version = CV_GIC_V3;
	blob.sys.platform.maintenance_irq = 25;
	blob.sys.platform.num_cpus = 4;
	for (int i = 0; i < 4; i++)
		blob.sys.platform.cpu_mpidr[i] = i;
	memcpy(root->signature, CV_CELL_SIGNATURE, 8);
	memcpy(root->name, "qemu", 5);
	root->revision = CV_CONFIG_REVISION;
	root->num_mem_regions = NREG;
	root->size = sizeof(*root) + sizeof(mem);
	root->cpu_mask = 0xf;
	memcpy(blob.mem, mem, sizeof(mem));
}

static int check(void)
{
	const char *why = NULL;

	return config_check_system(&blob.sys, sizeof(blob), &why);
}

int main(void)
{
	const char *why = NULL;

	make_valid();
	CHECK_EQ(check(), 0);

	/* truncated and oversized blobs */
	CHECK_EQ(config_check_system(&blob.sys, sizeof(blob) - 32, &why), -CV_EINVAL);
	CHECK(why && strstr(why, "size"));
	CHECK_EQ(config_check_system(&blob.sys, 16, &why), -CV_EINVAL);

	make_valid();
	blob.sys.signature[0] = 'X';
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.sys.revision = 99;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.sys.root_cell.num_mem_regions = 1000;
	CHECK_EQ(check(), -CV_EINVAL);

	/* hypervisor memory alignment, and a root region over it */
	make_valid();
	blob.sys.hypervisor.phys_start = 0x7fd00000;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.mem[2].size = 0x40000000;
	CHECK_EQ(config_check_system(&blob.sys, sizeof(blob), &why), -CV_EINVAL);
	CHECK(why && strstr(why, "hypervisor"));

	/* a root region over the GIC would bypass the emulation */
	make_valid();
	blob.mem[0].size = 0x08010000;
	CHECK_EQ(config_check_system(&blob.sys, sizeof(blob), &why), -CV_EINVAL);
	CHECK(why && strstr(why, "GIC"));

	/* overlapping regions, unaligned, non-identity, beyond the IPA limit */
	make_valid();
	blob.mem[1].phys_start = blob.mem[1].virt_start = 0x07fff000;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.mem[3].size = 0x10000800;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.mem[3].virt_start = 0x5000000000ULL;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.mem[3].phys_start = blob.mem[3].virt_start = 0x8000000000ULL;
	CHECK_EQ(check(), -CV_EINVAL);

	/* CPUs and platform */
	make_valid();
	blob.sys.root_cell.cpu_mask = 0;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.sys.root_cell.cpu_mask = 0x1f;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.sys.platform.gic_version = 2;
	CHECK_EQ(check(), -CV_EINVAL);
	make_valid();
	blob.sys.platform.maintenance_irq = 40;
	CHECK_EQ(check(), -CV_EINVAL);

	/* root doorbells: SPIs the root owns, at most CV_MAX_ROOT_DOORBELLS */
	make_valid();
	blob.sys.root_cell.irq_bitmap[120 / 32] = 0xffU << (120 % 32);
	blob.sys.platform.root_doorbell_base = 120;
	blob.sys.platform.root_doorbell_count = 8;
	CHECK_EQ(check(), 0);
	blob.sys.platform.root_doorbell_count = 9;	/* 128 is not the root's */
	CHECK_EQ(config_check_system(&blob.sys, sizeof(blob), &why), -CV_EINVAL);
	CHECK(why && strstr(why, "doorbell"));
	blob.sys.platform.root_doorbell_base = 28;	/* PPIs */
	blob.sys.root_cell.irq_bitmap[0] = ~0U;
	blob.sys.platform.root_doorbell_count = 4;
	CHECK_EQ(check(), -CV_EINVAL);
	blob.sys.platform.root_doorbell_base = 1016;	/* past 1019 */
	memset(blob.sys.root_cell.irq_bitmap, 0xff, sizeof(blob.sys.root_cell.irq_bitmap));
	blob.sys.platform.root_doorbell_count = 8;
	CHECK_EQ(check(), -CV_EINVAL);
	blob.sys.platform.root_doorbell_base = 100;
	blob.sys.platform.root_doorbell_count = CV_MAX_ROOT_DOORBELLS + 1;
	CHECK_EQ(check(), -CV_EINVAL);
	return tap_done();
}
