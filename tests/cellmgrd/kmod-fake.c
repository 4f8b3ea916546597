/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An in-memory stand-in for cellvisor.ko, linked only into the test build
 * (cellmgrd-fake, never installed). It keeps its state in the file named
 * by $CELLMGRD_FAKE_STATE so a restarted daemon rediscovers "running"
 * cells, echoes console input like uart-demo, keeps the links of the
 * configs it is given (their peers are the cells that name them), and
 * takes commands on the
 * datagram socket $CELLMGRD_FAKE_CONTROL:
 *   print NAME TEXT    the cell writes TEXT and a newline to its console
 *   fail NAME          the cell takes a data abort
 *   off NAME, reset NAME   the cell calls PSCI SYSTEM_OFF / SYSTEM_RESET
 *   state NAME LINK VALUE  cell NAME (or "root") writes VALUE to its STATE on LINK
 *   mode ok|enotty|nodev|eperm   every request succeeds / fails with ENOTTY /
 *                      ENOENT / EPERM (a cell's veto)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cv-log.h"
#include "cv-util.h"
#include "kmod.h"

#define FAKE_MAX_CELLS CV_MAX_CELLS
#define FAKE_HV_SLOT FAKE_MAX_CELLS

struct fake_cell {
	uint32_t used;
	uint32_t id;
	uint32_t state;
	char name[CV_CELL_NAME_LEN];
	uint64_t cpu_mask;
	uint64_t loaded;
	struct cv_fault_record fault;
};

struct fake_state {
	uint32_t enabled;
	uint32_t next_id;
	uint32_t num_cpus;
	uint64_t root_cpus;
	struct fake_cell cells[FAKE_MAX_CELLS];
	struct cv_link_info links[CV_MAX_LINKS_ALL];	/* peers == 0: a free slot */
};

struct kmod {
	sd_event *event;
	kmod_change_cb cb;
	void *userdata;
	struct fake_state st;
	const char *state_path;
	int mode;		/* 0, or the errno every request fails with */
	int ctl_fd;
	sd_event_source *ctl_src;
	int cons[FAKE_MAX_CELLS + 1][2];	/* [0] daemon side, [1] the cell's */
	sd_event_source *cons_src[FAKE_MAX_CELLS + 1];
};

static void fake_save(struct kmod *k)
{
	_cleanup_close_ int fd = -1;

	if (!k->state_path)
		return;
	fd = open(k->state_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && write(fd, &k->st, sizeof(k->st)) != (ssize_t)sizeof(k->st))
		log_warning("fake: cannot save state to %s", k->state_path);
}

static void fake_load(struct kmod *k)
{
	_cleanup_close_ int fd = -1;

	if (!k->state_path)
		return;
	fd = open(k->state_path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && read(fd, &k->st, sizeof(k->st)) != (ssize_t)sizeof(k->st))
		k->st = (struct fake_state){};
}

static int on_changed(sd_event_source *s, void *userdata)
{
	struct kmod *k = userdata;

	(void)s;
	k->cb(k->userdata);
	return 0;
}

/* Like the module's poll wake-up: the daemon learns of it from the loop, later. */
static void fake_changed(struct kmod *k)
{
	fake_save(k);
	(void)sd_event_add_defer(k->event, NULL, on_changed, k);
}

static struct fake_cell *fake_find(struct kmod *k, uint32_t id)
{
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		if (k->st.cells[i].used && k->st.cells[i].id == id)
			return &k->st.cells[i];
	return NULL;
}

/* The cell a request names, or the error the current mode or a bad id gives. */
static int fake_get(struct kmod *k, uint32_t id, struct fake_cell **ret)
{
	if (k->mode)
		return -k->mode;
	*ret = fake_find(k, id);
	return *ret ? 0 : -ENOENT;
}

static struct fake_cell *fake_find_name(struct kmod *k, const char *name)
{
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		if (k->st.cells[i].used && streq(k->st.cells[i].name, name))
			return &k->st.cells[i];
	return NULL;
}

static int slot_of(struct kmod *k, int32_t id)
{
	struct fake_cell *c = NULL;

	if (id == CV_CONSOLE_HYPERVISOR)
		return FAKE_HV_SLOT;
	c = fake_find(k, (uint32_t)id);
	return c ? (int)(c - k->st.cells) : -1;
}

static void fake_print(struct kmod *k, int slot, const char *text)
{
	if (k->cons[slot][1] < 0)
		return;		/* nobody opened the console: output is lost, as on a UART */
	(void)!write(k->cons[slot][1], text, strlen(text));
	(void)!write(k->cons[slot][1], "\n", 1);
}

/* The cell side of a console: echo what is typed, like uart-demo. */
static int on_cell_input(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	char buf[256];
	ssize_t n;

	(void)s, (void)revents, (void)userdata;
	n = read(fd, buf, sizeof(buf));
	if (n > 0)
		(void)!write(fd, buf, (size_t)n);
	return 0;
}

static void fake_fail(struct kmod *k, struct fake_cell *c)
{
	c->state = CV_CELL_FAILED;
	c->fault = (struct cv_fault_record){
		.reason = CV_FAIL_DATA_ABORT,
		.cpu = (uint32_t)__builtin_ctzll(c->cpu_mask),
		.esr = 0x92000047, .far = 0xdead0000, .ipa = 0xdead0000, .pc = 0x1234,
	};
	fake_changed(k);
}

/* As the hypervisor records a cell's own PSCI SYSTEM_OFF/RESET: shut down, with the reason. */
static void fake_psci_stop(struct kmod *k, struct fake_cell *c, uint32_t reason)
{
	c->state = CV_CELL_SHUT_DOWN;
	c->fault = (struct cv_fault_record){ .reason = reason, .cpu = (uint32_t)__builtin_ctzll(c->cpu_mask) };
	fake_changed(k);
}

static struct cv_link_info *fake_link(struct kmod *k, const char *name)
{
	for (int i = 0; i < CV_MAX_LINKS_ALL; i++)
		if (k->st.links[i].peers && streq(k->st.links[i].name, name))
			return &k->st.links[i];
	return NULL;
}

/* Cell @id (0: the root) joins the links of its config, as the hypervisor connects it. */
static void fake_join(struct kmod *k, const struct cv_cell_config *cc, int32_t id)
{
	const struct cv_link *l = cv_cell_links(cc);

	for (uint32_t i = 0; i < cc->num_links && i < CV_MAX_LINKS; i++) {
		struct cv_link_info *li = fake_link(k, l[i].name);

		for (int j = 0; !li && j < CV_MAX_LINKS_ALL; j++)
			if (!k->st.links[j].peers) {
				li = &k->st.links[j];
				*li = (struct cv_link_info){
					.peers = l[i].peers, .protocol = l[i].protocol, .phys = l[i].phys,
					.rw_size = l[i].rw_size, .output_size = l[i].output_size,
				};
				memcpy(li->name, l[i].name, CV_LINK_NAME_LEN);
				memset(li->peer_cell, 0xff, sizeof(li->peer_cell));
			}
		if (li && l[i].id < CV_LINK_MAX_PEERS) {
			li->peer_cell[l[i].id] = id;
			li->peer_state[l[i].id] = 0;
		}
	}
}

/* A destroyed cell leaves its links (state 0); a link nobody is a peer of goes. */
static void fake_leave(struct kmod *k, int32_t id)
{
	for (int i = 0; i < CV_MAX_LINKS_ALL; i++) {
		struct cv_link_info *li = &k->st.links[i];
		bool anyone = false;

		for (int p = 0; li->peers && p < CV_LINK_MAX_PEERS; p++) {
			if (li->peer_cell[p] == id)
				li->peer_cell[p] = -1, li->peer_state[p] = 0;
			anyone |= li->peer_cell[p] >= 0;
		}
		if (!anyone)
			*li = (struct cv_link_info){};
	}
}

/* "state NAME LINK VALUE" */
static void fake_set_state(struct kmod *k, const char *args)
{
	char name[CV_CELL_NAME_LEN], link[CV_LINK_NAME_LEN];
	struct cv_link_info *li;
	struct fake_cell *c;
	unsigned int value;
	int32_t id;

	if (sscanf(args, "%31s %31s %u", name, link, &value) != 3 || !(li = fake_link(k, link)))
		return;
	c = fake_find_name(k, name);
	id = streq(name, "root") ? 0 : c ? (int32_t)c->id : -1;
	for (int p = 0; id >= 0 && p < CV_LINK_MAX_PEERS; p++)
		if (li->peer_cell[p] == id)
			li->peer_state[p] = value;
	fake_changed(k);
}

static int on_control(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct kmod *k = userdata;
	char buf[512], *arg, *text;
	struct fake_cell *c = NULL;
	ssize_t n;

	(void)s, (void)revents;
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	arg = strchr(buf, ' ');
	if (!arg)
		return 0;
	*arg++ = 0;
	if (streq(buf, "mode")) {
		k->mode = streq(arg, "enotty") ? ENOTTY : streq(arg, "nodev") ? ENOENT :
			  streq(arg, "eperm") ? EPERM : 0;
		return 0;
	}
	if (streq(buf, "state")) {
		fake_set_state(k, arg);
		return 0;
	}
	text = strchr(arg, ' ');
	if (text)
		*text++ = 0;
	c = fake_find_name(k, arg);
	if (!c)
		return 0;
	if (streq(buf, "print") && text)
		fake_print(k, (int)(c - k->st.cells), text);
	else if (streq(buf, "fail"))
		fake_fail(k, c);
	else if (streq(buf, "off") || streq(buf, "reset"))
		fake_psci_stop(k, c, streq(buf, "off") ? CV_FAIL_PSCI_SYSTEM_OFF : CV_FAIL_PSCI_SYSTEM_RESET);
	return 0;
}

static int fake_control_open(struct kmod *k, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	(void)unlink(path);
	k->ctl_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (k->ctl_fd < 0)
		return -errno;
	if (bind(k->ctl_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return sd_event_add_io(k->event, &k->ctl_src, k->ctl_fd, EPOLLIN, on_control, k);
}

int kmod_open(sd_event *e, kmod_change_cb cb, void *userdata, struct kmod **ret)
{
	struct kmod *k = calloc(1, sizeof(*k));
	const char *ctl = getenv("CELLMGRD_FAKE_CONTROL"), *mode = getenv("CELLMGRD_FAKE_MODE");
	int r;

	if (!k)
		return -ENOMEM;
	k->event = sd_event_ref(e);
	k->cb = cb;
	k->userdata = userdata;
	k->ctl_fd = -1;
	for (int i = 0; i <= FAKE_MAX_CELLS; i++)
		k->cons[i][0] = k->cons[i][1] = -1;
	k->state_path = getenv("CELLMGRD_FAKE_STATE");
	fake_load(k);
	if (mode)
		k->mode = streq(mode, "enotty") ? ENOTTY : streq(mode, "nodev") ? ENOENT : 0;
	if (ctl) {
		r = fake_control_open(k, ctl);
		if (r < 0)
			log_warning_errno(r, "fake: cannot listen on %s", ctl);
	}
	log_notice("Using the in-memory fake of cellvisor.ko (test build)");
	*ret = k;
	return 0;
}

void kmod_close(struct kmod *k)
{
	if (!k)
		return;
	for (int i = 0; i <= FAKE_MAX_CELLS; i++) {
		sd_event_source_disable_unref(k->cons_src[i]);
		cv_closep(&k->cons[i][0]);
		cv_closep(&k->cons[i][1]);
	}
	sd_event_source_disable_unref(k->ctl_src);
	cv_closep(&k->ctl_fd);
	sd_event_unref(k->event);
	free(k);
}

const char *kmod_describe(const struct kmod *k)
{
	(void)k;
	return "the fake cellvisor.ko";
}

int kmod_hv_info(struct kmod *k, struct cv_hv_info *ret)
{
	uint32_t n = 0;

	if (k->mode)
		return -k->mode;
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		n += k->st.cells[i].used;
	*ret = (struct cv_hv_info){
		.enabled = k->st.enabled, .version = CV_VERSION_CODE,
		.mem_pool_pages = 1024, .mem_pool_used = k->st.enabled ? 59 + 14 * n : 0,
		.num_cells = n,
	};
	return 0;
}

int kmod_enable(struct kmod *k, const void *blob, size_t size)
{
	const struct cv_system_config *sc = blob;

	if (k->mode)
		return -k->mode;
	if (size < sizeof(*sc) || memcmp(sc->signature, CV_SYSTEM_SIGNATURE, 8) || sc->size != size)
		return -EINVAL;
	if (k->st.enabled)
		return -EBUSY;
	k->st.enabled = 1;
	k->st.num_cpus = sc->platform.num_cpus;
	k->st.root_cpus = sc->root_cell.cpu_mask;
	fake_join(k, &sc->root_cell, 0);
	fake_save(k);
	return 0;
}

int kmod_disable(struct kmod *k)
{
	if (k->mode)
		return -k->mode;
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		if (k->st.cells[i].used)
			return -EBUSY;
	k->st.enabled = 0;
	fake_leave(k, 0);
	fake_save(k);
	return 0;
}

int kmod_cell_create(struct kmod *k, const void *blob, size_t size, uint32_t *ret_id)
{
	const struct cv_cell_config *cc = blob;
	uint64_t used = 0;
	int free_slot = -1;

	if (k->mode)
		return -k->mode;
	if (!k->st.enabled)
		return -ENODEV;
	if (size < sizeof(*cc) || memcmp(cc->signature, CV_CELL_SIGNATURE, 8) || cv_cell_config_size(cc) != size)
		return -EINVAL;
	for (int i = 0; i < FAKE_MAX_CELLS; i++) {
		if (!k->st.cells[i].used) {
			free_slot = free_slot < 0 ? i : free_slot;
			continue;
		}
		if (streq(k->st.cells[i].name, cc->name))
			return -EEXIST;
		used |= k->st.cells[i].cpu_mask;
	}
	if ((cc->cpu_mask & used) || (cc->cpu_mask & ~k->st.root_cpus))
		return -EBUSY;
	if (free_slot < 0)
		return -ENOMEM;
	k->st.cells[free_slot] = (struct fake_cell){
		.used = 1, .id = ++k->st.next_id, .state = CV_CELL_SHUT_DOWN, .cpu_mask = cc->cpu_mask,
	};
	memcpy(k->st.cells[free_slot].name, cc->name, CV_CELL_NAME_LEN);
	fake_join(k, cc, (int32_t)k->st.next_id);
	*ret_id = k->st.next_id;
	fake_changed(k);
	return 0;
}

int kmod_cell_load(struct kmod *k, uint32_t id, const struct cv_load_segment *segs, uint32_t n)
{
	struct fake_cell *c = NULL;
	int r = fake_get(k, id, &c);

	if (r < 0)
		return r;
	if (c->state == CV_CELL_RUNNING || c->state == CV_CELL_RUNNING_LOCKED)
		return -EBUSY;
	c->loaded = 0;
	for (uint32_t i = 0; i < n; i++)
		c->loaded += segs[i].size;
	return 0;
}

int kmod_cell_start(struct kmod *k, uint32_t id)
{
	struct fake_cell *c = NULL;
	int slot;
	int r = fake_get(k, id, &c);

	if (r < 0)
		return r;
	if (c->state == CV_CELL_RUNNING)
		return -EBUSY;
	c->state = CV_CELL_RUNNING;
	c->fault = (struct cv_fault_record){};
	slot = (int)(c - k->st.cells);
	fake_print(k, slot, "Hello from the fake cell");
	fake_changed(k);
	return 0;
}

int kmod_cell_shutdown(struct kmod *k, uint32_t id)
{
	struct fake_cell *c = NULL;
	int r = fake_get(k, id, &c);

	if (r < 0)
		return r;
	c->state = CV_CELL_SHUT_DOWN;
	fake_changed(k);
	return 0;
}

int kmod_cell_destroy(struct kmod *k, uint32_t id)
{
	struct fake_cell *c = NULL;
	int slot;
	int r = fake_get(k, id, &c);

	if (r < 0)
		return r;
	slot = (int)(c - k->st.cells);
	fake_leave(k, (int32_t)c->id);
	*c = (struct fake_cell){};
	k->cons_src[slot] = sd_event_source_disable_unref(k->cons_src[slot]);
	cv_closep(&k->cons[slot][0]);
	cv_closep(&k->cons[slot][1]);
	k->cons[slot][0] = k->cons[slot][1] = -1;
	fake_changed(k);
	return 0;
}

int kmod_cell_info(struct kmod *k, uint32_t id, struct cv_cell_info *ret)
{
	struct fake_cell *c = NULL;
	int r = fake_get(k, id, &c);

	if (r < 0)
		return r;
	*ret = (struct cv_cell_info){
		.id = id, .state = c->state, .cpu_mask = c->cpu_mask,
		.failed_cpu_mask = c->state == CV_CELL_FAILED ? c->cpu_mask & -c->cpu_mask : 0,
		.fault = c->fault,
		/* what a one-region cell costs the real hypervisor */
		.table_pages = 5, .pool_pages = 9,
	};
	memcpy(ret->name, c->name, CV_CELL_NAME_LEN);
	return 0;
}

int kmod_snapshot(struct kmod *k, struct kmod_snapshot *ret)
{
	if (k->mode)
		return -k->mode;
	*ret = (struct kmod_snapshot){ .enabled = k->st.enabled };
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		if (k->st.cells[i].used)
			(void)kmod_cell_info(k, k->st.cells[i].id, &ret->cells[ret->n_cells++]);
	for (int i = 0; k->st.enabled && i < CV_MAX_LINKS_ALL; i++)
		if (k->st.links[i].peers) {
			ret->links[ret->n_links] = k->st.links[i];
			ret->links[ret->n_links].index = ret->n_links;
			ret->n_links++;
		}
	return 0;
}

int kmod_cpu_stats(struct kmod *k, uint32_t cpu, struct cv_cpu_stats *ret)
{
	if (k->mode)
		return -k->mode;
	if (cpu >= k->st.num_cpus)
		return -EINVAL;
	*ret = (struct cv_cpu_stats){ .cpu = cpu, .cell_id = 0 };
	for (int i = 0; i < FAKE_MAX_CELLS; i++)
		if (k->st.cells[i].used && (k->st.cells[i].cpu_mask >> cpu & 1))
			ret->cell_id = (int32_t)k->st.cells[i].id;
	for (int s = 0; s < CV_STAT_MAX; s++)
		ret->counters[s] = 1000 * (cpu + 1) + (uint64_t)s;
	return 0;
}

int kmod_console_open(struct kmod *k, int32_t id)
{
	int slot, fd;

	if (k->mode)
		return -k->mode;
	slot = slot_of(k, id);
	if (slot < 0)
		return -ENOENT;
	if (k->cons[slot][0] < 0) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, k->cons[slot]) < 0)
			return -errno;
		(void)sd_event_add_io(k->event, &k->cons_src[slot], k->cons[slot][1], EPOLLIN,
				      on_cell_input, k);
	}
	fd = fcntl(k->cons[slot][0], F_DUPFD_CLOEXEC, 3);
	return fd < 0 ? -errno : fd;
}
