// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of a cell's console (core/cell-console.c) with its vUART
 * (core/vuart.c), as the cell and the root see them: nothing the root has
 * not read is overwritten; a full ring makes a polled driver wait on
 * FR.TXFF, an interrupt-driven one on the TX interrupt and debug putc on
 * its own hypercall; after CONSOLE_STALL_MS without a read whole lines
 * are dropped and one marker line counts them exactly; the doorbell rings
 * once per catch-up; and the root's requests are checked.
 */
#include <string.h>
#include <hv/cell.h>
#include <hv/cell-console.h>
#include <hv/hypercall.h>
#include <hv/percpu.h>
#include <hv/vuart.h>
#include "vuart-access.h"

#define BASE		0x09000000ULL
#define IRQ		64
#define DR		0x00
#define FR		0x18
#define IMSC		0x38
#define MIS		0x40
#define FR_TXFF		(1U << 5)
#define FR_BUSY		(1U << 3)
#define TXIM		(1U << 5)

/* What the console calls outside itself; the counter ticks in ms. */
static u64 now = 1000;
static unsigned int doorbells, injected;
static u8 percpu_area[4][PERCPU_SIZE] __attribute__((aligned(4096)));
static char root_ram[3 * 4096] __attribute__((aligned(4096)));
struct per_cpu *per_cpu_base = (struct per_cpu *)percpu_area;
struct cell *cells[CV_MAX_CELLS];

u64 arch_counter(void) { return now; }
u64 arch_counter_freq(void) { return 1000; }
void root_doorbell(unsigned int n) { CHECK_EQ(n, CV_ROOT_DOORBELL_CONSOLE); doorbells++; }
void arch_inject_virq(struct per_cpu *target, unsigned int irq) { (void)target; (void)irq; injected++; }
void *arch_map_guest(paddr_t pa, u64 size) { (void)size; return (void *)(unsigned long)pa; }
void arch_unmap_guest(paddr_t pa, u64 size) { (void)pa; (void)size; }
u64 hv_log_read(u64 *pos, char *buf, u64 len) { (void)pos; (void)buf; (void)len; return 0; }
void printk(const char *fmt, ...) { (void)fmt; }

bool root_owns_ram(paddr_t pa, u64 size)
{
	paddr_t ram = (paddr_t)(unsigned long)root_ram;

	return pa >= ram && size <= sizeof(root_ram) && pa - ram <= sizeof(root_ram) - size;
}

int root_copy_from(void *dst, paddr_t pa, u64 len)
{
	if (!root_owns_ram(pa, len))
		return -CV_EINVAL;
	memcpy(dst, (void *)(unsigned long)pa, len);
	return 0;
}

int root_copy_to(paddr_t pa, const void *src, u64 len)
{
	if (!root_owns_ram(pa, len))
		return -CV_EINVAL;
	memcpy((void *)(unsigned long)pa, src, len);
	return 0;
}

static struct cell cell, plain;
static struct cv_cell_config config, plain_config;
static char ring[CELL_CONSOLE_SIZE], plain_ring[CELL_CONSOLE_SIZE];

static u32 rd(u64 off)
{
	return vuart_read(&cell, BASE + off);
}

static void wr(u64 off, u32 val)
{
	vuart_write(&cell, BASE + off, val);
}

/* A polled PL011 driver: wait while TXFF, then write; false if it would wait on. */
static bool uart_putc(char c)
{
	if (rd(FR) & FR_TXFF)
		return false;
	wr(DR, (u8)c);
	return true;
}

static void uart_puts(const char *s)
{
	while (*s)
		CHECK(uart_putc(*s++));
}

/* The root's read through CV_HC_CONSOLE_READ, @len bytes at most. */
static struct cv_hc_console_io *io = (struct cv_hc_console_io *)root_ram;
static char *rbuf = root_ram + 4096;

static long root_read(int id, u64 *pos, u32 len)
{
	long n;

	*io = (struct cv_hc_console_io){ .cell_id = id, .len = len, .pos = *pos,
					 .buf = (u64)(unsigned long)rbuf };
	n = console_io((u64)(unsigned long)io, false);
	if (n >= 0)
		*pos = io->pos;
	return n;
}

static char text[64 * 1024];
static size_t text_len;

/* At most @len bytes of the cell's console from *pos, appended to text. */
static long root_read_text(int id, u64 *pos, u32 len)
{
	long n = root_read(id, pos, len);

	if (n > 0) {
		memcpy(text + text_len, rbuf, n);
		text_len += n;
	}
	return n;
}

/* Everything it holds from *pos. */
static void root_read_all(int id, u64 *pos)
{
	long n;

	while ((n = root_read_text(id, pos, 4096)) > 0)
		;
	CHECK_EQ(n, 0);
}

