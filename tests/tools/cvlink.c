// SPDX-License-Identifier: GPL-2.0
/*
 * cvlink: the root's side of links, for tests.
 *   cvlink info               every link: name, layout, each peer's cell and state
 *   cvlink map DEV N          map N of a link's UIO device writable (must be refused
 *                             for 1 and 3), then read-only and made writable
 *   cvlink reg DEV OFF SIZE [VALUE]   one access of SIZE bytes (1, 2, 4, 8) at OFF of
 *                             the register page: prints what it read; an access the
 *                             hypervisor refuses kills it with SIGBUS
 * Exit status 0 on success, 1 on failure (message on stderr), 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cellvisor/ioctl.h>

static int fail(const char *what)
{
	fprintf(stderr, "cvlink: %s: %s\n", what, strerror(errno));
	return 1;
}

static int cmd_info(void)
{
	int fd = open("/dev/" CV_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	struct cv_link_info info;

	if (fd < 0)
		return fail("/dev/" CV_DEVICE_NAME);
	for (uint32_t i = 0;; i++) {
		info = (struct cv_link_info){ .index = i };
		if (ioctl(fd, CV_LINK_INFO, &info) < 0)
			return errno == ENOENT ? 0 : fail("CV_LINK_INFO");
		printf("link=%s peers=%u protocol=0x%x phys=0x%llx rw=0x%llx output=0x%llx",
		       info.name, info.peers, info.protocol, (unsigned long long)info.phys,
		       (unsigned long long)info.rw_size, (unsigned long long)info.output_size);
		for (uint32_t p = 0; p < info.peers; p++)
			printf(" peer%u=%d:%u", p, info.peer_cell[p], info.peer_state[p]);
		printf("\n");
	}
}

static int cmd_map(const char *dev, const char *n)
{
	long page = sysconf(_SC_PAGESIZE);
	off_t off = strtol(n, NULL, 0) * page;
	int fd = open(dev, O_RDWR | O_CLOEXEC);
	void *p;

	if (fd < 0)
		return fail(dev);
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	printf("writable: %s\n", p == MAP_FAILED ? strerror(errno) : "mapped");
	p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, off);
	if (p == MAP_FAILED)
		return fail("read-only mmap");
	printf("read-only: mapped, first word 0x%x\n", *(volatile uint32_t *)p);
	printf("mprotect writable: %s\n",
	       mprotect(p, page, PROT_READ | PROT_WRITE) ? strerror(errno) : "allowed");
	return 0;
}

static int cmd_reg(int argc, char **argv)
{
	unsigned long off = strtoul(argv[1], NULL, 0), size = strtoul(argv[2], NULL, 0);
	uint64_t v = argc > 3 ? strtoull(argv[3], NULL, 0) : 0;
	int fd = open(argv[0], O_RDWR | O_CLOEXEC);
	volatile uint8_t *regs;

	if (fd < 0)
		return fail(argv[0]);
	regs = mmap(NULL, sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (regs == MAP_FAILED)
		return fail("mmap registers");
	/* one load or store of the width asked for: what the hypervisor decodes */
	switch (size) {
	case 1:
		if (argc > 3)
			asm volatile("strb %w0, [%1]" : : "r" (v), "r" (regs + off) : "memory");
		else
			asm volatile("ldrb %w0, [%1]" : "=r" (v) : "r" (regs + off) : "memory");
		break;
	case 2:
		if (argc > 3)
			asm volatile("strh %w0, [%1]" : : "r" (v), "r" (regs + off) : "memory");
		else
			asm volatile("ldrh %w0, [%1]" : "=r" (v) : "r" (regs + off) : "memory");
		break;
	case 4:
		if (argc > 3)
			asm volatile("str %w0, [%1]" : : "r" (v), "r" (regs + off) : "memory");
		else
			asm volatile("ldr %w0, [%1]" : "=r" (v) : "r" (regs + off) : "memory");
		break;
	case 8:
		if (argc > 3)
			asm volatile("str %0, [%1]" : : "r" (v), "r" (regs + off) : "memory");
		else
			asm volatile("ldr %0, [%1]" : "=r" (v) : "r" (regs + off) : "memory");
		break;
	default:
		fprintf(stderr, "cvlink: size is 1, 2, 4 or 8\n");
		return 2;
	}
	printf("0x%llx\n", (unsigned long long)v);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "info"))
		return cmd_info();
	if (argc == 4 && !strcmp(argv[1], "map"))
		return cmd_map(argv[2], argv[3]);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "reg"))
		return cmd_reg(argc - 2, argv + 2);
	fprintf(stderr, "usage: cvlink info | map DEV N | reg DEV OFF SIZE [VALUE]\n");
	return 2;
}
