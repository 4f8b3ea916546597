// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal EL2 stand-in for the hypervisor, for testing inmates on bare
 * QEMU virt (-M virt,gic-version=3,virtualization=on): QEMU's virt board
 * has flash, not RAM, at address 0, so an inmate linked at 0 needs a
 * stage-2 translation to run there.
 *
 * It maps, for one EL1 "cell": IPA 0 + 64 KiB -> SHIM_CELL_RAM, IPA
 * 0x80000000 (one page) -> SHIM_COMM_PA (a comm region the test harness
 * loads), and GICD/GICR/PL011 one to one. The GIC is the real one: the
 * cell programs it directly (HCR_EL2.IMO=0). It answers hvc #0x4a48 code
 * 8 (debug putc, to the PL011) and -ENOSYS for other codes, and reports
 * stage-2 faults and forbidden hypercalls on the PL011 prefixed "[shim]",
 * then parks. Nothing else of the hypervisor is modelled.
 */
#include <stdint.h>

#define SHIM_CELL_RAM	0x70000000UL
#define SHIM_CELL_SIZE	0x10000UL
#define SHIM_COMM_PA	0x70100000UL
#define COMM_IPA	0x80000000UL
#define UART		0x09000000UL
#define GICD		0x08000000UL
#define GICR		0x080a0000UL
#define DEVICE_START	0x08000000UL	/* GICD .. PL011, 2 MiB blocks */
#define DEVICE_END	0x0a000000UL

#define S2_VALID_BLOCK	1UL
#define S2_TABLE_PAGE	3UL
#define S2_NORMAL	(0xfUL << 2)	/* MemAttr: outer/inner write-back */
#define S2_DEVICE	(0x0UL << 2)	/* Device-nGnRnE */
#define S2_RW		(3UL << 6)
#define S2_SH_INNER	(3UL << 8)
#define S2_AF		(1UL << 10)

#define HCR_VM		(1UL << 0)
#define HCR_SWIO	(1UL << 1)
#define HCR_RW		(1UL << 31)

#define VTCR_VALUE	((1UL << 31) | (2UL << 16) | (3UL << 12) | (1UL << 10) | \
			 (1UL << 8) | (1UL << 6) | 25UL)	/* 39-bit IPA, level 1 start */
#define SPSR_EL1H_MASKED 0x3c5UL
#define SCTLR_EL1_RES1	0x30d00800UL

#define HVC_IMM		0x4a48
#define HC_PUTC		8
#define ENOSYS		38

#define wr(reg, v)	asm volatile("msr " #reg ", %0" : : "r" ((uint64_t)(v)))
#define rd(reg)		({ uint64_t __v; asm volatile("mrs %0, " #reg : "=r" (__v)); __v; })

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096)));
static uint64_t l3_ram[512] __attribute__((aligned(4096)));
static uint64_t l2_comm[512] __attribute__((aligned(4096)));
static uint64_t l3_comm[512] __attribute__((aligned(4096)));

static volatile uint32_t *reg32(uint64_t a)
{
	return (volatile uint32_t *)a;
}

static void uart_putc(char c)
{
	while (*reg32(UART + 0x18) & (1 << 5))
		;
	*reg32(UART) = (uint8_t)c;
}

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

