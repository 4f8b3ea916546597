/* SPDX-License-Identifier: GPL-2.0-only */
/* Cell lifecycle on top of the driver, and the metadata kept across restarts. */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "cell.h"
#include "console.h"
#include "cv-config.h"
#include "cv-bus.h"
#include "cv-log.h"
#include "kmod.h"
#include "manager.h"
#include "profile.h"

static const char *const state_names[] = {
	[CV_CELL_RUNNING] = "running",
	[CV_CELL_RUNNING_LOCKED] = "running-locked",
	[CV_CELL_SHUT_DOWN] = "shut-down",
	[CV_CELL_FAILED] = "failed",
	[CV_CELL_FAILED_COMM_REV] = "failed-comm-rev",
};

static const char *const stat_names[CV_STAT_MAX] = {
	[CV_STAT_EXITS_TOTAL] = "exits_total",
	[CV_STAT_EXITS_MMIO] = "exits_mmio",
	[CV_STAT_EXITS_MANAGEMENT] = "exits_management",
	[CV_STAT_EXITS_HYPERCALL] = "exits_hypercall",
	[CV_STAT_EXITS_MAINTENANCE] = "exits_maintenance",
	[CV_STAT_EXITS_VIRQ] = "exits_virq",
	[CV_STAT_EXITS_VSGI] = "exits_vsgi",
	[CV_STAT_EXITS_PSCI] = "exits_psci",
	[CV_STAT_EXITS_SMCCC] = "exits_smccc",
	[CV_STAT_EXITS_SYSREG] = "exits_sysreg",
};

static const char *const fail_names[CV_FAIL_MAX] = {
	[CV_FAIL_NONE] = "",
	[CV_FAIL_DATA_ABORT] = "data-abort",
	[CV_FAIL_INSN_ABORT] = "instruction-abort",
	[CV_FAIL_UNHANDLED_TRAP] = "unhandled-trap",
	[CV_FAIL_FORBIDDEN_HVC] = "forbidden-hypercall",
	[CV_FAIL_PSCI_SYSTEM_OFF] = "system-off",
	[CV_FAIL_PSCI_SYSTEM_RESET] = "system-reset",
	[CV_FAIL_COMM_TIMEOUT] = "comm-timeout",
	[CV_FAIL_HYPERVISOR_FAULT] = "hypervisor-fault",
};

const char *cell_state_to_string(uint32_t state)
{
	return state < ELEMENTSOF(state_names) && state_names[state] ? state_names[state] : "unknown";
}

const char *cell_stat_to_string(unsigned int stat)
{
	return stat < CV_STAT_MAX ? stat_names[stat] : "unknown";
}

const char *cell_fail_reason_to_string(uint32_t reason)
{
	return reason < CV_FAIL_MAX ? fail_names[reason] : "unknown";
}

const char *cell_stop_reason(const struct cell *c)
{
	if (c->state != CV_CELL_SHUT_DOWN ||
	    (c->fault.reason != CV_FAIL_PSCI_SYSTEM_OFF && c->fault.reason != CV_FAIL_PSCI_SYSTEM_RESET))
		return "";
	return cell_fail_reason_to_string(c->fault.reason);
}

char *cell_failure_describe(const struct cell *c)
{
	char *s;

	if (c->state != CV_CELL_FAILED && c->state != CV_CELL_FAILED_COMM_REV)
		return strdup("");
	if (c->state == CV_CELL_FAILED_COMM_REV)
		return strdup("the inmate does not speak comm region revision 2");
	if (asprintf(&s, "%s on CPU %u at PC 0x%llx (FAR 0x%llx, IPA 0x%llx, ESR 0x%llx)",
		     cell_fail_reason_to_string(c->fault.reason), c->fault.cpu,
		     (unsigned long long)c->fault.pc, (unsigned long long)c->fault.far,
		     (unsigned long long)c->fault.ipa, (unsigned long long)c->fault.esr) < 0)
		return NULL;
	return s;
}

bool cell_is_running(const struct cell *c)
{
	return c->state == CV_CELL_RUNNING || c->state == CV_CELL_RUNNING_LOCKED;
}

