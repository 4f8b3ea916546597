// SPDX-License-Identifier: GPL-2.0-only
/* The command line buffer itself, placed at image+0x1000 by the linker script. */
#include "cmdline.h"

/* Zero-filled in the image so a loader can drop a string over it. */
char cmdline[CMDLINE_SIZE] __attribute__((section(".cmdline"), used));
