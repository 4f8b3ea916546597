/* SPDX-License-Identifier: GPL-2.0-only */
/* A cell as cellmgrd sees it: the driver's truth plus a little metadata. No sd-bus here. */
#ifndef CELLMGRD_CELL_H
#define CELLMGRD_CELL_H

#include <stdbool.h>
#include <stdint.h>
#include <cellvisor/ioctl.h>

#include "errors.h"

struct manager;
struct console;

/* How a cell is loaded again when it reboots itself (cell-boot.c). */
enum cell_reload {
	CELL_RELOAD_NONE,	/* images a caller named: not known again */
	CELL_RELOAD_CONFIG,	/* the images or 'linux:' of its config */
	CELL_RELOAD_LINUX,	/* the descriptors LoadLinux was given */
};

struct cell {
	struct manager *manager;
	struct cell *next;
	char name[CV_CELL_NAME_LEN];
	uint32_t id;
	uint32_t state;			/* CV_CELL_* */
	uint64_t cpu_mask;
	char cpu_list[192];		/* cpu_mask as ListCells gives it ("1-2,5"), kept with it */
	uint64_t failed_cpu_mask;
	struct cv_fault_record fault;
	char *config_file;		/* from the metadata in the runtime directory */
	struct cv_config *config;	/* what it says, once parsed (cell_config()) */
	bool config_trusted;		/* it came from a config directory: Load() may open its images */
	uint64_t memory;		/* bytes of RAM (non-I/O regions), from the config */
	uint64_t loadable;		/* bytes of its regions flagged loadable: what an image may fill */
	uint64_t start_usec;		/* CLOCK_REALTIME, 0 if not started by us */
	struct console *console;
	enum cell_reload reload;
	int linux_fds[3];		/* CELL_RELOAD_LINUX: kernel, initrd, device tree (or -1) */
	char *linux_cmdline;
	char *bus_path;			/* cell-bus.c: its object path, made once */
};

/* Changes found by cell_update(), for the signals. */
#define CELL_CHANGED_STATE	0x1
#define CELL_CHANGED_FAILED	0x2

/*
 * An image to load: a file the daemon opens (path, only from a trusted
 * config), one the caller opened (fd), a string, or bytes in memory.
 */
struct cell_image {
	const char *path;
	int fd;			/* if path, string and data are NULL */
	const char *string;	/* this text and its NUL */
	const void *data;	/* or these bytes */
	size_t size;
	uint64_t address;
};

struct cell_stats {
	uint32_t cpu;
	uint64_t counters[CV_STAT_MAX];
};

const char *cell_state_to_string(uint32_t state);
const char *cell_stat_to_string(unsigned int stat);
const char *cell_fail_reason_to_string(uint32_t reason);
/* "system-off"/"system-reset" for a cell that shut itself down through PSCI, else "". */
const char *cell_stop_reason(const struct cell *c);
/* "data-abort on CPU 3 at PC 0x1234 (FAR 0x…, ESR 0x…)", or "" (caller frees). */
char *cell_failure_describe(const struct cell *c);

int cell_new(struct manager *m, const struct cv_cell_info *info, struct cell **ret);
void cell_free(struct cell *c);
/* Take the driver's view; returns CELL_CHANGED_* bits. */
unsigned int cell_update(struct cell *c, const struct cv_cell_info *info);
bool cell_is_running(const struct cell *c);

/* Metadata kept in RUNTIME_DIR/cells/NAME so a restarted daemon knows it. */
int cell_save(const struct cell *c);
void cell_forget(const struct manager *m, const char *name);
/*
 * The metadata of a cell about to be created from config c, read from cf,
 * and a copy of cf's bytes: what the cell's config says later (its images,
 * its Linux, its neighbours' check) is read from that copy, not from a
 * file a caller may have changed since.
 */
struct cv_config;
struct config_file;
int cell_save_new(const struct manager *m, const struct cv_config *c, const struct config_file *cf);
/*
 * The config the cell was created from, named after the file it came from:
 * parsed from the copy once and kept (the cell's own, not to be freed).
 */
int cell_config(struct cell *c, const struct cv_config **ret, struct op_error *e);

int cell_load(struct cell *c, const struct cell_image *images, size_t n, struct op_error *e);
int cell_start(struct cell *c, struct op_error *e);
int cell_shutdown(struct cell *c, struct op_error *e);
int cell_destroy(struct cell *c, struct op_error *e);
/* cell-boot.c: what a cell boots beyond named images. */
struct linux_request {
	int kernel_fd;		/* -1: the config's 'linux:' kernel */
	int initrd_fd;		/* -1: the config's initrd, if any */
	int dtb_fd;		/* -1: the config's dtb, else generated */
	const char *cmdline;	/* NULL: the config's */
};
/* The images of the cell's config, or the Linux its 'linux:' section names. */
int cell_load_config(struct cell *c, struct op_error *e);
/* LoadLinux: remembered so a reboot of the cell boots the same. */
int cell_load_linux(struct cell *c, const struct linux_request *req, struct op_error *e);
/* After a state change: a cell that reset itself is loaded and started again; true if so. */
bool cell_reboot(struct cell *c);
const char *cell_reload_to_string(enum cell_reload r);
enum cell_reload cell_reload_from_string(const char *s);
void cell_boot_free(struct cell *c);

/* One entry per CPU of the cell; *ret is malloc()ed. */
int cell_statistics(struct cell *c, struct cell_stats **ret, size_t *ret_n, struct op_error *e);

/* Images of a cell whose loadable memory is unknown (its metadata is lost) are at most this. */
#define IMAGE_MAX_SIZE (512ULL << 20)

/* image.c: a raw binary, or an ELF file whose PT_LOAD segments go to their physical addresses. */
struct image_data {
	void *data;
	size_t size;
	void *zeros;		/* BSS source for ELF segments */
	struct cv_load_segment *segs;
	uint32_t n_segs;
};
/* An image file of at most max bytes to load (an ELF file: its segments, each loaded at most max). */
int image_read(const struct cell_image *ci, uint64_t max, struct image_data *img, struct op_error *e);
int image_blob(const void *data, size_t size, uint64_t address, struct image_data *img);
/* A whole regular file of at most max bytes, from a descriptor; what names it in errors. */
int image_read_fd(int fd, const char *what, uint64_t max, void **ret, size_t *ret_size, struct op_error *e);
void image_data_free(struct image_data *img);

#endif /* CELLMGRD_CELL_H */