static void setup(void)
{
	config.flags = CV_CELL_VUART | CV_CELL_VIRTUAL_CONSOLE_PERMITTED;
	config.vuart.base = BASE;
	config.vuart.irq = IRQ;
	config.irq_bitmap[IRQ / 32] |= 1U << (IRQ % 32);
	cell.id = 1;
	cell.config = &config;
	cell.cpu_mask = 0x4;
	cell.console.buf = ring;
	CHECK_EQ(vuart_cell_init(&cell), 0);
	cells[1] = &cell;

	plain_config.flags = CV_CELL_VIRTUAL_CONSOLE_PERMITTED;
	plain.id = 2;
	plain.config = &plain_config;
	plain.cpu_mask = 0x8;
	plain.console.buf = plain_ring;
	cells[2] = &plain;
	per_cpu(3)->cell = &plain;
}

/*
 * The cell's program: "Hello N\r\n" lines, N from 0, through a polled
 * driver. It stops where the driver would wait and goes on from there.
 */
static struct {
	unsigned int n, off;
	char line[32];
} writer;

static bool write_lines(unsigned int until)
{
	while (writer.n < until) {
		if (!writer.off)
			snprintf(writer.line, sizeof(writer.line), "Hello %u\r\n", writer.n);
		if (!uart_putc(writer.line[writer.off]))
			return false;
		if (!writer.line[++writer.off]) {
			writer.off = 0;
			writer.n++;
		}
	}
	return true;
}

static size_t line_len(unsigned int n)
{
	char line[32];

	return (size_t)snprintf(line, sizeof(line), "Hello %u\r\n", n);
}

/* s holds "Hello a\r\n" .. "Hello b-1\r\n", each once, whole. */
static bool hellos(const char *s, size_t len, unsigned int a, unsigned int b)
{
	char line[32];

	for (; a < b; a++) {
		int n = snprintf(line, sizeof(line), "Hello %u\r\n", a);

		if (len < (size_t)n || memcmp(s, line, n))
			return false;
		s += n;
		len -= n;
	}
	return len == 0;
}

static void test_back_pressure(void)
{
	u64 pos = 0;

	/* the reader caught up asks for news: one doorbell, not one per byte */
	CHECK_EQ(root_read(1, &pos, 0), 0);
	uart_puts("ok\r\n");
	CHECK_EQ(doorbells, 1);
	CHECK_EQ(root_read(1, &pos, 0), 4);	/* asking: 4 wait */
	CHECK_EQ(doorbells, 1);
	root_read_all(1, &pos);
	CHECK(text_len == 4 && !memcmp(text, "ok\r\n", 4));
	text_len = 0;
	uart_puts("ok\r\n");
	CHECK_EQ(doorbells, 2);
	root_read_all(1, &pos);
	text_len = 0;

	/* full: FR says TXFF and BUSY, the TX interrupt is off, nothing lost */
	wr(IMSC, TXIM);
	injected = 0;
	CHECK(!write_lines(~0U));
	CHECK_EQ(rd(FR) & (FR_TXFF | FR_BUSY), FR_TXFF | FR_BUSY);
	CHECK_EQ(rd(MIS), 0);
	now += CONSOLE_STALL_MS - 1;		/* waiting, not yet stalled */
	CHECK(rd(FR) & FR_TXFF);
	/* the root reads: room, and a TX interrupt once a FIFO's worth */
	CHECK_EQ(root_read_text(1, &pos, 10), 10);
	CHECK_EQ(rd(FR) & FR_TXFF, 0);
	CHECK_EQ(injected, 0);
	CHECK_EQ(root_read_text(1, &pos, 100), 100);
	CHECK_EQ(injected, 1);
	CHECK_EQ(rd(MIS), TXIM);
	wr(IMSC, 0);
	/* what the root read is every line, whole, in order */
	CHECK(!write_lines(~0U));
	root_read_all(1, &pos);
	CHECK(write_lines(writer.n + 1));
	root_read_all(1, &pos);
	CHECK(hellos(text, text_len, 0, writer.n));
	text_len = 0;
}