static void puthex(uint64_t v)
{
	uart_puts("0x");
	for (int i = 60; i >= 0; i -= 4)
		uart_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

static void park(void) __attribute__((noreturn));
static void park(void)
{
	uart_puts("[shim] cell CPU parked\n");
	for (;;)
		asm volatile("wfi");
}

static void map_stage2(void)
{
	uint64_t a;

	l1[0] = (uint64_t)l2_low | S2_TABLE_PAGE;
	l1[COMM_IPA >> 30] = (uint64_t)l2_comm | S2_TABLE_PAGE;
	l2_low[0] = (uint64_t)l3_ram | S2_TABLE_PAGE;
	for (a = 0; a < SHIM_CELL_SIZE; a += 0x1000)
		l3_ram[a >> 12] = (SHIM_CELL_RAM + a) | S2_TABLE_PAGE |
				  S2_NORMAL | S2_RW | S2_SH_INNER | S2_AF;
	for (a = DEVICE_START; a < DEVICE_END; a += 0x200000)
		l2_low[a >> 21] = a | S2_VALID_BLOCK | S2_DEVICE | S2_RW | S2_AF;
	l2_comm[0] = (uint64_t)l3_comm | S2_TABLE_PAGE;
	l3_comm[0] = SHIM_COMM_PA | S2_TABLE_PAGE | S2_NORMAL | S2_RW |
		     S2_SH_INNER | S2_AF;
}

/* What root Linux would have done before handing a CPU over: GIC on, group 1, awake. */
static void gic_setup(void)
{
	unsigned int lines = ((*reg32(GICD + 0x4) & 0x1f) + 1) * 32;

	*reg32(GICD) = (1 << 4) | (1 << 1);	/* ARE, EnableGrp1 (DS=1 view) */
	while (*reg32(GICD) & (1U << 31))
		;
	for (unsigned int i = 1; i < lines / 32; i++)
		*reg32(GICD + 0x80 + 4 * i) = ~0U;
	*reg32(GICR + 0x14) &= ~(1U << 1);	/* WAKER.ProcessorSleep */
	while (*reg32(GICR + 0x14) & (1U << 2))
		;
	*reg32(GICR + 0x10080) = ~0U;		/* IGROUPR0 */
}

void shim_main(void);
void shim_main(void)
{
	uart_puts("[shim] EL2 test shim: cell RAM ");
	puthex(SHIM_CELL_RAM);
	uart_puts(" at IPA 0, comm region ");
	puthex(SHIM_COMM_PA);
	uart_puts(" at IPA 0x80000000\n");
	if (((rd(CurrentEL) >> 2) & 3) != 2) {
		uart_puts("[shim] not at EL2 (need -M virt,virtualization=on)\n");
		park();
	}
	map_stage2();
	gic_setup();
	asm volatile("msr S3_4_C12_C9_5, %0" : : "r" (0xfUL));	/* ICC_SRE_EL2 */
	wr(vtcr_el2, VTCR_VALUE);
	wr(vttbr_el2, (uint64_t)l1);
	wr(cnthctl_el2, 3);		/* EL1 may use the physical counter/timer */
	wr(cntvoff_el2, 0);
	wr(cptr_el2, 0x33ff);		/* RES1 bits, no FP trap */
	wr(hstr_el2, 0);
	wr(sctlr_el1, SCTLR_EL1_RES1);
	wr(hcr_el2, HCR_VM | HCR_SWIO | HCR_RW);
	wr(spsr_el2, SPSR_EL1H_MASKED);
	wr(elr_el2, 0);
	asm volatile("isb; tlbi alle1; dsb sy; isb" : : : "memory");
}

static void data_abort(uint64_t esr)
{
	uart_puts("[shim] cell fault: data abort, IPA ");
	puthex((rd(hpfar_el2) >> 4) << 12 | (rd(far_el2) & 0xfff));
	uart_puts(" FAR ");
	puthex(rd(far_el2));
	uart_puts(" ESR ");
	puthex(esr);
	uart_puts(" PC ");
	puthex(rd(elr_el2));
	uart_puts("\n");
	park();
}

void shim_trap(uint64_t *regs);
void shim_trap(uint64_t *regs)
{
	uint64_t esr = rd(esr_el2);
	unsigned int ec = esr >> 26;

	if (ec == 0x16 && (esr & 0xffff) == HVC_IMM) {
		if (regs[0] == HC_PUTC) {
			uart_putc((char)regs[1]);
			regs[0] = 0;
		} else {
			regs[0] = (uint64_t)-ENOSYS;
		}
		return;
	}
	if (ec == 0x24)
		data_abort(esr);
	uart_puts("[shim] cell fault: unhandled trap, ESR ");
	puthex(esr);
	uart_puts(" PC ");
	puthex(rd(elr_el2));
	uart_puts("\n");
	park();
}

void shim_unexpected(uint64_t sp, uint64_t esr);
void shim_unexpected(uint64_t sp, uint64_t esr)
{
	uart_puts("[shim] unexpected exception at EL2, ESR ");
	puthex(esr);
	uart_puts(" ELR ");
	puthex(rd(elr_el2));
	uart_puts(" SP ");
	puthex(sp);
	uart_puts("\n");
	park();
}
