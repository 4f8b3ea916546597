/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared-memory links as the hypervisor has them: from the driver's
 * snapshot at each refresh, published as Manager.Links and each member cell's
 * Cell.Links, with PropertiesChanged when a peer comes, goes or changes
 * state.
 */
#include "cv-bus.h"
#include "cv-log.h"
#include "manager.h"
#include "profile.h"

static uint64_t link_size(const struct cv_link_info *l)
{
	return CV_LINK_STATE_TABLE_SIZE + l->rw_size + (uint64_t)l->peers * l->output_size;
}

/* Who holds peer ID @i of @l: "root", a cell's name, or "" for nobody. */
static const char *member_name(struct manager *m, const struct cv_link_info *l, unsigned int i)
{
	struct cell *c;

	if (l->peer_cell[i] < 0)
		return "";
	if (l->peer_cell[i] == 0)
		return "root";
	c = manager_find_cell_by_id(m, (uint32_t)l->peer_cell[i]);
	return c ? c->name : "";
}

static bool is_member(const struct cv_link_info *l, uint32_t cell_id)
{
	for (unsigned int i = 0; i < l->peers && i < CV_LINK_MAX_PEERS; i++)
		if (l->peer_cell[i] == (int32_t)cell_id)
			return true;
	return false;
}

/* The peers of a link: a(usu), (peer ID, member, state) for every ID. */
static int append_peers(sd_bus_message *reply, struct manager *m, const struct cv_link_info *l)
{
	int r = sd_bus_message_open_container(reply, 'a', "(usu)");

	for (unsigned int i = 0; r >= 0 && i < l->peers && i < CV_LINK_MAX_PEERS; i++)
		r = sd_bus_message_append(reply, "(usu)", i, member_name(m, l, i), l->peer_state[i]);
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

int bus_manager_property_links(sd_bus *bus, const char *path, const char *interface, const char *property,
			       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	int r;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	r = sd_bus_message_open_container(reply, 'a', "(stta(usu))");
	for (unsigned int i = 0; r >= 0 && i < m->n_links; i++) {
		const struct cv_link_info *l = &m->links[i];

		r = sd_bus_message_open_container(reply, 'r', "stta(usu)");
		if (r >= 0)
			r = sd_bus_message_append(reply, "stt", l->name, l->phys, link_size(l));
		if (r >= 0)
			r = append_peers(reply, m, l);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

int bus_cell_property_links(sd_bus *bus, const char *path, const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct cell *c = userdata;
	struct manager *m = c->manager;
	int r;

	(void)bus, (void)path, (void)interface, (void)property, (void)error;
	r = sd_bus_message_open_container(reply, 'a', "(sua(usu))");
	for (unsigned int i = 0; r >= 0 && i < m->n_links; i++) {
		const struct cv_link_info *l = &m->links[i];
		uint32_t id = 0;

		if (!is_member(l, c->id))
			continue;
		while (l->peer_cell[id] != (int32_t)c->id)
			id++;
		r = sd_bus_message_open_container(reply, 'r', "sua(usu)");
		if (r >= 0)
			r = sd_bus_message_append(reply, "su", l->name, id);
		if (r >= 0)
			r = append_peers(reply, m, l);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

/* Cells that are members of a link in @a or @b get a PropertiesChanged for Links. */
static void emit_cells_changed(struct manager *m, const struct cv_link_info *a, unsigned int na,
			       const struct cv_link_info *b, unsigned int nb)
{
	for (struct cell *c = m->cells; c; c = c->next) {
		bool member = false;

		for (unsigned int i = 0; i < na; i++)
			member |= is_member(&a[i], c->id);
		for (unsigned int i = 0; i < nb; i++)
			member |= is_member(&b[i], c->id);
		if (member)
			cell_bus_emit_links_changed(c);
	}
}

void manager_refresh_links(struct manager *m, const struct cv_link_info *links, unsigned int n)
{
	struct cv_link_info old[CV_MAX_LINKS_ALL];
	unsigned int n_old = m->n_links;

	if (n == n_old && !memcmp(m->links, links, n * sizeof(*links)))
		return;
	memcpy(old, m->links, sizeof(old));
	memcpy(m->links, links, n * sizeof(*links));
	m->n_links = n;
	if (m->bus_ready) {
		(void)PROFILED(PROFILE_SIGNALS, sd_bus_emit_properties_changed(m->bus, CV_BUS_PATH,
										 CV_BUS_MANAGER_IFACE, "Links", NULL));
		emit_cells_changed(m, old, n_old, m->links, n);
	}
}
