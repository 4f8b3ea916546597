/* SPDX-License-Identifier: GPL-2.0-only */
/* YAML → struct cv_link_conf: the 'links:' of a cell or of the root cell. */
#include <stdio.h>

#include "cv-config-parse.h"

/* ivshmem v2 protocol types (class code sub-class and interface bytes). */
static const struct {
	const char *name;
	uint32_t value;
} protocols[] = {
	{ "undefined", 0x0000 },
	{ "veth", 0x0001 },
};

DEFINE_KEY(link_name)
{
	struct cv_link_conf *l = ctx;
	const char *s;
	int r;

	r = cv_yaml_string(y, v, "name", &s);
	if (r < 0)
		return r;
	l->name_loc = cv_yaml_loc(v);
	if (!cv_cell_name_valid(s))
		return cv_yaml_error(y, v, "invalid link name '%s': use 1..%d characters of "
				     "A-Z a-z 0-9 _ . - (not starting with . or -)",
				     s, CV_LINK_NAME_LEN - 1);
	memcpy(l->name, s, strlen(s) + 1);
	return 0;
}

DEFINE_KEY(link_protocol)
{
	struct cv_link_conf *l = ctx;
	const char *s;
	uint64_t n;
	int r;

	r = cv_yaml_string(y, v, "protocol", &s);
	if (r < 0)
		return r;
	for (size_t i = 0; i < ELEMENTSOF(protocols); i++)
		if (streq(s, protocols[i].name)) {
			l->protocol = protocols[i].value;
			return 0;
		}
	if (cv_parse_u64(s, &n) < 0 || n > 0xffff)
		return cv_yaml_error(y, v, "'protocol' must be undefined, veth or a number 0..0xffff "
				     "(0x4000-0x7fff user-defined), not '%s'", s);
	l->protocol = (uint32_t)n;
	return 0;
}

#define LINK_KEY(name, ty, field, ...) CV_KEY(name, ty, struct cv_link_conf, field, __VA_ARGS__)
#define LINK_LOC(field) CV_LOC(struct cv_link_conf, field)

/* The link: the same in every member's config. */
#define LINK_LAYOUT_KEYS \
	{ .key = "name", .parse = link_name, .required = true }, \
	LINK_KEY("peers", U32, peers, LINK_LOC(peers_loc), .required = true), \
	{ .key = "protocol", .parse = link_protocol }, \
	LINK_KEY("phys", SIZE, phys, LINK_LOC(phys_loc), .required = true), \
	LINK_KEY("rw-size", SIZE, rw_size, LINK_LOC(rw_loc)), \
	LINK_KEY("output-size", SIZE, output_size, LINK_LOC(output_loc), .required = true), \
	LINK_KEY("id", U32, id, LINK_LOC(id_loc), .required = true)

static const struct cv_yaml_key cell_link_keys[] = {
	LINK_LAYOUT_KEYS,
	LINK_KEY("slot", U32, slot, LINK_LOC(slot_loc)),
	LINK_KEY("virt", SIZE, virt, LINK_LOC(virt_loc)),
};

/* The root sees a link at its physical address and not on a PCI bus. */
static const struct cv_yaml_key root_link_keys[] = {
	LINK_LAYOUT_KEYS,
};

int cv_parse_links(struct cv_yaml *y, yaml_node_t *v, struct cv_cell *cell, bool root)
{
	int ret = 0;

	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'links' must be a list of links");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);
		struct cv_link_conf *l;
		int r;

		if (cell->n_links >= CV_MAX_LINKS)
			return cv_yaml_error(y, item, "too many links (at most %d)", CV_MAX_LINKS);
		l = &cell->links[cell->n_links++];
		l->loc = cv_yaml_loc(item);
		if (root)
			r = cv_yaml_mapping(y, item, "a link", root_link_keys, ELEMENTSOF(root_link_keys), l);
		else
			r = cv_yaml_mapping(y, item, "a link", cell_link_keys, ELEMENTSOF(cell_link_keys), l);
		if (r < 0)
			ret = -EINVAL;
		if (!l->virt_loc.line)
			l->virt = l->phys;	/* identity-mapped unless told otherwise */
	}
	return ret;
}
