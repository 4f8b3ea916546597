/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: the config compiler. Any bytes as a YAML config: parse,
 * validate (a cell against the shipped QEMU system config and beside its
 * gic-demo cell), compile to the binary ABI, and format the messages.
 * Whatever the input, the result is a config or diagnostics; never a
 * crash, a leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>

#include "cv-config.h"

static struct cv_config *sys, *neighbour;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct cv_diag d = {};

	(void)argc, (void)argv;
	if (cv_config_load(CV_FUZZ_CONFIGS "/system.yaml", &sys, &d) < 0 || cv_system_validate(sys, &d) < 0 ||
	    cv_config_load(CV_FUZZ_CONFIGS "/gic-demo.yaml", &neighbour, &d) < 0)
		abort();
	cv_diag_clear(&d);
	return 0;
}

static void compile(const struct cv_config *c)
{
	void *blob = NULL;
	size_t size = 0;
	int r;

	r = c->kind == CV_CONFIG_CELL ? cv_cell_compile(&c->cell, &blob, &size)
				      : cv_system_compile(&c->system, &blob, &size);
	/* A config that validated must compile. */
	if (r < 0 || !blob || size == 0)
		abort();
	free(blob);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cv_config *c = NULL;
	struct cv_diag d = {};
	char *msgs;
	int r;

	if (cv_config_load_string("fuzz.yaml", (const char *)data, size, &c, &d) == 0) {
		if (c->kind == CV_CONFIG_CELL) {
			r = cv_cell_validate(c, sys, &d);
			(void)cv_cells_validate_together((struct cv_config *const[]){ neighbour, c }, 2, &d);
		} else {
			r = cv_system_validate(c, &d);
		}
		if (r == 0)
			compile(c);
		cv_config_free(c);
	}
	msgs = cv_diag_join(&d, 16);
	free(msgs);
	cv_diag_clear(&d);
	return 0;
}