static void test_stall_and_drop(void)
{
	unsigned int first = writer.n, i, stop;
	size_t lost = 0;
	char *marker, line[48];
	u64 pos = cell.console.tail;

	/* the reader stops in the middle of a line */
	CHECK(!write_lines(~0U));
	CHECK_EQ(root_read_text(1, &pos, 13), 13);
	CHECK(!write_lines(~0U));		/* full again: FR said TXFF, timing starts */
	now += CONSOLE_STALL_MS - 1;
	CHECK(rd(FR) & FR_TXFF);
	now += 1;
	CHECK_EQ(rd(FR) & FR_TXFF, 0);		/* stalled: the cell goes on, dropping */
	stop = writer.n + 100;
	CHECK(write_lines(stop));
	/* the root reads again: room, but the gap ends only at a line end */
	root_read_all(1, &pos);
	CHECK(write_lines(stop + 3));
	root_read_all(1, &pos);
	text[text_len] = 0;
	marker = strstr(text, "[cellvisor: ");
	CHECK(marker != NULL);
	if (!marker)
		return;
	/* whole lines before the marker: the one the reader was in is complete */
	for (i = first; i < stop && !hellos(text, marker - text, first, i); i++)
		;
	CHECK(hellos(text, marker - text, first, i));
	CHECK(i > first + 1);
	/* the count is exactly the bytes of the lines missing; then the rest */
	for (unsigned int n = i; n <= stop; n++)
		lost += line_len(n);
	snprintf(line, sizeof(line), "[cellvisor: %zu bytes dropped]\r\n", lost);
	CHECK(!strncmp(marker, line, strlen(line)));
	marker += strlen(line);
	CHECK(hellos(marker, text + text_len - marker, stop + 1, stop + 3));
	CHECK(!strstr(marker, "[cellvisor: "));	/* one gap, one marker */
	text_len = 0;
}

/* Debug putc of a cell without a vUART waits by being issued again. */
static void test_putc(void)
{
	struct per_cpu *pc = per_cpu(3);
	const char *marker = "[cellvisor: 11 bytes dropped]\r\n";
	u64 pos = 0;
	unsigned int i;

	/* 409 lines of 10 bytes and "xxxxxx" */
	for (i = 0; i < CELL_CONSOLE_SIZE; i++)
		REQUIRE_EQ(cell_putc(pc, i % 10 == 9 ? '\n' : 'x'), 0);
	CHECK_EQ(cell_putc(pc, 'y'), HYPERCALL_RETRY);
	now += CONSOLE_STALL_MS - 1;
	CHECK_EQ(cell_putc(pc, 'y'), HYPERCALL_RETRY);
	now += 1;
	CHECK_EQ(cell_putc(pc, 'y'), 0);	/* dropped, "xxxxxx" taken back */
	CHECK_EQ(cell_putc(pc, 'z'), 0);
	CHECK_EQ(cell_putc(pc, '\n'), 0);	/* a line end, but no room for the marker */
	CHECK_EQ(root_read(2, &pos, 4096), 4090);
	CHECK_EQ(cell_putc(pc, 'a'), 0);
	CHECK_EQ(cell_putc(pc, '\n'), 0);
	CHECK_EQ(root_read(2, &pos, 4096), strlen(marker));
	CHECK(!memcmp(rbuf, marker, strlen(marker)));
	CHECK_EQ(cell_putc(pc, 'b'), 0);
	CHECK_EQ(root_read(2, &pos, 4096), 1);
	/* a cell not permitted the virtual console gets EPERM */
	plain_config.flags = 0;
	CHECK_EQ(cell_putc(pc, 'q'), -CV_EPERM);
	plain_config.flags = CV_CELL_VIRTUAL_CONSOLE_PERMITTED;
}

/* The root's requests: wrong cell, size, buffer, alignment. */
static void test_root_requests(void)
{
	u64 pos = 0;

	CHECK_EQ(root_read(0, &pos, 1), -CV_EINVAL);		/* the root has no ring */
	CHECK_EQ(root_read(7, &pos, 1), -CV_EINVAL);		/* no such cell */
	CHECK_EQ(root_read(-2, &pos, 1), -CV_EINVAL);
	CHECK_EQ(root_read(1, &pos, 4097), -CV_EINVAL);		/* more than a page */
	*io = (struct cv_hc_console_io){ .cell_id = 1, .len = 16, .buf = 0x1000 };
	CHECK_EQ(console_io((u64)(unsigned long)io, false), -CV_EINVAL);	/* not root RAM */
	*io = (struct cv_hc_console_io){ .cell_id = 1, .len = 16,
					 .buf = (u64)(unsigned long)root_ram + sizeof(root_ram) - 8 };
	CHECK_EQ(console_io((u64)(unsigned long)io, false), -CV_EINVAL);	/* runs past it */
	CHECK_EQ(console_io((u64)(unsigned long)io + 4, false), -CV_EINVAL);	/* unaligned */
	*io = (struct cv_hc_console_io){ .cell_id = 1, .len = 0, .buf = (u64)(unsigned long)rbuf };
	CHECK_EQ(console_io((u64)(unsigned long)io, true), -CV_EINVAL);	/* empty write */
	*io = (struct cv_hc_console_io){ .cell_id = 2, .len = 1, .buf = (u64)(unsigned long)rbuf };
	CHECK_EQ(console_io((u64)(unsigned long)io, true), 0);		/* no vUART: takes nothing */
}

int main(void)
{
	setup();
	test_back_pressure();
	test_stall_and_drop();
	test_putc();
	test_root_requests();
	return tap_done();
}
