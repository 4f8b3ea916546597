// SPDX-License-Identifier: GPL-2.0-only
/*
 * el2prof: a QEMU TCG plugin (plugin API 1, QEMU 7.2) that counts the
 * instructions the hypervisor executes at EL2 for each VM exit, and says
 * which path each exit took. Under TCG a path costs the same number of
 * instructions every time it runs, so the counts are exact figures where
 * times would be noise.
 *
 * An exit starts when a CPU executes a lower-EL entry of the EL2 vector
 * table (sync at +0x400, IRQ at +0x480) and ends at that CPU's next one;
 * every translation block inside the hypervisor's image adds its
 * instruction count to the CPU's counter when it starts (EL2 runs with
 * interrupts masked and blocks run to their end, so that is exact). Each
 * exit is keyed by:
 *   - the probes it passed (function entry points named on the command
 *     line): the path;
 *   - the phase of the run it started in: the guest marks the start of
 *     each phase of its workload with `hint #0x7f` (an unallocated hint,
 *     a NOP on the CPU), which this plugin counts (tests/tools/cvbench.c).
 * At QEMU's exit the histogram goes to the output file, one line per
 * (phase, kind, probes, cost) with its count: tests/bench/el2table makes
 * a table of it.
 *
 * Arguments: lo=VA,hi=VA (the image), vec=VA (VBAR_EL2), out=FILE,
 * probe=NAME@VA (up to 32), trace=PHASE or trace=all: for each path
 * (phase, kind, probes) of that phase or of every phase, the blocks
 * (start address, instructions) of its first exit, in the order they
 * ran, for finding where a path spends its instructions.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MAX_CPUS	64
#define MAX_PROBES	32
#define HIST_SLOTS	(1u << 18)
#define MARK_INSN	0xd5032fffu	/* hint #0x7f */
#define TRACE_MAX	512		/* blocks of one exit */
#define TRACES_MAX	256		/* paths traced */

enum exit_kind { EXIT_NONE, EXIT_SYNC, EXIT_IRQ };
static const char *const kind_names[] = { "none", "sync", "irq" };

struct probe {
	char name[48];
	uint64_t va;
};

/* What identifies a path: phase, kind and the probes passed. */
struct exit_key {
	uint32_t probes;
	uint32_t phase;
	uint32_t kind;
};

struct block {
	uint64_t va, n;
};

/* The blocks one exit ran. */
struct trace {
	struct exit_key key;
	unsigned int len;
	struct block block[TRACE_MAX];
};

/* One CPU's open exit; each is only touched by its own vCPU thread. */
struct cpu {
	uint64_t insns;		/* EL2 instructions so far */
	uint64_t exit_start;	/* insns when the open exit started */
	struct exit_key key;
	struct trace *trace;	/* the open exit's blocks, when tracing */
} __attribute__((aligned(64)));

struct slot {
	struct exit_key key;
	uint64_t cost, count;
	bool used;
};

static uint64_t lo, hi, vec;
static struct probe probes[MAX_PROBES];
static unsigned int nprobes;
static const char *out_path;
static struct cpu cpus[MAX_CPUS];
static uint32_t phase;		/* marks seen, by any CPU */

static bool tracing, trace_all;
static uint32_t trace_phase;
static struct trace *traces[TRACES_MAX];	/* the first exit of each path */
static unsigned int ntraces;

static pthread_mutex_t hist_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *hist;
static uint64_t hist_overflow;

static bool key_eq(const struct exit_key *a, const struct exit_key *b)
{
	return a->probes == b->probes && a->phase == b->phase && a->kind == b->kind;
}

static void hist_add(const struct exit_key *k, uint64_t cost)
{
	uint64_t h = cost * 0x9e3779b97f4a7c15ULL;
	unsigned int i;

	h ^= (uint64_t)k->probes * 0xff51afd7ed558ccdULL;
	h ^= ((uint64_t)k->phase << 8) ^ k->kind;
	h ^= h >> 31;
	pthread_mutex_lock(&hist_lock);
	for (i = 0; i < 128; i++) {
		struct slot *s = &hist[(h + i) % HIST_SLOTS];

		if (!s->used) {
			*s = (struct slot){ *k, cost, 1, true };
			break;
		}
		if (s->cost == cost && key_eq(&s->key, k)) {
			s->count++;
			break;
		}
	}
	if (i == 128)
		hist_overflow++;
	pthread_mutex_unlock(&hist_lock);
}

