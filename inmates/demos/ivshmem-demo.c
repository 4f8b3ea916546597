// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem-demo: a peer of a shared-memory link (ivshmem v2, PCI
 * 110a:4106) on the cell's virtual PCI bus, behaving like Jailhouse's demo
 * of that name. It finds the device, places its registers (BAR0), reads
 * the layout from the vendor capability, says it is up (STATE = ID + 1),
 * and then every second rings peer `target` (command line; default
 * ID + 1 modulo the peers). Each interrupt (a doorbell, or a peer's state
 * changing) is counted: the count goes to rw[ID] and, times 10, to the
 * first word of its output section, and it prints the state table, the
 * R/W words and the first word of every peer's output section.
 *
 * `pong=1` is for measuring: every interrupt is answered at once with a
 * doorbell to `target`, and only every 1000th is printed.
 */
#include "inmate.h"
#include "ivshmem.h"

#define BAR_BASE		0xff000000UL	/* where Jailhouse's demo puts it */

static struct ivshmem_dev dev;
static unsigned int target;
static bool pong;
static volatile unsigned long interrupts;
static volatile bool tick;

static void print_shmem(void)
{
	unsigned long out_words = dev.output_size / 4;
	unsigned int i;

	for (i = 0; i < dev.peers; i++)
		printk("state[%u] = %u\n", i, dev.state_table[i]);
	for (i = 0; i < dev.peers; i++)
		printk("rw[%u] = %u\n", i, dev.rw_section[i]);
	for (i = 0; i < dev.peers; i++)
		printk("in@0x%04lx = %u\n", (unsigned long)(i * dev.output_size),
		       dev.outputs[i * out_words]);
}

static void ring(void)
{
	/* vector 0: INTx has no other */
	mmio_write32(dev.regs + IVSHMEM_REG_DOORBELL, target << 16);
}

static void handle_irq(unsigned int n)
{
	if (n == TIMER_VIRT_IRQ) {
		tick = true;
		timer_start(timer_freq());
		return;
	}
	if (n != dev.irq)
		return;
	interrupts++;
	if (pong) {
		ring();
		if (interrupts % 1000 == 0)
			printk("IVSHMEM: pong #%lu\n", interrupts);
		return;
	}
	dev.rw_section[dev.id] = (u32)interrupts;
	dev.out_section[0] = (u32)interrupts * 10;
	printk("\nIVSHMEM: got interrupt %u (#%lu)\n", 0, interrupts);
	print_shmem();
}

void inmate_main(void)
{
	if (gic_init())
		return;
	irq_init(handle_irq);
	if (ivshmem_init(&dev, 0, BAR_BASE))
		return;
	target = (unsigned int)cmdline_get_int("target", (long)((dev.id + 1) % dev.peers));
	pong = cmdline_get_bool("pong", false);
	gic_enable_irq(dev.irq);
	printk("IVSHMEM: initialized device\n");

	mmio_write32(dev.regs + IVSHMEM_REG_INT_CTRL, 1);
	mmio_write32(dev.regs + IVSHMEM_REG_STATE, dev.id + 1);
	dev.rw_section[dev.id] = 0;
	dev.out_section[0] = 0;
	print_shmem();

	gic_enable_irq(TIMER_VIRT_IRQ);
	timer_start(timer_freq());
	irq_unmask();
	for (;;) {
		wfi();
		if (comm_poll())
			return;
		if (!tick || pong)
			continue;
		tick = false;
		irq_mask();
		printk("\nIVSHMEM: sending IRQ %u to peer %u\n", 0, target);
		irq_unmask();
		ring();
	}
}
