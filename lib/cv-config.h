/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System and cell configs: the parsed model of the YAML files, their
 * validation and their compilation to the binary ABI of
 * include/cellvisor/config.h. Shared by cellctl and cellmgrd.
 */
#ifndef CV_CONFIG_H
#define CV_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include <cellvisor/config.h>
#include "cv-diag.h"

#define CV_MAX_IMAGES		16
#define CV_MAX_DEVICES		16
#define CV_DEVICE_MAX_IRQS	8
#define CV_DEVICE_NAME_LEN	32
#define CV_LINUX_CMDLINE_MAX	2048	/* arm64 Linux's COMMAND_LINE_SIZE, with the NUL */

struct cv_region {
	uint64_t phys;
	uint64_t virt;
	uint64_t size;
	uint64_t flags;		/* CV_MEM_* */
	unsigned int device;	/* 1 + index of the device it maps, 0 for memory */
	struct cv_loc loc;	/* the list item */
};

struct cv_image {
	char *file;		/* absolute, or relative to the config's directory */
	char *string;		/* or this text, with its NUL (an inmate's command line) */
	bool device_tree;	/* or the cell's generated device tree (cv-dtb.h) */
	uint64_t address;	/* guest physical */
	struct cv_loc loc;
};

enum cv_dma {
	CV_DMA_NONE,
	CV_DMA_COHERENT,
	CV_DMA_NON_COHERENT,
};

/*
 * A device the cell takes from the root (cv-config-parse-devices.c): its
 * MMIO window, mapped 1:1 as an io region rounded out to pages, and its
 * SPIs, added to the cell's irqs. The rest describes it in the generated
 * device tree.
 */
struct cv_device {
	char name[CV_DEVICE_NAME_LEN];	/* device tree node name */
	char compatible[128];		/* NUL-separated, as the property */
	size_t compatible_len;
	uint64_t address, size;
	uint32_t irqs[CV_DEVICE_MAX_IRQS];	/* INTIDs */
	unsigned int n_irqs;
	uint32_t edge;			/* edge-triggered, else level-high */
	enum cv_dma dma;
	uint32_t console;		/* the stdout-path of the device tree */
	uint64_t clock_hz;		/* a fixed clock feeding it, 0: none */
	char clock_names[64];		/* NUL-separated clock-names */
	size_t clock_names_len;
	struct cv_loc loc, irqs_loc;
};

/* The 'linux:' section: the cell boots a Linux kernel (cv-linux.h). */
struct cv_linux {
	char *kernel;		/* paths as for images */
	char *initrd;
	char *dtb;		/* NULL: generated */
	char *cmdline;
	struct cv_loc loc;	/* line 0: no 'linux:' section */
	struct cv_loc cmdline_loc;
};

/* One member's view of a shared-memory link (struct cv_link of the ABI). */
struct cv_link_conf {
	char name[CV_LINK_NAME_LEN];
	uint64_t phys, virt, rw_size, output_size;
	uint32_t peers, id, protocol, slot;
	/* where each part was written, for messages */
	struct cv_loc loc, name_loc, peers_loc, phys_loc, virt_loc, rw_loc, output_loc, id_loc, slot_loc;
};

struct cv_cell {
	char name[CV_CELL_NAME_LEN];
	uint32_t flags;		/* CV_CELL_* */
	uint64_t cpu_mask;
	uint32_t irq_bitmap[CV_NUM_IRQS / 32];
	uint64_t reset_address;
	uint64_t msg_reply_timeout_us;
	uint32_t vpci_irq_base;
	struct cv_console console;
	struct cv_vuart vuart;	/* valid if flags & CV_CELL_VUART */
	struct cv_region regions[CV_MAX_MEM_REGIONS];
	unsigned int n_regions;
	struct cv_image images[CV_MAX_IMAGES];
	unsigned int n_images;
	struct cv_device devices[CV_MAX_DEVICES];
	unsigned int n_devices;
	struct cv_linux linux_boot;	/* see cv_cell_has_linux() */
	struct cv_link_conf links[CV_MAX_LINKS];
	unsigned int n_links;
	/* where each part was written, for messages */
	struct cv_loc loc, name_loc, cpus_loc, irqs_loc, vuart_loc, reset_loc, console_loc, timeout_loc,
		      vpci_loc;
};

