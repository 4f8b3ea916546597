/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl: shared option state, exit codes and helpers between the verb files. */
#ifndef CELLCTL_H
#define CELLCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>

#include "cv-util.h"

/* Exit codes scripts can rely on. */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

extern bool arg_json;
extern bool arg_links;
extern bool arg_no_legend;
extern bool arg_follow;
extern uint64_t arg_lines;
extern bool arg_watch;
extern bool arg_ask_password;
extern const char *arg_system;
extern const char *arg_output;
extern const char *arg_string;
extern uint64_t arg_string_addr;
extern bool arg_string_addr_set;
extern const char *arg_initrd;
extern const char *arg_cmdline;
extern const char *arg_dtb;

/* Connect to cellmgrd on the system bus; prints one line and returns < 0 on failure. */
int cellctl_bus_open(sd_bus **ret);
/* Print "cellctl: <what>: <bus error>" and return EXIT_FAIL. */
int cellctl_bus_fail(const char *what, const sd_bus_error *error, int r);
/* Call a Manager method; on failure print what failed and return < 0. */
int cellctl_call(sd_bus *bus, const char *what, const char *method, sd_bus_message **reply,
		 const char *types, ...);

/* verb-config.c: the system config to check cells against: --system, one of configs, or the installed one. */
struct cv_config;
struct cv_diag;
char *cellctl_pick_system(struct cv_config **configs, size_t n);
/* Load and validate a system config. */
int cellctl_load_system(const char *path, struct cv_config **ret, struct cv_diag *d);
void cellctl_print_diag(const struct cv_diag *d);

/* A socket on the console of cell name (NULL: the hypervisor), or < 0 after printing why. */
int cellctl_open_console(sd_bus *bus, const char *name);

/* verb-links.c: `list --links`; a cell's links in `status` (lines, or a JSON array). */
int verb_list_links(void);
int cellctl_print_cell_links(sd_bus *bus, const char *path, bool json);

/* Verbs: argv[0] is the verb itself. */
int verb_list(int argc, char *argv[]);
int verb_status(int argc, char *argv[]);
int verb_enable(int argc, char *argv[]);
int verb_disable(int argc, char *argv[]);
int verb_create(int argc, char *argv[]);
int verb_load(int argc, char *argv[]);
int verb_start(int argc, char *argv[]);
int verb_shutdown(int argc, char *argv[]);
int verb_destroy(int argc, char *argv[]);
int verb_stats(int argc, char *argv[]);
int verb_console(int argc, char *argv[]);
int verb_linux(int argc, char *argv[]);
int verb_dtb(int argc, char *argv[]);
int verb_run(int argc, char *argv[]);
int verb_config_check(int argc, char *argv[]);
int verb_config_compile(int argc, char *argv[]);
int verb_config_create(int argc, char *argv[]);
int verb_hardware_check(int argc, char *argv[]);

#endif /* CELLCTL_H */
