/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the errno values, from the kernel's user-space headers. */
#include <asm-generic/errno.h>