/* RUNTIME_DIR/cells/NAME: the metadata; with suffix ".yaml", the config the cell was created from. */
static char *meta_path(const struct manager *m, const char *name, const char *suffix)
{
	char *p;

	if (asprintf(&p, "%s/cells/%s%s", m->runtime_dir, name, suffix) < 0)
		return NULL;
	return p;
}

static int write_meta(const struct manager *m, const char *name, const char *config_file, bool trusted,
		      uint64_t memory, uint64_t loadable, uint64_t start, enum cell_reload reload)
{
	_cleanup_free_ char *path = meta_path(m, name, ""), *dir = NULL;
	_cleanup_fclose_ FILE *f = NULL;

	if (!path)
		return -ENOMEM;
	f = fopen(path, "we");
	if (!f && errno == ENOENT) {	/* the first cell: make the directory */
		if (asprintf(&dir, "%s/cells", m->runtime_dir) < 0)
			return -ENOMEM;
		(void)mkdir(m->runtime_dir, 0755);
		(void)mkdir(dir, 0755);
		f = fopen(path, "we");
	}
	if (!f)
		return -errno;
	fprintf(f, "config=%s\ntrusted=%d\nmemory=%llu\nloadable=%llu\nstart=%llu\nreload=%s\n",
		config_file ? config_file : "", trusted, (unsigned long long)memory, (unsigned long long)loadable,
		(unsigned long long)start, cell_reload_to_string(reload));
	return fflush(f) == 0 ? 0 : -errno;
}

int cell_save_new(const struct manager *m, const struct cv_config *c, const struct config_file *cf)
{
	_cleanup_free_ char *copy = meta_path(m, c->cell.name, ".yaml");
	_cleanup_fclose_ FILE *f = NULL;
	uint64_t memory = 0, loadable = 0;
	int r;

	for (unsigned int i = 0; i < c->cell.n_regions; i++) {
		const struct cv_region *reg = &c->cell.regions[i];

		if (!(reg->flags & (CV_MEM_IO | CV_MEM_COMM_REGION)))
			memory += reg->size;
		if (reg->flags & CV_MEM_LOADABLE)
			loadable += reg->size;
	}
	r = write_meta(m, c->cell.name, cf->path, cf->trusted, memory, loadable, 0, CELL_RELOAD_NONE);
	if (r < 0)
		return r;
	f = copy ? fopen(copy, "we") : NULL;
	if (!f || fwrite(cf->text, 1, cf->size, f) != cf->size || fflush(f) != 0)
		return -errno;
	return 0;
}

int cell_save(const struct cell *c)
{
	/* descriptors do not survive a restart of the daemon */
	return write_meta(c->manager, c->name, c->config_file, c->config_trusted, c->memory, c->loadable,
			  c->start_usec, c->reload == CELL_RELOAD_CONFIG ? c->reload : CELL_RELOAD_NONE);
}

void cell_forget(const struct manager *m, const char *name)
{
	_cleanup_free_ char *path = meta_path(m, name, ""), *copy = meta_path(m, name, ".yaml");

	if (path)
		(void)unlink(path);
	if (copy)
		(void)unlink(copy);
}

int cell_config(struct cell *c, const struct cv_config **ret, struct op_error *e)
{
	_cleanup_(config_file_freep) struct config_file *cf = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *copy = NULL;

	if (c->config) {
		*ret = c->config;
		return 0;
	}
	copy = meta_path(c->manager, c->name, ".yaml");
	if (!c->config_file || !*c->config_file)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT, "Cell '%s' has no known config", c->name);
	if (!copy)
		return -ENOMEM;
	if (config_file_read_path(copy, c->config_trusted, &cf, e) < 0)
		return op_fail(e, CV_ERROR_NO_SUCH_CONFIG, -ENOENT,
			       "The copy of the config cell '%s' was created from (%s) is gone", c->name, copy);
	/* Messages and relative image paths go by the file it came from. */
	free(cf->path);
	cf->path = strdup(c->config_file);
	if (!cf->path)
		return -ENOMEM;
	if (PROFILED(PROFILE_PARSE, cv_config_load_string(cf->path, cf->text, cf->size, &c->config, &d)) < 0) {
		_cleanup_free_ char *msg = cv_diag_join(&d, 4);

		return op_fail(e, CV_ERROR_INVALID_CONFIG, -EINVAL, "%s", msg ? msg : c->config_file);
	}
	*ret = c->config;
	return 0;
}

