/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl: shared option state, exit codes and helpers between the verb files. */
#ifndef CELLCTL_H
#define CELLCTL_H

#include <stdbool.h>
#include <systemd/sd-bus.h>

#include "cv-util.h"

/* Exit codes scripts can rely on. */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

extern bool arg_json;
extern bool arg_no_legend;
extern bool arg_follow;
extern bool arg_watch;
extern bool arg_ask_password;
extern const char *arg_system;
extern const char *arg_output;

/* Connect to cellmgrd on the system bus; prints one line and returns < 0 on failure. */
int cellctl_bus_open(sd_bus **ret);
/* Print "cellctl: <what>: <bus error>" and return EXIT_FAIL. */
int cellctl_bus_fail(const char *what, const sd_bus_error *error, int r);

#endif /* CELLCTL_H */
