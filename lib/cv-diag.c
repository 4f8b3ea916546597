/* SPDX-License-Identifier: GPL-2.0-only */
/* Collected config diagnostics. */
#include <stdarg.h>
#include <stdio.h>

#include "cv-diag.h"

void cv_diag_init(struct cv_diag *d)
{
	*d = (struct cv_diag){};
}

void cv_diag_clear(struct cv_diag *d)
{
	for (size_t i = 0; i < d->n_msgs; i++)
		free(d->msgs[i]);
	free(d->msgs);
	cv_diag_init(d);
}

static void diag_add(struct cv_diag *d, const char *path, struct cv_loc loc,
		     const char *kind, const char *fmt, va_list ap)
{
	_cleanup_free_ char *msg = NULL;
	char *line = NULL, **m;
	int r;

	if (vasprintf(&msg, fmt, ap) < 0)
		return;
	if (loc.line > 0)
		r = asprintf(&line, "%s:%u:%u: %s: %s", path, loc.line, loc.column, kind, msg);
	else
		r = asprintf(&line, "%s: %s: %s", path, kind, msg);
	if (r < 0)
		return;
	m = realloc(d->msgs, (d->n_msgs + 1) * sizeof(*m));
	if (!m) {
		free(line);
		return;
	}
	d->msgs = m;
	d->msgs[d->n_msgs++] = line;
}

int cv_diag_error(struct cv_diag *d, const char *path, struct cv_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, path, loc, "error", fmt, ap);
	va_end(ap);
	d->n_errors++;
	return -EINVAL;
}

void cv_diag_warning(struct cv_diag *d, const char *path, struct cv_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, path, loc, "warning", fmt, ap);
	va_end(ap);
}

char *cv_diag_join(const struct cv_diag *d, size_t max_msgs)
{
	size_t len = 1, n = d->n_msgs < max_msgs ? d->n_msgs : max_msgs;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(d->msgs[i]) + 1;
	s = p = malloc(len + 32);
	if (!s)
		return NULL;
	*p = 0;
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%s", i ? "\n" : "", d->msgs[i]);
	if (n < d->n_msgs)
		sprintf(p, "\n(%zu more)", d->n_msgs - n);
	return s;
}
