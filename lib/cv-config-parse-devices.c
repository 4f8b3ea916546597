/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * YAML → the parts of a cell that describe what it boots and what it takes
 * beyond memory: 'devices' (windows and SPIs handed over by the root),
 * 'linux' (kernel, initrd, command line) and an image's 'device-tree'.
 */
#include <stdio.h>

#include "cv-config-parse.h"

static const struct cv_yaml_flag dma_modes[] = {
	{ "none", CV_DMA_NONE },
	{ "coherent", CV_DMA_COHERENT },
	{ "non-coherent", CV_DMA_NON_COHERENT },
};

static const struct cv_yaml_flag triggers[] = {
	{ "level", 0 },
	{ "edge", 1 },
};

/* A string, or a list of strings, as a NUL-separated device tree string list. */
static int string_list(struct cv_yaml *y, yaml_node_t *v, const char *what, char *buf, size_t size,
		       size_t *ret_len)
{
	yaml_node_item_t *i = NULL, *end = NULL;
	size_t len = 0;

	if (v->type == YAML_SEQUENCE_NODE) {
		i = v->data.sequence.items.start;
		end = v->data.sequence.items.top;
		if (i == end)
			return cv_yaml_error(y, v, "'%s' is an empty list", what);
	} else if (v->type != YAML_SCALAR_NODE) {
		return cv_yaml_error(y, v, "'%s' must be a string or a list of strings", what);
	}
	/* A scalar is a list of one: the loop runs once with i == NULL. */
	do {
		yaml_node_t *n = i ? yaml_document_get_node(y->doc, *i) : v;
		const char *s;

		if (cv_yaml_string(y, n, what, &s) < 0)
			return -EINVAL;
		if (!*s || len + strlen(s) + 1 > size)
			return cv_yaml_error(y, n, "'%s' entries must be non-empty and %zu bytes at most in all",
					     what, size);
		memcpy(buf + len, s, strlen(s) + 1);
		len += strlen(s) + 1;
	} while (i && ++i < end);
	*ret_len = len;
	return 0;
}

/* ---- devices ---- */

/* Device tree node names: letters, digits and ,._+- (the spec's set), a letter first. */
static bool node_name_valid(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < CV_DEVICE_NAME_LEN &&
	       strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", s[0]) &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-") == n;
}

DEFINE_KEY(dev_name)
{
	struct cv_device *d = ctx;
	const char *s;

	if (cv_yaml_string(y, v, "name", &s) < 0)
		return -EINVAL;
	if (!node_name_valid(s))
		return cv_yaml_error(y, v, "invalid device name '%s': it names the device tree node, so use "
				     "1..%d of a-z A-Z 0-9 , . _ + - starting with a letter",
				     s, CV_DEVICE_NAME_LEN - 1);
	memcpy(d->name, s, strlen(s) + 1);
	return 0;
}

DEFINE_KEY(dev_compatible)
{
	struct cv_device *d = ctx;

	return string_list(y, v, "compatible", d->compatible, sizeof(d->compatible), &d->compatible_len);
}

DEFINE_KEY(dev_clock_names)
{
	struct cv_device *d = ctx;

	return string_list(y, v, "clock-names", d->clock_names, sizeof(d->clock_names), &d->clock_names_len);
}

/* Its SPIs, in INTID order: the device tree lists them so. */
DEFINE_KEY(dev_irqs)
{
	struct cv_device *d = ctx;
	uint32_t set[CV_NUM_IRQS / 32] = {};

	d->irqs_loc = cv_yaml_loc(v);
	if (cv_yaml_irqs(y, v, set) < 0)
		return -EINVAL;
	for (unsigned int i = 0; i < CV_NUM_IRQS; i++) {
		if (!cv_irq_owned(set, i))
			continue;
		if (d->n_irqs == CV_DEVICE_MAX_IRQS)
			return cv_yaml_error(y, v, "a device has at most %d interrupts", CV_DEVICE_MAX_IRQS);
		d->irqs[d->n_irqs++] = i;
	}
	return 0;
}

#define DEV_KEY(name, ty, field, ...) CV_KEY(name, ty, struct cv_device, field, __VA_ARGS__)

