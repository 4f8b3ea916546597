/* SPDX-License-Identifier: GPL-2.0-only */
/* struct cv_config → the binary blobs of include/cellvisor/config.h. */
#include <endian.h>
#include <libgen.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cv-build-config.h"
#include "cv-config.h"

/* The ABI is little-endian; both sides that read it (arm64 Linux and EL2) are too. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the config compiler writes host-endian structs; add byte swapping for big-endian hosts"
#endif

static size_t cell_size(const struct cv_cell *cell)
{
	return sizeof(struct cv_cell_config) + cell->n_regions * sizeof(struct cv_mem_region) +
	       cell->n_links * sizeof(struct cv_link);
}

static void fill_links(struct cv_link *links, const struct cv_cell *cell)
{
	for (unsigned int i = 0; i < cell->n_links; i++) {
		const struct cv_link_conf *l = &cell->links[i];

		links[i] = (struct cv_link){
			.phys = l->phys,
			.virt = l->virt,
			.rw_size = l->rw_size,
			.output_size = l->output_size,
			.peers = (uint16_t)l->peers,
			.id = (uint16_t)l->id,
			.protocol = (uint16_t)l->protocol,
			.slot = (uint8_t)l->slot,
		};
		memcpy(links[i].name, l->name, sizeof(links[i].name));
	}
}

/* The cell's description, then its regions and links right behind it. */
static void fill_cell(struct cv_cell_config *out, const struct cv_cell *cell)
{
	struct cv_mem_region *regions = (struct cv_mem_region *)(out + 1);

	memcpy(out->signature, CV_CELL_SIGNATURE, sizeof(out->signature));
	out->revision = CV_CONFIG_REVISION;
	out->size = (uint32_t)cell_size(cell);
	memcpy(out->name, cell->name, sizeof(out->name));
	out->flags = cell->flags;
	out->num_mem_regions = cell->n_regions;
	out->cpu_mask = cell->cpu_mask;
	out->reset_address = cell->reset_address;
	out->msg_reply_timeout_us = cell->msg_reply_timeout_us;
	memcpy(out->irq_bitmap, cell->irq_bitmap, sizeof(out->irq_bitmap));
	out->console = cell->console;
	/*
	 * A vUART and no console named: the comm region points the inmate at
	 * the vUART, which is where Jailhouse's inmate library looks for its
	 * UART (32-bit registers, 4 bytes apart, as on a PL011).
	 */
	if ((cell->flags & CV_CELL_VUART) && cell->console.type == CV_CON_TYPE_NONE)
		out->console = (struct cv_console){
			.address = cell->vuart.base,
			.size = 0x1000,
			.type = CV_CON_TYPE_PL011,
			.flags = CV_CON_FLAG_MMIO | CV_CON_FLAG_REGDIST_4,
		};
	out->vuart = cell->vuart;
	out->vpci_irq_base = cell->vpci_irq_base;
	out->num_links = cell->n_links;
	for (unsigned int i = 0; i < cell->n_regions; i++)
		regions[i] = (struct cv_mem_region){
			.phys_start = cell->regions[i].phys,
			.virt_start = cell->regions[i].virt,
			.size = cell->regions[i].size,
			.flags = cell->regions[i].flags,
		};
	fill_links((struct cv_link *)(regions + cell->n_regions), cell);
}

int cv_cell_compile(const struct cv_cell *cell, void **ret, size_t *ret_size)
{
	size_t size = cell_size(cell);
	struct cv_cell_config *out;

	if (size > CV_CONFIG_MAX_SIZE)
		return -E2BIG;
	out = calloc(1, size);
	if (!out)
		return -ENOMEM;
	fill_cell(out, cell);
	*ret = out;
	*ret_size = size;
	return 0;
}

int cv_system_compile(const struct cv_system *sys, void **ret, size_t *ret_size)
{
	size_t size = offsetof(struct cv_system_config, root_cell) + cell_size(&sys->root);
	struct cv_system_config *out;

	if (size > CV_CONFIG_MAX_SIZE)
		return -E2BIG;
	out = calloc(1, size);
	if (!out)
		return -ENOMEM;
	memcpy(out->signature, CV_SYSTEM_SIGNATURE, sizeof(out->signature));
	out->revision = CV_CONFIG_REVISION;
	out->size = (uint32_t)size;
	out->flags = sys->flags;
	out->hypervisor = (struct cv_mem_region){
		.phys_start = sys->hv_phys,
		.virt_start = sys->hv_phys,
		.size = sys->hv_size,
		.flags = CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE,
	};
	out->debug_console = sys->debug_console;
	out->platform = sys->platform;
	fill_cell(&out->root_cell, &sys->root);
	*ret = out;
	*ret_size = size;
	return 0;
}

char *cv_config_path(const struct cv_config *c, const char *file)
{
	_cleanup_free_ char *dir = NULL;
	char *p;

	if (!file)
		return NULL;
	if (file[0] == '/')
		return strdup(file);
	dir = strdup(c->path);
	if (!dir)
		return NULL;
	if (asprintf(&p, "%s/%s", dirname(dir), file) < 0)
		return NULL;
	return p;
}

char *cv_image_path(const struct cv_config *c, const struct cv_image *img)
{
	return cv_config_path(c, img->file);	/* NULL for a string or device tree */
}

const char *const cv_config_dirs_default[] = { CV_SYSCONFDIR, CV_DATADIR, NULL };

char *cv_find_config(const char *const *dirs, const char *relpath)
{
	for (; *dirs; dirs++) {
		struct stat st;
		char *p;

		if (asprintf(&p, "%s/%s", *dirs, relpath) < 0)
			return NULL;
		if (stat(p, &st) == 0)
			return p;
		free(p);
	}
	return NULL;
}
