/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl stats [NAME] [-w]: VM-exit counters per CPU. */
#include <stdio.h>
#include <unistd.h>

#include "cellctl.h"
#include "cv-bus.h"
#include "output.h"

static const char *const stat_cols[] = {
	"cell", "#cpu", "#exits_total", "#exits_mmio", "#exits_management", "#exits_hypercall",
	"#exits_maintenance", "#exits_virq", "#exits_vsgi", "#exits_psci", "#exits_smccc", "#exits_sysreg",
};

static int add_cell_stats(sd_bus *bus, const char *name, struct table *t)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	char what[128], vals[ELEMENTSOF(stat_cols)][24];
	const char *row[ELEMENTSOF(stat_cols)];
	uint32_t cpu;
	int r;

	snprintf(what, sizeof(what), "cannot read the statistics of '%s'", name);
	if (cellctl_call(bus, what, "GetCellStatistics", &reply, "s", name) < 0)
		return -EIO;
	r = sd_bus_message_enter_container(reply, 'a', "(ua{st})");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'r', "ua{st}")) > 0) {
		const char *key;
		uint64_t v;

		r = sd_bus_message_read(reply, "u", &cpu);
		row[0] = name;
		snprintf(vals[1], sizeof(vals[1]), "%u", cpu);
		row[1] = vals[1];
		for (size_t i = 2; i < ELEMENTSOF(stat_cols); i++)
			row[i] = "-";
		if (r >= 0)
			r = sd_bus_message_enter_container(reply, 'a', "{st}");
		while (r >= 0 && (r = sd_bus_message_read(reply, "{st}", &key, &v)) > 0)
			for (size_t i = 2; i < ELEMENTSOF(stat_cols); i++)
				if (streq(stat_cols[i] + 1, key)) {
					snprintf(vals[i], sizeof(vals[i]), "%llu", (unsigned long long)v);
					row[i] = vals[i];
				}
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r >= 0)
			r = table_add_row(t, row);
	}
	return r < 0 ? cellctl_bus_fail(what, NULL, r), r : 0;
}

static int all_cells(sd_bus *bus, char ***ret)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const char *name, *state, *cpus, *path;
	size_t n = 0;
	uint32_t id;
	char **l = calloc(1, sizeof(char *));
	int r;

	if (!l || cellctl_call(bus, "cannot list cells", "ListCells", &reply, NULL) < 0) {
		free(l);
		return -EIO;
	}
	r = sd_bus_message_enter_container(reply, 'a', "(susso)");
	while (r >= 0 && (r = sd_bus_message_read(reply, "(susso)", &name, &id, &state, &cpus, &path)) > 0) {
		char **nl = realloc(l, (n + 2) * sizeof(char *));

		if (!nl)
			break;
		l = nl;
		l[n++] = strdup(name);
		l[n] = NULL;
	}
	*ret = l;
	return 0;
}

int verb_stats(int argc, char *argv[])
{
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;

	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	for (;;) {
		_cleanup_strv_free_ char **cells = NULL;
		struct table t;
		int ret = EXIT_OK;

		if (argc > 1) {
			cells = calloc(2, sizeof(char *));
			if (!cells || !(cells[0] = strdup(argv[1])))
				return EXIT_FAIL;
		} else if (all_cells(bus, &cells) < 0) {
			return EXIT_FAIL;
		}
		table_init(&t, stat_cols, ELEMENTSOF(stat_cols));
		for (char **c = cells; *c; c++)
			if (add_cell_stats(bus, *c, &t) < 0)
				ret = EXIT_FAIL;
		if (arg_watch && isatty(STDOUT_FILENO))
			printf("\033[H\033[2J");
		table_print(&t, arg_json ? NULL : "CPUs");
		table_free(&t);
		fflush(stdout);
		if (!arg_watch || ret != EXIT_OK)
			return ret;
		sleep(1);
	}
}
