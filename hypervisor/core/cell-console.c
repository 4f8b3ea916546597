// SPDX-License-Identifier: GPL-2.0
/*
 * Consoles: each non-root cell's console ring (written by its debug putc
 * hypercall and its vUART), and the root's CV_HC_CONSOLE_READ/WRITE that
 * read those rings or the hypervisor log and feed a cell's vUART input.
 *
 * The ring keeps what the root has not read: a cell that fills it waits
 * for the root (hv/cell-console.h). If the root reads nothing for
 * CONSOLE_STALL_MS, the cell goes on and its output is dropped, a line at
 * a time: the unread end of the line it was in is taken back, the rest of
 * that line and every line after it are counted, and once the root has
 * read again and the cell ends a line, one marker line says how many
 * bytes were lost. The cell does not wait again while the root is away.
 * So the root reads whole lines only, and a gap is always marked.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cell-console.h>
#include <hv/hypercall.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/vuart.h>

#define CONSOLE_IO_MAX		4096
/* "\r\n[cellvisor: 18446744073709551615 bytes dropped]\r\n" fits */
#define MARKER_MAX		56

/* Serialises the root's console transfers (one cv_hc_console_io at a time). */
static spinlock_t console_io_lock;

static char ring_byte(const struct cell_console *con, u64 pos)
{
	return con->buf[pos % CELL_CONSOLE_SIZE];
}

static u64 room(const struct cell_console *con)
{
	return CELL_CONSOLE_SIZE - (con->tail - con->head);
}

/* Under con->lock: appends, and says whether the root asked to hear of it. */
static bool store(struct cell_console *con, const char *s, u64 n)
{
	bool news = con->news_wanted;

	for (; n; n--, s++)
		con->buf[con->tail++ % CELL_CONSOLE_SIZE] = *s;
	con->news_wanted = false;
	return news;
}

/*
 * Under con->lock, the ring full for too long: take back the unread end
 * of the line the cell is in (whole lines stay) and drop from here on.
 */
static void start_dropping(struct cell_console *con)
{
	u64 end = con->tail;

	while (end > con->head && ring_byte(con, end - 1) != '\n')
		end--;
	con->dropped += con->tail - end;
	con->tail = end;
	con->dropping = true;
	con->root_away = true;
}

/*
 * Under con->lock, while dropping: counts @c; a line end with room for the
 * marker, once the root has read again, ends the gap. The marker starts a line of its own even if the
 * root read part of a line longer than the ring.
 */
static bool drop(struct cell_console *con, char c)
{
	char marker[MARKER_MAX];
	bool cut = con->tail == con->head && con->head_mid_line;
	int n;

	con->dropped++;
	if (c != '\n' || con->root_away || room(con) < MARKER_MAX)
		return false;
	n = snprintf(marker, sizeof(marker), "%s[cellvisor: %llu bytes dropped]\r\n",
		     cut ? "\r\n" : "", con->dropped);
	con->dropping = false;
	con->dropped = 0;
	con->full_since = 0;
	return store(con, marker, (u64)n);
}

/* Under con->lock: has the ring been full for CONSOLE_STALL_MS? */
static bool stalled(struct cell_console *con)
{
	u64 now = arch_counter();

	if (!con->full_since) {
		con->full_since = now ? now : 1;
		return false;
	}
	return now - con->full_since >= arch_counter_freq() / 1000 * CONSOLE_STALL_MS;
}

enum console_put console_put(struct cell *cell, char c, bool may_wait)
{
	struct cell_console *con = &cell->console;
	enum console_put ret = CONSOLE_PUT_DONE;
	bool news = false;

	spin_lock(&con->lock);
	if (!con->dropping && room(con)) {
		con->full_since = 0;
		news = store(con, &c, 1);
	} else if (!con->dropping && may_wait && !stalled(con)) {
		ret = CONSOLE_PUT_WAIT;
	} else {
		if (!con->dropping)
			start_dropping(con);
		news = drop(con, c);
	}
	spin_unlock(&con->lock);
	if (news)
		root_doorbell(CV_ROOT_DOORBELL_CONSOLE);
	return ret;
}

bool console_tx_full(struct cell *cell)
{
	struct cell_console *con = &cell->console;
	bool full;

	spin_lock(&con->lock);
	full = !con->dropping && !room(con);
	if (full && stalled(con)) {
		start_dropping(con);
		full = false;
	}
	spin_unlock(&con->lock);
	return full;
}

u64 console_tx_room(struct cell *cell)
{
	struct cell_console *con = &cell->console;
	u64 n;

	spin_lock(&con->lock);
	n = con->dropping ? CELL_CONSOLE_SIZE : room(con);
	spin_unlock(&con->lock);
	return n;
}

