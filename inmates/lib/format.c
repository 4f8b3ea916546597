// SPDX-License-Identifier: GPL-2.0-only
/* printf-style formatter shared by printk and snprintk; no libc, no FP. */
#include "format.h"

struct spec {
	int width;
	int precision;		/* -1: none */
	int lng;		/* number of 'l' (z counts as 2) */
	char pad;		/* ' ' or '0' */
	char left;		/* '-' given */
};

struct out {
	format_sink_t sink;
	void *ctx;
	int count;
};

static void emit(struct out *o, char c)
{
	o->sink(c, o->ctx);
	o->count++;
}

static void emit_padding(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

/* Digits of v in base, least significant first; returns how many. */
static int to_digits(unsigned long long v, unsigned int base, int upper,
		     char *buf)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v);
	return n;
}

static void emit_number(struct out *o, const struct spec *s,
			unsigned long long v, int negative, unsigned int base,
			int upper)
{
	char buf[24];
	int n = to_digits(v, base, upper, buf);
	int len = n + negative;

	if (s->left) {
		if (negative)
			emit(o, '-');
		while (n)
			emit(o, buf[--n]);
		emit_padding(o, ' ', s->width - len);
		return;
	}
	if (s->pad == '0') {
		if (negative)
			emit(o, '-');
		emit_padding(o, '0', s->width - len);
	} else {
		emit_padding(o, ' ', s->width - len);
		if (negative)
			emit(o, '-');
	}
	while (n)
		emit(o, buf[--n]);
}

static void emit_string(struct out *o, const struct spec *s, const char *str)
{
	int len = 0;

	if (!str)
		str = "(null)";
	while (str[len] && (s->precision < 0 || len < s->precision))
		len++;
	if (!s->left)
		emit_padding(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		emit(o, str[i]);
	if (s->left)
		emit_padding(o, ' ', s->width - len);
}

static unsigned long long get_unsigned(const struct spec *s, va_list *ap)
{
	if (s->lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (s->lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(const struct spec *s, va_list *ap)
{
	if (s->lng >= 2)
		return va_arg(*ap, long long);
	if (s->lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Parses flags, width, precision and length; returns the conversion char's position. */
static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
	*s = (struct spec){ .precision = -1, .pad = ' ' };
	for (;; p++) {
		if (*p == '-')
			s->left = 1;
		else if (*p == '0')
			s->pad = '0';
		else
			break;
	}
	if (*p == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = 1;
			s->width = -s->width;
		}
		p++;
	}
	while (*p >= '0' && *p <= '9')
		s->width = s->width * 10 + (*p++ - '0');
	if (*p == '.') {
		s->precision = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			s->precision = s->precision * 10 + (*p - '0');
	}
	for (; *p == 'l' || *p == 'z'; p++)
		s->lng += *p == 'z' ? 2 : 1;
	return p;
}

static void convert(struct out *o, struct spec *s, char conv, va_list *ap)
{
	long long sv;

	switch (conv) {
	case 'd':
	case 'i':
		sv = get_signed(s, ap);
		emit_number(o, s, sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv,
			    sv < 0, 10, 0);
		break;
	case 'u':
		emit_number(o, s, get_unsigned(s, ap), 0, 10, 0);
		break;
	case 'x':
	case 'X':
		emit_number(o, s, get_unsigned(s, ap), 0, 16, conv == 'X');
		break;
	case 'p':
		emit(o, '0');
		emit(o, 'x');
		emit_number(o, s, (unsigned long)va_arg(*ap, void *), 0, 16, 0);
		break;
	case 's':
		emit_string(o, s, va_arg(*ap, const char *));
		break;
	case 'c':
		if (!s->left)
			emit_padding(o, ' ', s->width - 1);
		emit(o, (char)va_arg(*ap, int));
		if (s->left)
			emit_padding(o, ' ', s->width - 1);
		break;
	default:
		/* %% and unknown conversions print themselves. */
		emit(o, '%');
		if (conv != '%')
			emit(o, conv);
		break;
	}
}

int vformat(format_sink_t sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { .sink = sink, .ctx = ctx };
	struct spec s;
	va_list args;

	/* Work on a copy so helpers can take its address (va_list may be an array). */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		if (!*fmt)
			break;
		convert(&o, &s, *fmt++, &args);
	}
	va_end(args);
	return o.count;
}

struct buf_ctx {
	char *buf;
	size_t size;
	size_t len;
};

static void buf_sink(char c, void *ctx)
{
	struct buf_ctx *b = ctx;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { .buf = buf, .size = size };
	int n = vformat(buf_sink, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
