/* SPDX-License-Identifier: GPL-2.0-only */
/* The command line buffer at image+0x1000: "key=value key2=value2", NUL-terminated. */
#ifndef _INMATE_CMDLINE_H
#define _INMATE_CMDLINE_H

#include "types.h"

#define CMDLINE_OFFSET	0x1000
#define CMDLINE_SIZE	256

/* Filled by the loader (e.g. `cellctl load NAME img.bin -s "k=v" -a 0x1000`). */
extern char cmdline[CMDLINE_SIZE];

/*
 * Looks key up in line (whitespace-separated key=value words, a bare "key"
 * counts as "key=1"). On success points *val at the value, sets *len and
 * returns true. The last occurrence wins, so appended words override.
 */
bool kv_find(const char *line, size_t size, const char *key,
	     const char **val, size_t *len);

/* Parses decimal, 0x-hex or a leading '-'; false if val has other characters. */
bool kv_parse_s64(const char *val, size_t len, s64 *out);

/* Accessors on the image's own buffer; def is returned when key is absent or bad. */
s64 cmdline_get_int(const char *key, s64 def);
bool cmdline_get_bool(const char *key, bool def);
/* Copies the value (NUL-terminated, truncated to size); returns false if absent. */
bool cmdline_get_str(const char *key, char *buf, size_t size);

#endif /* _INMATE_CMDLINE_H */