static void trace_block(struct cpu *c, uint64_t va, uint64_t n)
{
	struct trace *t = c->trace;

	if (t->len < TRACE_MAX)
		t->block[t->len++] = (struct block){ va, n };
}

/* A CPU's exit ended: kept if it is the first of its path (hist_lock held). */
static void trace_keep(struct cpu *c)
{
	unsigned int i;

	if (!trace_all && c->key.phase != trace_phase)
		return;
	for (i = 0; i < ntraces; i++)
		if (key_eq(&traces[i]->key, &c->key))
			return;
	if (ntraces == TRACES_MAX)
		return;
	c->trace->key = c->key;
	traces[ntraces++] = c->trace;
	c->trace = calloc(1, sizeof(*c->trace));
	if (!c->trace)
		abort();
}

/* A block inside the image: udata = its start address, and count in its top bits. */
static void on_block(unsigned int cpu, void *udata)
{
	uint64_t n = (uintptr_t)udata >> 48;

	struct cpu *c = &cpus[cpu % MAX_CPUS];

	c->insns += n;
	if (tracing)
		trace_block(c, ((uintptr_t)udata & 0xffffffffffffULL) | (lo & ~0xffffffffffffULL), n);
}

/* A block at a vector entry: closes the CPU's open exit, opens the next. */
static void on_vector(unsigned int cpu, void *udata)
{
	struct cpu *c = &cpus[cpu % MAX_CPUS];
	uintptr_t n = (uintptr_t)udata >> 8;

	if (c->key.kind != EXIT_NONE) {
		hist_add(&c->key, c->insns - c->exit_start);
		if (tracing) {
			pthread_mutex_lock(&hist_lock);
			trace_keep(c);
			pthread_mutex_unlock(&hist_lock);
		}
	}
	c->exit_start = c->insns;
	c->insns += n;
	c->key = (struct exit_key){
		.phase = __atomic_load_n(&phase, __ATOMIC_RELAXED),
		.kind = (uint32_t)((uintptr_t)udata & 0xff),
	};
	if (tracing) {
		c->trace->len = 0;
		trace_block(c, vec + (c->key.kind == EXIT_SYNC ? 0x400 : 0x480), n);
	}
}

static void on_probe(unsigned int cpu, void *udata)
{
	cpus[cpu % MAX_CPUS].key.probes |= 1u << (uintptr_t)udata;
}

static void on_mark(unsigned int cpu, void *udata)
{
	(void)cpu;
	(void)udata;
	__atomic_add_fetch(&phase, 1, __ATOMIC_RELAXED);
}

static bool is_mark(struct qemu_plugin_insn *insn)
{
	uint32_t op;

	if (qemu_plugin_insn_size(insn) != 4)
		return false;
	memcpy(&op, qemu_plugin_insn_data(insn), 4);
	return op == MARK_INSN;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb), i, inside = 0;
	uint64_t start = qemu_plugin_tb_vaddr(tb);
	unsigned int j;

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t va = qemu_plugin_insn_vaddr(insn);

		if (va < lo || va >= hi) {
			if (is_mark(insn))
				qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark,
					QEMU_PLUGIN_CB_NO_REGS, NULL);
			continue;
		}
		inside++;
		for (j = 0; j < nprobes; j++)
			if (va == probes[j].va)
				qemu_plugin_register_vcpu_insn_exec_cb(insn, on_probe,
					QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)j);
	}
	if (!inside)
		return;
	if (start == vec + 0x400 || start == vec + 0x480) {
		uintptr_t kind = start == vec + 0x400 ? EXIT_SYNC : EXIT_IRQ;

		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_vector, QEMU_PLUGIN_CB_NO_REGS,
						     (void *)(kind | inside << 8));
	} else {
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS,
			(void *)(uintptr_t)((start & 0xffffffffffffULL) | (uint64_t)inside << 48));
	}
}