struct cv_system {
	char name[CV_CELL_NAME_LEN];
	uint32_t flags;		/* CV_SYS_* */
	uint64_t hv_phys;
	uint64_t hv_size;
	struct cv_console debug_console;
	struct cv_platform platform;
	struct cv_cell root;
	struct cv_loc hv_loc, platform_loc, cpus_loc, gicd_loc, gicr_loc, maint_loc, doorbell_loc;
};

enum cv_config_kind {
	CV_CONFIG_SYSTEM,
	CV_CONFIG_CELL,
};

struct cv_config {
	char *path;
	enum cv_config_kind kind;
	struct cv_system system;	/* kind == CV_CONFIG_SYSTEM */
	struct cv_cell cell;		/* kind == CV_CONFIG_CELL */
};

/* Parse a YAML file. On errors returns < 0 and adds them to diag. */
int cv_config_load(const char *path, struct cv_config **ret, struct cv_diag *diag);
/* The same from memory; path only names the text in messages. */
int cv_config_load_string(const char *path, const char *text, size_t len,
			  struct cv_config **ret, struct cv_diag *diag);
void cv_config_free(struct cv_config *c);
static inline void cv_config_freep(struct cv_config **c)
{
	cv_config_free(*c);
}

/* Checks of one system config on its own. */
int cv_system_validate(const struct cv_config *sys, struct cv_diag *diag);
/* Checks of one cell config, and against the system config if sys is not NULL. */
int cv_cell_validate(const struct cv_config *cell, const struct cv_config *sys,
		     struct cv_diag *diag);
/* The same without its images: the rules the hypervisor and the module apply too. */
int cv_cell_check_rules(const struct cv_config *cell, const struct cv_config *sys,
			struct cv_diag *diag);
/* Checks that cells meant to run together do not share CPUs, IRQs or memory. */
int cv_cells_validate_together(struct cv_config *const *cells, size_t n, struct cv_diag *diag);
/*
 * What `cellctl config check` does with the files it is given: every cell
 * on its own and against sys (if not NULL), then the valid ones together.
 * NULL entries (files that did not load) and system configs are skipped.
 */
int cv_cells_check(struct cv_config *const *configs, size_t n, const struct cv_config *sys,
		   struct cv_diag *diag);

static inline bool cv_cell_has_linux(const struct cv_cell *cell)
{
	return cell->linux_boot.loc.line != 0;
}

/* Does the cell get a device tree cellvisor generates (cv-dtb.h)? */
bool cv_cell_gets_device_tree(const struct cv_cell *cell);

/* Compile to the binary ABI; *ret is malloc()ed, little-endian. */
int cv_cell_compile(const struct cv_cell *cell, void **ret, size_t *ret_size);
int cv_system_compile(const struct cv_system *sys, void **ret, size_t *ret_size);

/* Resolve an image path against the config's directory (caller frees). */
char *cv_image_path(const struct cv_config *c, const struct cv_image *img);
/* The same for any path named in the config (the 'linux:' files). */
char *cv_config_path(const struct cv_config *c, const char *file);

/*
 * Config directories, most important first: /etc/cellvisor overrides the
 * shipped /usr/share/cellvisor, systemd style. NULL-terminated.
 */
extern const char *const cv_config_dirs_default[];
/* The first DIR/relpath that exists ("system.yaml", "cells/NAME.yaml"), or NULL; caller frees. */
char *cv_find_config(const char *const *dirs, const char *relpath);

/* Scalar syntax, exposed for the tests (cv-config-scalar.c). */
int cv_parse_u64(const char *s, uint64_t *ret);		/* 123, 0x7b */
int cv_parse_size(const char *s, uint64_t *ret);	/* 64K, 2M, 1G, 0x1000, 4096 */
int cv_parse_cpu_list(const char *s, uint64_t *ret_mask);	/* "2-3,5" */
/* "32-287,300" into bitmap; returns -ERANGE for an INTID >= CV_NUM_IRQS. */
int cv_parse_irq_list(const char *s, uint32_t *bitmap, unsigned int *ret_bad);
/* Format a CPU mask as "0-1,3" into buf. */
char *cv_format_cpu_list(uint64_t mask, char *buf, size_t size);

#endif /* CV_CONFIG_H */
