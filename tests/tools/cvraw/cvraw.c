// SPDX-License-Identifier: GPL-2.0
/*
 * cvraw.ko create=FILE: hands the cell config in FILE to the hypervisor's
 * CV_HC_CELL_CREATE as it is, without cellvisor.ko's checks, so a test
 * reaches the hypervisor's own. The cell's CPUs must be offline in Linux
 * (parked). A create that should have been refused is undone at once.
 * Never stays loaded: insmod fails with the hypercall's error, or with
 * EAGAIN after a create it undid.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel_read_file.h>
#include <linux/module.h>
#include <linux/vmalloc.h>

#include "cellvisor.h"

static char *create;
module_param(create, charp, 0444);
MODULE_PARM_DESC(create, "cell config blob to hand to CV_HC_CELL_CREATE");

static int __init cvraw_init(void)
{
	void *file = NULL, *page;
	size_t size = 0;
	ssize_t n;
	long ret;

	if (!create) {
		pr_err("usage: insmod cvraw.ko create=FILE\n");
		return -EINVAL;
	}
	n = kernel_read_file_from_path(create, 0, &file, PAGE_SIZE, &size, READING_UNKNOWN);
	if (n < 0) {
		pr_err("cannot read %s (at most a page): %zd\n", create, n);
		return n;
	}
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page) {
		vfree(file);
		return -ENOMEM;
	}
	memcpy(page, file, n);
	vfree(file);
	ret = cv_hypercall(CV_HC_CELL_CREATE, virt_to_phys(page), 0);
	pr_info("CV_HC_CELL_CREATE of %s (%zd bytes) returned %ld\n", create, n, ret);
	if (ret > 0) {
		pr_err("the hypervisor took it: destroying cell %ld again\n", ret);
		cv_hypercall(CV_HC_CELL_DESTROY, ret, 0);
		ret = -EAGAIN;
	}
	free_page((unsigned long)page);
	return ret ? ret : -EAGAIN;
}

module_init(cvraw_init);
MODULE_DESCRIPTION("cellvisor test: a cell config to the hypervisor, unchecked");
MODULE_LICENSE("GPL");
