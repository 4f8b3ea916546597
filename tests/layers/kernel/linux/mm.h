/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: region_intersects() is in ioport.h here. */
#include <linux/ioport.h>
