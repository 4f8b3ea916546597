// SPDX-License-Identifier: GPL-2.0-only
/*
 * cvlines: checks a capture of uart-demo's flood ("Hello N from cell!"
 * lines) as a reader got it, for the console scenario.
 *
 *   cvlines [--snapshot] [--journal] FILE
 *
 * Every line must be whole: "Hello N from cell!" (a CR before the LF or
 * not), a hypervisor marker "[cellvisor: D bytes dropped]", a cellmgrd
 * notice "[cellmgrd: S bytes of NAME's console skipped: ...]" or, with
 * --journal, cellmgrd's "K lines of NAME's console were not sent to the
 * journal" note. N goes up. A reader's capture (the default) may skip
 * lines only right after a marker or notice whose byte count is exactly
 * that of the lines missing (each "Hello N from cell!\r\n", as the cell
 * prints it); the hypervisor's drops are reported as dropped=A-B. In the
 * journal, each gap must be announced by a note or a marker before the
 * line after it (a note counts the marker too if it swallowed it). An
 * unfinished last line (the capture was cut) is
 * ignored, but not with --snapshot, which must end with a whole line.
 * Prints what it found as name=value words; exit 0 if all holds, else 1
 * with the first problem on stderr.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool journal, snapshot;

static uint64_t n_lines, first_n, last_n, n_hello, markers, notices, notes;
static uint64_t suppressed, missing, bad, unfinished;
static uint64_t dropped_first, dropped_last;
static uint64_t owed;			/* bytes a marker or notice says are missing (journal: lines) */
static bool owed_is_drop, problem;

static void complain(const char *fmt, const char *line)
{
	if (!problem)
		fprintf(stderr, fmt, line);
	problem = true;
}

static uint64_t hello_len(uint64_t n)
{
	char buf[64];

	return (uint64_t)snprintf(buf, sizeof(buf), "Hello %" PRIu64 " from cell!\r\n", n);
}

/* Lines a and up to b-1 missing from a reader: the marker before them must say their size. */
static void gap(uint64_t a, uint64_t b, const char *line)
{
	uint64_t bytes = 0;

	missing += b - a;
	if (journal) {
		if (!owed)
			complain("lines missing from the journal without a note, before: %s\n", line);
		return;
	}
	for (uint64_t n = a; n < b; n++)
		bytes += hello_len(n);
	if (bytes != owed)
		complain("lines missing without a marker that counts them, before: %s\n", line);
	if (owed_is_drop) {
		dropped_first = dropped_first ? dropped_first : a;
		dropped_last = b - 1;
	}
}

static void hello(uint64_t n, const char *line)
{
	if (n_hello && n <= last_n)
		complain("out of order: %s\n", line);
	else if (n_hello && n > last_n + 1)
		gap(last_n + 1, n, line);
	else if (owed && !journal)
		complain("a marker with nothing missing after it, before: %s\n", line);
	if (!n_hello)
		first_n = n;
	last_n = n;
	n_hello++;
	owed = 0;
}

static void one_line(char *line)
{
	uint64_t v;
	int end = 0;
	size_t len = strlen(line);

	n_lines++;
	if (len && line[len - 1] == '\r')
		line[--len] = 0;
	if (sscanf(line, "Hello %" SCNu64 " from cell!%n", &v, &end) == 1 && (size_t)end == len) {
		hello(v, line);
	} else if (sscanf(line, "[cellvisor: %" SCNu64 " bytes dropped]%n", &v, &end) == 1 &&
		   (size_t)end == len) {
		markers++;
		owed += v;
		owed_is_drop = true;
	} else if (sscanf(line, "[cellmgrd: %" SCNu64 " bytes of %*s console skipped: this reader fell behind]%n",
			  &v, &end) == 1 && (size_t)end == len) {
		notices++;
		owed += v;
		owed_is_drop = false;
	} else if (journal && sscanf(line, "%" SCNu64 " lines of %*s console were not sent to the journal%n",
				     &v, &end) == 1) {
		notes++;
		suppressed += v;
		owed += v;
	} else {
		bad++;
		complain("not a whole line of the flood: '%s'\n", line);
	}
}

int main(int argc, char *argv[])
{
	static char buf[1 << 16];
	size_t len = 0, n;
	FILE *f;
	int i;

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "--journal"))
			journal = true;
		else if (!strcmp(argv[i], "--snapshot"))
			snapshot = true;
		else
			break;
	}
	if (i != argc - 1 || !(f = fopen(argv[i], "r"))) {
		fprintf(stderr, "usage: cvlines [--snapshot] [--journal] FILE\n");
		return 2;
	}
	while ((n = fread(buf + len, 1, sizeof(buf) - len - 1, f)) > 0) {
		char *p = buf, *nl;

		len += n;
		buf[len] = 0;
		while ((nl = memchr(p, '\n', buf + len - p))) {
			*nl = 0;
			one_line(p);
			p = nl + 1;
		}
		len -= (size_t)(p - buf);
		memmove(buf, p, len);
		if (len == sizeof(buf) - 1)
			len = 0;	/* a "line" of 64 KiB: not one of ours either way */
	}
	fclose(f);
	unfinished = len;
	if (snapshot && unfinished)
		complain("the snapshot ends in the middle of a line%s\n", "");
	if (!journal && owed)
		complain("a marker at the end counts lines that never came%s\n", "");
	if (!n_hello)
		complain("no line of the flood at all%s\n", "");
	printf("lines=%" PRIu64 " hello=%" PRIu64 " first=%" PRIu64 " last=%" PRIu64
	       " missing=%" PRIu64 " markers=%" PRIu64 " notices=%" PRIu64 " notes=%" PRIu64
	       " suppressed=%" PRIu64 " bad=%" PRIu64 " unfinished=%" PRIu64,
	       n_lines, n_hello, first_n, last_n, missing, markers, notices, notes, suppressed, bad,
	       (uint64_t)unfinished);
	if (dropped_first)
		printf(" dropped=%" PRIu64 "-%" PRIu64, dropped_first, dropped_last);
	printf("\n");
	return problem ? 1 : 0;
}