/*
 * Debug putc of a cell that has a vUART: its console is the UART, and the
 * hypercall goes to the hypervisor's log, a line at a time with the cell's
 * name, as Jailhouse's debug console does. Jailhouse's inmate library
 * writes each character to both when the cell has a UART console and an
 * active virtual console; into one ring they would all show up twice.
 */
static void putc_to_log(struct cell *cell, char c)
{
	struct cell_console *con = &cell->console;

	spin_lock(&con->lock);
	if (c != '\r' && c != '\n')
		con->putc_line[con->putc_len++] = c;
	if ((c == '\n' && con->putc_len) || con->putc_len == CELL_PUTC_LINE - 1) {
		con->putc_line[con->putc_len] = 0;
		printk("%s: %s\n", cell->config->name, con->putc_line);
		con->putc_len = 0;
	}
	spin_unlock(&con->lock);
}

long cell_putc(struct per_cpu *pc, char c)
{
	struct cell *cell = pc->cell;

	if (cell_is_root(cell)) {
		printk("%c", c);
		return 0;
	}
	if (!(cell->config->flags & (CV_CELL_VIRTUAL_CONSOLE_PERMITTED |
				     CV_CELL_VIRTUAL_CONSOLE_ACTIVE)))
		return -CV_EPERM;
	if (cell->vuart.present) {
		putc_to_log(cell, c);
		return 0;
	}
	return console_put(cell, c, true) == CONSOLE_PUT_WAIT ? HYPERCALL_RETRY : 0;
}

/*
 * Like hv_log_read(), from a cell's ring; what the root reads the cell may
 * overwrite, so a reader that made room lets a waiting cell go on.
 */
static u64 cell_console_read(struct cell *cell, u64 *pos, char *buf, u64 len)
{
	struct cell_console *con = &cell->console;
	u64 p, n = 0;
	bool made_room = false;

	spin_lock(&con->lock);
	p = *pos;
	if (p > con->tail)
		p = con->tail;
	if (con->tail - p > CELL_CONSOLE_SIZE)
		p = con->tail - CELL_CONSOLE_SIZE;
	if (!len)
		n = con->tail - p;	/* and copy nothing */
	for (; p < con->tail && n < len; p++, n++)
		buf[n] = ring_byte(con, p);
	*pos = p;
	if (p > con->head) {
		made_room = true;
		con->root_away = false;
		con->head = p;
		con->head_mid_line = ring_byte(con, p - 1) != '\n';
		con->full_since = 0;
	}
	if (p == con->tail)
		con->news_wanted = true;
	spin_unlock(&con->lock);
	if (made_room)
		vuart_tx_ready(cell);
	return n;
}

/* Moves the bytes @io (the hypervisor's copy) describes; returns their count or -CV_E*. */
static long console_transfer(struct cv_hc_console_io *io, bool write)
{
	struct cell *cell = io->cell_id > 0 && io->cell_id < CV_MAX_CELLS ?
			    cells[io->cell_id] : NULL;
	u64 len = io->len, pos = io->pos;
	paddr_t buf_pa = io->buf;
	char *buf = NULL;

	if (!cell && (write || io->cell_id != CV_CONSOLE_HYPERVISOR))
		return -CV_EINVAL;
	if ((write && !len) || len > CONSOLE_IO_MAX || (len && !root_owns_ram(buf_pa, len)))
		return -CV_EINVAL;
	if (len) {
		buf = arch_map_guest(buf_pa, len);
		if (!buf)
			return -CV_ENOMEM;
	}
	if (write)
		len = vuart_input(cell, buf, len);
	else if (cell)
		len = cell_console_read(cell, &pos, buf, len);
	else
		len = hv_log_read(&pos, buf, len);
	if (buf)
		arch_unmap_guest(buf_pa, io->len);
	io->pos = pos;
	/* bytes moved: a query (len 0) moves none, its count is only returned */
	io->len = io->len ? (u32)len : 0;
	return (long)len;
}

long console_io(u64 io_pa, bool write)
{
	struct cv_hc_console_io io;
	long ret;

	if (!IS_ALIGNED(io_pa, 8))
		return -CV_EINVAL;
	spin_lock(&console_io_lock);
	/* one read of the request: the root cannot change it under the checks */
	ret = root_copy_from(&io, io_pa, sizeof(io));
	if (!ret)
		ret = console_transfer(&io, write);
	if (ret >= 0) {
		long err = root_copy_to(io_pa, &io, sizeof(io));

		ret = err ? err : ret;
	}
	spin_unlock(&console_io_lock);
	return ret;
}