/* "phase=P kind=K probes=A,B" of a path, as the histogram lines name it. */
static const char *key_name(const struct exit_key *k)
{
	static char name[600];
	char path[512] = "";
	unsigned int j;

	for (j = 0; j < nprobes; j++) {
		if (!(k->probes & (1u << j)))
			continue;
		if (path[0])
			strncat(path, ",", sizeof(path) - strlen(path) - 1);
		strncat(path, probes[j].name, sizeof(path) - strlen(path) - 1);
	}
	snprintf(name, sizeof(name), "phase=%u kind=%s probes=%s", k->phase,
		 kind_names[k->kind], path[0] ? path : "-");
	return name;
}

static void write_results(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out_path, "w");
	unsigned int i, j;

	(void)id;
	(void)udata;
	if (!f) {
		perror(out_path);
		return;
	}
	fprintf(f, "# el2prof lo=0x%" PRIx64 " hi=0x%" PRIx64 " vec=0x%" PRIx64 " marks=%u\n",
		lo, hi, vec, phase);
	for (j = 0; j < nprobes; j++)
		fprintf(f, "# probe %s 0x%" PRIx64 "\n", probes[j].name, probes[j].va);
	fprintf(f, "# overflow %" PRIu64 "\n", hist_overflow);
	for (i = 0; i < ntraces; i++)
		for (j = 0; j < traces[i]->len; j++)
			fprintf(f, "# trace %s: 0x%" PRIx64 " %" PRIu64 "\n", key_name(&traces[i]->key),
				traces[i]->block[j].va, traces[i]->block[j].n);
	for (i = 0; i < HIST_SLOTS; i++) {
		const struct slot *s = &hist[i];

		if (s->used)
			fprintf(f, "exit %s cost=%" PRIu64 " n=%" PRIu64 "\n", key_name(&s->key),
				s->cost, s->count);
	}
	fclose(f);
}

static bool parse_arg(char *arg)
{
	char *v = strchr(arg, '='), *at;

	if (!v)
		return false;
	*v++ = 0;
	if (!strcmp(arg, "lo"))
		lo = strtoull(v, NULL, 0);
	else if (!strcmp(arg, "hi"))
		hi = strtoull(v, NULL, 0);
	else if (!strcmp(arg, "vec"))
		vec = strtoull(v, NULL, 0);
	else if (!strcmp(arg, "out"))
		out_path = strdup(v);
	else if (!strcmp(arg, "trace")) {
		tracing = true;
		trace_all = !strcmp(v, "all");
		trace_phase = (uint32_t)strtoul(v, NULL, 0);
	}
	else if (!strcmp(arg, "probe") && nprobes < MAX_PROBES && (at = strchr(v, '@'))) {
		*at = 0;
		snprintf(probes[nprobes].name, sizeof(probes[0].name), "%s", v);
		probes[nprobes++].va = strtoull(at + 1, NULL, 0);
	} else {
		return false;
	}
	return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!parse_arg(argv[i])) {
			fprintf(stderr, "el2prof: cannot use argument '%s'\n", argv[i]);
			return -1;
		}
	}
	if (!lo || hi <= lo || !vec || !out_path) {
		fprintf(stderr, "el2prof: lo=, hi=, vec= and out= are needed\n");
		return -1;
	}
	if (info->system_emulation && info->system.max_vcpus > MAX_CPUS) {
		fprintf(stderr, "el2prof: at most %d CPUs\n", MAX_CPUS);
		return -1;
	}
	hist = calloc(HIST_SLOTS, sizeof(*hist));
	if (!hist)
		return -1;
	for (i = 0; tracing && i < MAX_CPUS; i++) {
		cpus[i].trace = calloc(1, sizeof(*cpus[i].trace));
		if (!cpus[i].trace)
			return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, write_results, NULL);
	return 0;
}
