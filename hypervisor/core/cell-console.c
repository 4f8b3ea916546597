// SPDX-License-Identifier: GPL-2.0
/*
 * Consoles: each non-root cell's console ring (written by its debug putc
 * hypercall and its vUART), and the root's CV_HC_CONSOLE_READ/WRITE that
 * read those rings or the hypervisor log and feed a cell's vUART input.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>

#define CONSOLE_IO_MAX		4096

/* Serialises the root's console transfers (one cv_hc_console_io at a time). */
static spinlock_t console_io_lock;

void cell_putc_console(struct cell *cell, char c)
{
	struct cell_console *con = cell->console;
	bool news;

	spin_lock(&cell->console_lock);
	con->buf[con->tail % CELL_CONSOLE_SIZE] = c;
	__atomic_store_n(&con->tail, con->tail + 1, __ATOMIC_RELEASE);
	news = cell->console_news_wanted;
	cell->console_news_wanted = false;
	spin_unlock(&cell->console_lock);
	if (news)
		root_doorbell(CV_ROOT_DOORBELL_CONSOLE);
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
	spin_lock(&cell->console_lock);
	if (c != '\r' && c != '\n')
		cell->putc_line[cell->putc_len++] = c;
	if ((c == '\n' && cell->putc_len) || cell->putc_len == CELL_PUTC_LINE - 1) {
		cell->putc_line[cell->putc_len] = 0;
		printk("%s: %s\n", cell->config->name, cell->putc_line);
		cell->putc_len = 0;
	}
	spin_unlock(&cell->console_lock);
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
	if (cell->vuart.present)
		putc_to_log(cell, c);
	else
		cell_putc_console(cell, c);
	return 0;
}

/* Like hv_log_read(), from a cell's ring. */
static u64 cell_console_read(struct cell *cell, u64 *pos, char *buf, u64 len)
{
	struct cell_console *con = cell->console;
	u64 tail, p, n = 0;

	spin_lock(&cell->console_lock);
	tail = con->tail;
	p = *pos;
	if (p > tail)
		p = tail;
	if (tail - p > CELL_CONSOLE_SIZE)
		p = tail - CELL_CONSOLE_SIZE;
	if (!len)
		n = tail - p;	/* and copy nothing */
	for (; p < tail && n < len; p++, n++)
		buf[n] = con->buf[p % CELL_CONSOLE_SIZE];
	*pos = p;
	if (p == tail)
		cell->console_news_wanted = true;
	spin_unlock(&cell->console_lock);
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
	io->len = (u32)len;
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
