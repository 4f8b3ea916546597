/* SPDX-License-Identifier: GPL-2.0-only */
/* Verbs not written yet. */
#include <stdio.h>
#include "cellctl.h"

#define STUB(v) int verb_##v(int argc, char *argv[]) { (void)argc; fprintf(stderr, "cellctl: %s: not implemented yet\n", argv[0]); return EXIT_FAIL; }
STUB(list)
STUB(status)
STUB(enable)
STUB(disable)
STUB(create)
STUB(load)
STUB(start)
STUB(shutdown)
STUB(destroy)
STUB(stats)
STUB(console)
STUB(linux)
STUB(run)
STUB(config_create)
STUB(hardware_check)
