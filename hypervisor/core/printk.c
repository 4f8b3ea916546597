// SPDX-License-Identifier: GPL-2.0
/* printk: a small vsnprintf, the log ring the root reads, and the UART. */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/uart.h>

struct hv_log hv_log __attribute__((section(".bss.console"))) __aligned(4096);
static spinlock_t printk_lock;
/* Only a root read sets it, so printk rings no doorbell before enable is done. */
static bool log_news_wanted;

struct out {
	char *buf;
	size_t size, pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_num(struct out *o, u64 v, unsigned int base, bool neg,
		    unsigned int width, char pad)
{
	char tmp[24];
	unsigned int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width > n) {
		put(o, pad);
		width--;
	}
	while (n)
		put(o, tmp[--n]);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		unsigned int width = 0, longs = 0;
		char pad = ' ';
		u64 v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 s = longs ? va_arg(ap, s64) : va_arg(ap, int);

			put_num(&o, s < 0 ? (u64)-s : (u64)s, 10, s < 0, width, pad);
			break;
		}
		case 'u':
		case 'x':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			put_num(&o, v, *fmt == 'u' ? 10 : 16, false, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (u64)(unsigned long)va_arg(ap, void *), 16, false, 0, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '?');
			break;
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = 0;
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void log_putc(char c)
{
	u64 t = hv_log.tail;

	hv_log.buf[t % HV_LOG_SIZE] = c;
	__atomic_store_n(&hv_log.tail, t + 1, __ATOMIC_RELEASE);
}

void printk(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	bool news;
	int i, n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;

	spin_lock(&printk_lock);
	for (i = 0; i < n; i++) {
		log_putc(line[i]);
		if (line[i] == '\n')
			uart_debug_putc('\r');
		uart_debug_putc(line[i]);
	}
	news = log_news_wanted && n;
	if (news)
		log_news_wanted = false;
	spin_unlock(&printk_lock);
	if (news)
		root_doorbell(CV_ROOT_DOORBELL_CONSOLE);
}

u64 hv_log_read(u64 *pos, char *buf, u64 len)
{
	u64 n = 0, tail, p;

	spin_lock(&printk_lock);
	tail = hv_log.tail;
	p = *pos;
	if (p > tail)
		p = tail;
	if (tail - p > HV_LOG_SIZE)
		p = tail - HV_LOG_SIZE;
	if (!len)
		n = tail - p;	/* and copy nothing */
	for (; p < tail && n < len; p++, n++)
		buf[n] = hv_log.buf[p % HV_LOG_SIZE];
	*pos = p;
	if (p == tail)
		log_news_wanted = true;
	spin_unlock(&printk_lock);
	return n;
}