static void cell_restore(struct cell *c)
{
	_cleanup_free_ char *path = meta_path(c->manager, c->name, "");
	_cleanup_fclose_ FILE *f = NULL;
	char line[4096];

	f = path ? fopen(path, "re") : NULL;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "config=", 7) == 0 && line[7]) {
			free(c->config_file);
			c->config_file = strdup(line + 7);
		} else if (strncmp(line, "start=", 6) == 0) {
			c->start_usec = strtoull(line + 6, NULL, 10);
		} else if (strncmp(line, "memory=", 7) == 0) {
			c->memory = strtoull(line + 7, NULL, 10);
		} else if (strncmp(line, "reload=", 7) == 0) {
			c->reload = cell_reload_from_string(line + 7);
		} else if (strncmp(line, "loadable=", 9) == 0) {
			c->loadable = strtoull(line + 9, NULL, 10);
		} else if (streq(line, "trusted=1")) {
			c->config_trusted = true;
		}
	}
}

static void cell_open_console(struct cell *c)
{
	struct manager *m = c->manager;
	int fd;

	/* Not created by us (we refuse the name): its console would take the hypervisor's pty and tag. */
	if (cv_cell_name_reserved(c->name)) {
		log_warning("Cell %s has a reserved name: its console is not brokered", c->name);
		return;
	}
	fd = kmod_console_open(m->kmod, (int32_t)c->id);
	if (fd >= 0 && PROFILED(PROFILE_CONSOLE, console_new(m->event, c->name, fd, m->runtime_dir, &c->console)) < 0)
		log_warning("Cell %s: cannot set up its console", c->name);
	else if (fd < 0)
		log_debug_errno(fd, "Cell %s: no console", c->name);
}

int cell_new(struct manager *m, const struct cv_cell_info *info, struct cell **ret)
{
	struct cell *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->manager = m;
	c->id = info->id;
	c->linux_fds[0] = c->linux_fds[1] = c->linux_fds[2] = -1;
	memcpy(c->name, info->name, sizeof(c->name));
	c->name[sizeof(c->name) - 1] = 0;
	(void)cell_update(c, info);
	PROFILED_VOID(PROFILE_FILES, cell_restore(c));
	cell_open_console(c);
	*ret = c;
	return 0;
}

void cell_free(struct cell *c)
{
	if (!c)
		return;
	PROFILED_VOID(PROFILE_CONSOLE, console_free(c->console));
	cell_boot_free(c);
	free(c->config_file);
	cv_config_free(c->config);
	free(c->bus_path);
	free(c);
}

unsigned int cell_update(struct cell *c, const struct cv_cell_info *info)
{
	unsigned int changes = 0;
	bool failed = info->state == CV_CELL_FAILED || info->state == CV_CELL_FAILED_COMM_REV;

	if (c->state != info->state || !c->cpu_mask) {
		changes |= CELL_CHANGED_STATE;
		if (failed)
			changes |= CELL_CHANGED_FAILED;
	}
	c->state = info->state;
	if (c->cpu_mask != info->cpu_mask || !c->cpu_list[0])
		cv_format_cpu_list(info->cpu_mask, c->cpu_list, sizeof(c->cpu_list));
	c->cpu_mask = info->cpu_mask;
	c->failed_cpu_mask = info->failed_cpu_mask;
	c->fault = info->fault;
	return changes;
}

static int cell_what(const struct cell *c, const char *verb, char *buf, size_t size)
{
	return snprintf(buf, size, "%s cell '%s'", verb, c->name);
}

