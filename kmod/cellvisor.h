/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cellvisor.ko internals shared between its files.
 */
#ifndef _CV_KMOD_H
#define _CV_KMOD_H

#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <cellvisor/config.h>
#include <cellvisor/errno.h>
#include <cellvisor/hypercall.h>
#include <cellvisor/ioctl.h>

struct device;

/* Serialises enable, disable and every other command. */
extern struct mutex cv_lock;
extern bool cv_enabled;
extern struct device *cv_dev;
/* The hypervisor's own memory and the system config, valid while enabled. */
extern phys_addr_t cv_hv_phys;
extern size_t cv_hv_size;
extern const struct cv_system_config *cv_sys;

/* hvc #0x4a48: code in x0, arguments in x1/x2, result in x0. */
static inline long cv_hypercall(unsigned long code, unsigned long arg1,
				unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc #0x4a48"
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     :
		     : "x3", "memory");
	return (long)x0;
}

/* hv.c: bring the EL2 core up on every online CPU, and down again. */
int cv_enable(const struct cv_config_arg __user *uarg);
int cv_disable(void);
int cv_hv_info(struct cv_hv_info *info);
int cv_cpu_stats(struct cv_cpu_stats *stats);

/* cell.c: the cell life cycle */
int cv_cell_create(struct cv_config_arg __user *uarg);
int cv_cell_load(const struct cv_load_arg __user *uarg);
int cv_cell_start(u32 id);
int cv_cell_shutdown(u32 id);
int cv_cell_destroy(u32 id);
int cv_cell_info(struct cv_cell_info *info);
/* With cv_lock held; @hv is root RAM the hypervisor writes (not the stack). */
int cv_cell_info_locked(u32 id, struct cv_cell_info *hv);
int cv_cell_list(struct cv_cell_list *list);
bool cv_cells_exist(void);
void cv_dcache_clean(void *addr, size_t size);

/* devices.c: the root's drivers let go of a cell's devices, and take them back */
struct cv_devices;
struct cv_devices *cv_devices_take(const struct cv_cell_config *cfg);
void cv_devices_give_back(struct cv_devices *d);

/* events.c: cell state changes wake pollers of /dev/cellvisor */
struct file;
struct inode;
struct poll_table_struct;
void cv_cell_event(void);
void cv_watch_start(void);
void cv_watch_stop(void);
bool cv_cells_watch(void);	/* cell.c, cv_lock held: false once no cell is left */
int cv_events_open(struct inode *inode, struct file *file);
int cv_events_release(struct inode *inode, struct file *file);
/* With cv_lock held: the events so far (each is fired with it held). */
u32 cv_events_count(void);
/* The file has seen every event up to @count (what a snapshot reflects). */
void cv_events_seen_upto(struct file *file, u32 count);
__poll_t cv_events_poll(struct file *file, struct poll_table_struct *wait);
ssize_t cv_events_read(struct file *file, char __user *buf, size_t len, loff_t *pos);

/*
 * console.c: console fds, live through hypercalls or the log's last
 * snapshot; woken by the console doorbell, taken at enable
 * (cv_console_start()) and given back before disable (cv_console_stop()).
 */
long cv_console_open(s32 cell_id);
void cv_console_start(void);
void cv_console_stop(void);
ssize_t cv_console_read_at(s32 cell_id, u64 *pos, char *buf, size_t len);
void cv_console_snapshot(const void *ring, u64 tail, size_t ring_size);
ssize_t cv_console_read_snapshot(u64 *pos, char *buf, size_t len);
void cv_console_exit(void);

/*
 * doorbell.c: the SPIs the hypervisor raises in the root, taken from the
 * system config at enable (checked with its rules); cv_doorbell_request()
 * maps doorbell @n (CV_ROOT_DOORBELL_*) and requests it (the Linux IRQ or
 * -errno, -ENOENT if the config has no such doorbell); cv_doorbell_free()
 * undoes it (before disable).
 */
void cv_doorbells_set(const struct cv_platform *p);
int cv_doorbell_request(unsigned int n, irq_handler_t handler, const char *name, void *dev);
void cv_doorbell_free(unsigned int irq, void *dev);

/*
 * ivshmem.c: links. cv_links_check() refuses a config whose links' memory
 * Linux uses; cv_links_add() makes a UIO device of each of the root's
 * (after enable), cv_links_remove() takes them away (before disable),
 * which cv_links_busy() refuses while one is open.
 */
int cv_links_check(const char *who, const struct cv_cell_config *cfg);
int cv_links_add(const struct cv_system_config *cfg);
bool cv_links_busy(void);
void cv_links_remove(void);
int cv_link_info(struct cv_link_info *info);
/* With cv_lock held, enabled; @buf in a page of root RAM (not the stack). */
int cv_link_info_locked(u32 index, struct cv_link_info *buf);
/* From the watcher: an event when a link changed. */
void cv_links_watch(void);

/* snapshot.c: CV_SNAPSHOT (-ENOSPC with the counts when they do not fit) */
int cv_snapshot(struct cv_snapshot *s);

/* sysfs.c: /sys/devices/cellvisor */
int cv_sysfs_init(void);
void cv_sysfs_exit(void);

/*
 * Linux's own, used around CPU hotplug (cell.c): exported to GPL modules
 * by kernel/rcu/update.c but declared only in kernel/rcu/rcu.h, which the
 * headers package does not ship.
 */
void rcu_expedite_gp(void);
void rcu_unexpedite_gp(void);

#endif /* _CV_KMOD_H */
