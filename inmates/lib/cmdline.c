// SPDX-License-Identifier: GPL-2.0-only
/* Parser for the key=value command line; pure, also built for host tests. */
#include "cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool key_matches(const char *word, size_t wlen, const char *key)
{
	size_t i;

	for (i = 0; i < wlen && word[i] != '='; i++)
		if (!key[i] || key[i] != word[i])
			return false;
	return key[i] == '\0';
}

bool kv_find(const char *line, size_t size, const char *key,
	     const char **val, size_t *len)
{
	bool found = false;
	size_t i = 0;

	while (i < size && line[i]) {
		size_t start, eq;

		while (i < size && is_space(line[i]))
			i++;
		start = i;
		while (i < size && line[i] && !is_space(line[i]))
			i++;
		if (i == start || !key_matches(line + start, i - start, key))
			continue;
		for (eq = start; eq < i && line[eq] != '='; eq++)
			;
		found = true;
		if (eq == i) {
			*val = "1";
			*len = 1;
		} else {
			*val = line + eq + 1;
			*len = i - eq - 1;
		}
	}
	return found;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool kv_parse_s64(const char *val, size_t len, s64 *out)
{
	unsigned int base = 10;
	bool negative = false;
	u64 v = 0;
	size_t i = 0;

	if (i < len && val[i] == '-') {
		negative = true;
		i++;
	}
	if (i + 1 < len && val[i] == '0' && (val[i + 1] == 'x' || val[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		int d = digit_value(val[i]);

		if (d >= (int)base)
			return false;
		v = v * base + (u64)d;
	}
	*out = negative ? -(s64)v : (s64)v;
	return true;
}

s64 cmdline_get_int(const char *key, s64 def)
{
	const char *val;
	size_t len;
	s64 v;

	if (kv_find(cmdline, CMDLINE_SIZE, key, &val, &len) &&
	    kv_parse_s64(val, len, &v))
		return v;
	return def;
}

static bool word_is(const char *val, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len && word[i]; i++)
		if (val[i] != word[i])
			return false;
	return i == len && word[i] == '\0';
}

bool cmdline_get_bool(const char *key, bool def)
{
	const char *val;
	size_t len;

	if (!kv_find(cmdline, CMDLINE_SIZE, key, &val, &len))
		return def;
	if (word_is(val, len, "1") || word_is(val, len, "on") ||
	    word_is(val, len, "yes") || word_is(val, len, "true"))
		return true;
	if (word_is(val, len, "0") || word_is(val, len, "off") ||
	    word_is(val, len, "no") || word_is(val, len, "false"))
		return false;
	return def;
}

bool cmdline_get_str(const char *key, char *buf, size_t size)
{
	const char *val;
	size_t len, i;

	if (!size || !kv_find(cmdline, CMDLINE_SIZE, key, &val, &len))
		return false;
	for (i = 0; i < len && i + 1 < size; i++)
		buf[i] = val[i];
	buf[i] = '\0';
	return true;
}