int cell_load(struct cell *c, const struct cell_image *images, size_t n, struct op_error *e)
{
	_cleanup_free_ struct cv_load_segment *segs = NULL;
	struct image_data data[CV_MAX_IMAGES] = {};
	uint32_t n_segs = 0;
	char what[128];
	int r = 0;

	if (n > CV_MAX_IMAGES)
		return op_fail(e, CV_ERROR_INVALID_IMAGE, -E2BIG, "At most %d images per load", CV_MAX_IMAGES);
	if (cell_is_running(c))
		return op_fail(e, CV_ERROR_BAD_STATE, -EBUSY,
			       "Cell '%s' is running: shut it down before loading images", c->name);
	for (size_t i = 0; i < n && r >= 0; i++) {
		if (images[i].string)
			r = image_blob(images[i].string, strlen(images[i].string) + 1, images[i].address, &data[i]);
		else if (images[i].data)
			r = image_blob(images[i].data, images[i].size, images[i].address, &data[i]);
		else
			r = PROFILED(PROFILE_IMAGE, image_read(&images[i], c->loadable ? c->loadable : IMAGE_MAX_SIZE,
								 &data[i], e));
		n_segs += r >= 0 ? data[i].n_segs : 0;
	}
	if (r >= 0) {
		segs = calloc(n_segs ? n_segs : 1, sizeof(*segs));
		n_segs = 0;
		for (size_t i = 0; segs && i < n; i++)
			for (uint32_t s = 0; s < data[i].n_segs; s++)
				segs[n_segs++] = data[i].segs[s];
		r = segs ? 0 : -ENOMEM;
		if (r == 0) {
			cell_what(c, "load images into", what, sizeof(what));
			r = kmod_cell_load(c->manager->kmod, c->id, segs, n_segs);
			if (r < 0)
				op_fail_kmod(e, r, "the hypervisor", what);
		}
	}
	for (size_t i = 0; i < n; i++)
		image_data_free(&data[i]);
	return r;
}

int cell_start(struct cell *c, struct op_error *e)
{
	struct timespec ts;
	char what[128];
	int r;

	cell_what(c, "start", what, sizeof(what));
	r = kmod_cell_start(c->manager->kmod, c->id);
	if (r < 0)
		return op_fail_kmod(e, r, kmod_describe(c->manager->kmod), what);
	clock_gettime(CLOCK_REALTIME, &ts);
	c->start_usec = (uint64_t)ts.tv_sec * 1000000ULL + (uint64_t)ts.tv_nsec / 1000;
	(void)PROFILED(PROFILE_FILES, cell_save(c));
	return 0;
}

int cell_shutdown(struct cell *c, struct op_error *e)
{
	char what[128];
	int r;

	cell_what(c, "shut down", what, sizeof(what));
	r = kmod_cell_shutdown(c->manager->kmod, c->id);
	return r < 0 ? op_fail_kmod(e, r, kmod_describe(c->manager->kmod), what) : 0;
}

int cell_destroy(struct cell *c, struct op_error *e)
{
	char what[128];
	int r;

	cell_what(c, "destroy", what, sizeof(what));
	r = kmod_cell_destroy(c->manager->kmod, c->id);
	return r < 0 ? op_fail_kmod(e, r, kmod_describe(c->manager->kmod), what) : 0;
}

int cell_statistics(struct cell *c, struct cell_stats **ret, size_t *ret_n, struct op_error *e)
{
	_cleanup_free_ struct cell_stats *st = malloc(__builtin_popcountll(c->cpu_mask) * sizeof(*st) ?: 1);
	struct cv_cpu_stats s;
	char what[128];
	size_t n = 0;
	int r;

	if (!st)
		return -ENOMEM;
	cell_what(c, "read the statistics of", what, sizeof(what));
	for (uint32_t cpu = 0; cpu < CV_MAX_CPUS; cpu++) {
		if (!(c->cpu_mask >> cpu & 1))
			continue;
		r = kmod_cpu_stats(c->manager->kmod, cpu, &s);
		if (r < 0)
			return op_fail_kmod(e, r, kmod_describe(c->manager->kmod), what);
		st[n].cpu = cpu;
		memcpy(st[n].counters, s.counters, sizeof(s.counters));
		n++;
	}
	*ret = TAKE_PTR(st);
	*ret_n = n;
	return 0;
}
