// SPDX-License-Identifier: GPL-2.0-only
/* An hvc #0x4a48 with a code nobody implements (default 0x7777): expect -38 (ENOSYS). */
#include "fault.h"

void inmate_main(void)
{
	unsigned long code = cmdline_get_int("code", 0x7777);
	long ret;

	printk("fault-unknown-hvc: hypercall code 0x%lx\n", code);
	ret = hypercall(code, 0, 0);
	printk("fault-unknown-hvc: returned %ld%s\n", ret,
	       ret == -38 ? " (ENOSYS)" : "");
	alive_forever(false);
}
