/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Failures the object model reports to the bus layer without knowing sd-bus:
 * a D-Bus error name (CV_ERROR_* of cv-bus.h) and a message a person can act on.
 */
#ifndef CELLMGRD_ERRORS_H
#define CELLMGRD_ERRORS_H

#include "cv-util.h"

struct op_error {
	const char *name;
	char message[1024];
};

/* Record the failure and return r (negative errno) for "return op_fail(…)". */
int op_fail(struct op_error *e, const char *name, int r, const char *fmt, ...) _printf_(4, 5);
/* Explain a failed driver request; what says what was tried ("create cell 'x'"). */
int op_fail_kmod(struct op_error *e, int r, const char *device, const char *what);

#endif /* CELLMGRD_ERRORS_H */
