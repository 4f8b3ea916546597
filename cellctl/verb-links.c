/* SPDX-License-Identifier: GPL-2.0-only */
/* cellctl: shared-memory links, `list --links` and the links in `status`. */
#include <stdio.h>

#include "cellctl.h"
#include "cv-bus.h"
#include "output.h"

/* Reads one (usu) peer; *r < 0 on error, 0 at the end of the array. */
static int read_peer(sd_bus_message *m, uint32_t *id, const char **member, uint32_t *state)
{
	return sd_bus_message_read(m, "(usu)", id, member, state);
}

int verb_list_links(void)
{
	static const char *const cols[] = { "link", "memory", "#peer", "member", "#state" };
	_cleanup_(sd_bus_flush_close_unrefp) sd_bus *bus = NULL;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	const char *name, *member;
	uint64_t phys, size;
	uint32_t id, state;
	struct table t;
	int r;

	if (cellctl_bus_open(&bus) < 0)
		return EXIT_FAIL;
	r = sd_bus_get_property(bus, CV_BUS_NAME, CV_BUS_PATH, CV_BUS_MANAGER_IFACE, "Links", &error,
				&reply, "a(stta(usu))");
	if (r < 0)
		return cellctl_bus_fail("cannot list links", &error, r);
	table_init(&t, cols, ELEMENTSOF(cols));
	r = sd_bus_message_enter_container(reply, 'a', "(stta(usu))");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'r', "stta(usu)")) > 0) {
		char mem[64], size_s[32], ids[16], states[16];

		r = sd_bus_message_read(reply, "stt", &name, &phys, &size);
		if (r >= 0)
			r = sd_bus_message_enter_container(reply, 'a', "(usu)");
		snprintf(mem, sizeof(mem), "0x%llx +%s", (unsigned long long)phys,
			 format_size(size, size_s, sizeof(size_s)));
		while (r >= 0 && (r = read_peer(reply, &id, &member, &state)) > 0) {
			snprintf(ids, sizeof(ids), "%u", id);
			snprintf(states, sizeof(states), "%u", state);
			r = table_add_row(&t, (const char *const[]){ name, mem, ids, *member ? member : "-",
								     states });
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	if (r < 0) {
		table_free(&t);
		return cellctl_bus_fail("cannot read the links", NULL, r);
	}
	table_print(&t, "peers");
	table_free(&t);
	return EXIT_OK;
}

int cellctl_print_cell_links(sd_bus *bus, const char *path, bool json)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_(sd_bus_error_free) sd_bus_error error = SD_BUS_ERROR_NULL;
	const char *name, *member;
	uint32_t own, id, state;
	int r, n = 0;

	r = sd_bus_get_property(bus, CV_BUS_NAME, path, CV_BUS_CELL_IFACE, "Links", &error, &reply,
				"a(sua(usu))");
	if (r < 0)
		return cellctl_bus_fail("cannot read the cell's links", &error, r);
	if (json)
		printf("[");
	r = sd_bus_message_enter_container(reply, 'a', "(sua(usu))");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'r', "sua(usu)")) > 0) {
		int p = 0;

		r = sd_bus_message_read(reply, "su", &name, &own);
		if (r >= 0)
			r = sd_bus_message_enter_container(reply, 'a', "(usu)");
		if (json) {
			printf("%s{\"name\":", n ? "," : "");
			json_print_string(name);
			printf(",\"peer\":%u,\"peers\":[", own);
		} else {
			printf("%s%s, peer %u:", n ? "           " : "    Links: ", name, own);
		}
		while (r >= 0 && (r = read_peer(reply, &id, &member, &state)) > 0) {
			if (json) {
				printf("%s{\"peer\":%u,\"member\":", p ? "," : "", id);
				json_print_string(member);
				printf(",\"state\":%u}", state);
			} else {
				printf("%s %u %s=%u", p ? "," : "", id, *member ? member : "-", state);
			}
			p++;
		}
		printf(json ? "]}" : "\n");
		n++;
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	if (json)
		printf("]");
	return r < 0 ? cellctl_bus_fail("cannot read the cell's links", NULL, r) : 0;
}