static const struct cv_yaml_key device_keys[] = {
	{ .key = "name", .parse = dev_name, .required = true },
	{ .key = "compatible", .parse = dev_compatible, .required = true },
	DEV_KEY("address", SIZE, address, .required = true),
	DEV_KEY("size", SIZE, size, .required = true),
	{ .key = "irqs", .parse = dev_irqs },
	DEV_KEY("trigger", FLAGS, edge, CV_FLAGS(triggers), .what = "trigger"),
	DEV_KEY("dma", FLAGS, dma, CV_FLAGS(dma_modes), .what = "dma mode"),
	DEV_KEY("console", BOOL_FLAG, console, .flag = 1),
	/* In Hz, a plain number: the size suffixes (K, M) are binary. */
	DEV_KEY("clock-frequency", U64, clock_hz),
	{ .key = "clock-names", .parse = dev_clock_names },
};

/*
 * The device's window as an io region, 1:1 and rounded out to pages (the
 * stage-2 granule): devices that share a page share one region.
 */
static int add_device_region(struct cv_yaml *y, yaml_node_t *item, struct cv_cell *cell, unsigned int dev)
{
	const struct cv_device *d = &cell->devices[dev];
	uint64_t start = d->address & ~(CV_PAGE_SIZE - 1);
	uint64_t end = (d->address + d->size + CV_PAGE_SIZE - 1) & ~(CV_PAGE_SIZE - 1);
	struct cv_region *r;

	if (!d->size || end <= start)
		return 0;	/* the validator says what is wrong */
	for (unsigned int i = 0; i < cell->n_regions; i++) {
		r = &cell->regions[i];
		if (r->device && r->phys < end && start < r->phys + r->size) {
			uint64_t lo = r->phys < start ? r->phys : start;
			uint64_t hi = r->phys + r->size > end ? r->phys + r->size : end;

			r->phys = r->virt = lo;
			r->size = hi - lo;
			return 0;
		}
	}
	/* One slot stays free for the comm region. */
	if (cell->n_regions >= CV_MAX_MEM_REGIONS - 1)
		return cv_yaml_error(y, item, "too many memory regions and devices (at most %d)",
				     CV_MAX_MEM_REGIONS - 1);
	cell->regions[cell->n_regions++] = (struct cv_region){
		.phys = start,
		.virt = start,
		.size = end - start,
		.flags = CV_MEM_READ | CV_MEM_WRITE | CV_MEM_IO,
		.device = dev + 1,
		.loc = d->loc,
	};
	return 0;
}

int cv_parse_devices(struct cv_yaml *y, yaml_node_t *v, void *ctx)
{
	struct cv_cell *cell = CELL(ctx);
	int ret = 0;

	if (v->type != YAML_SEQUENCE_NODE)
		return cv_yaml_error(y, v, "'devices' must be a list of {name, compatible, address, size, irqs}");
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(y->doc, *i);
		struct cv_device *d;

		if (cell->n_devices >= CV_MAX_DEVICES)
			return cv_yaml_error(y, item, "too many devices (at most %d)", CV_MAX_DEVICES);
		d = &cell->devices[cell->n_devices++];
		d->loc = cv_yaml_loc(item);
		if (cv_yaml_mapping(y, item, "a device", device_keys, ELEMENTSOF(device_keys), d) < 0) {
			ret = -EINVAL;
			continue;
		}
		/* They become the cell's, checked as its irqs are (SPIs the root owns). */
		for (unsigned int k = 0; k < d->n_irqs; k++)
			cell->irq_bitmap[d->irqs[k] / 32] |= 1U << (d->irqs[k] % 32);
		if (add_device_region(y, item, cell, cell->n_devices - 1) < 0)
			ret = -EINVAL;
	}
	return ret;
}

/* ---- linux ---- */

#define LINUX_KEY(name, ty, field, ...) CV_KEY(name, ty, struct cv_linux, field, __VA_ARGS__)

const struct cv_yaml_key cv_linux_keys[4] = {
	LINUX_KEY("kernel", STRDUP, kernel, .required = true),
	LINUX_KEY("initrd", STRDUP, initrd),
	LINUX_KEY("cmdline", STRDUP, cmdline, CV_LOC(struct cv_linux, cmdline_loc)),
	LINUX_KEY("dtb", STRDUP, dtb),
};

/* ---- an image that is the generated device tree ---- */

int cv_parse_image_device_tree(struct cv_yaml *y, yaml_node_t *v, void *ctx)
{
	struct cv_image *img = ctx;
	const char *s;

	if (cv_yaml_string(y, v, "device-tree", &s) < 0)
		return -EINVAL;
	if (!streq(s, "generated"))
		return cv_yaml_error(y, v, "'device-tree' must be 'generated' (a device tree file is a 'file' image)");
	img->device_tree = true;
	return 0;
}
