/* SPDX-License-Identifier: GPL-2.0-only */
/* Turning errno values from the driver into named errors a person can act on. */
#include <stdarg.h>
#include <stdio.h>

#include "cv-bus.h"
#include "errors.h"

int op_fail(struct op_error *e, const char *name, int r, const char *fmt, ...)
{
	va_list ap;

	e->name = name;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return r < 0 ? r : -EINVAL;
}

int op_fail_kmod(struct op_error *e, int r, const char *device, const char *what)
{
	switch (r) {
	case -ENOENT:
		return op_fail(e, CV_ERROR_HV_UNAVAILABLE, r,
			       "Cannot %s: %s is missing; load the module with 'modprobe cellvisor'",
			       what, device);
	case -ENOTTY:
		return op_fail(e, CV_ERROR_NOT_SUPPORTED, r,
			       "Cannot %s: the loaded cellvisor.ko does not implement this request (ENOTTY); "
			       "install a module that matches cellmgrd", what);
	case -ENODEV:
		return op_fail(e, CV_ERROR_HV_NOT_ENABLED, r,
			       "Cannot %s: the hypervisor is not enabled (cellctl enable)", what);
	case -EBUSY:
		return op_fail(e, CV_ERROR_CELL_BUSY, r,
			       "Cannot %s: resources are busy (a CPU or the cell is in use); "
			       "see 'journalctl -k' for the module's reason", what);
	case -EPERM:
		return op_fail(e, CV_ERROR_REFUSED, r,
			       "Cannot %s: vetoed by a cell (it denied the shutdown request, or a cell is "
			       "locked); 'cellctl console' shows the hypervisor's log", what);
	case -EEXIST:
		return op_fail(e, CV_ERROR_CELL_EXISTS, r, "Cannot %s: a cell of that name exists", what);
	case -ENOMEM:
		return op_fail(e, CV_ERROR_REFUSED, r,
			       "Cannot %s: the hypervisor is out of memory (its page pool)", what);
	default:
		return op_fail(e, CV_ERROR_REFUSED, r,
			       "Cannot %s: the hypervisor refused: %s; see 'journalctl -k' for the module's reason",
			       what, strerror(-r));
	}
}
