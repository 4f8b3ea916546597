// SPDX-License-Identifier: GPL-2.0
/* Hypercall dispatch: who may call what, and the hypervisor and CPU queries. */
#include <hv/cell.h>
#include <hv/hypercall.h>
#include <hv/ivshmem.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/setup.h>

static long hypervisor_get_info(u64 what)
{
	switch (what) {
	case CV_INFO_MEM_POOL_SIZE:
		return (long)mem_pool.pages;
	case CV_INFO_MEM_POOL_USED:
		return (long)mem_pool.used;
	case CV_INFO_REMAP_POOL_SIZE:
	case CV_INFO_REMAP_POOL_USED:
		return 0;
	case CV_INFO_NUM_CELLS: {
		long n = 1;
		unsigned int id;

		for (id = 1; id < CV_MAX_CELLS; id++)
			n += cells[id] != NULL;
		return n;
	}
	case CV_INFO_LINK_EVENTS:
		return (long)(ivshmem_events() & 0x7fffffffffffffffULL);
	default:
		return -CV_EINVAL;
	}
}

static long cpu_get_info(struct per_cpu *pc, u64 cpu, u64 type)
{
	struct per_cpu *target;

	if (cpu >= hv_max_cpus)
		return -CV_EINVAL;
	target = per_cpu((cpuid_t)cpu);
	if (!cell_is_root(pc->cell) && target->cell != pc->cell)
		return -CV_EPERM;
	if (!target->cell)
		return -CV_EINVAL;
	if (type == CV_CPU_INFO_STATE)
		return target->failed ? CV_CPU_FAILED : CV_CPU_RUNNING;
	if (type >= CV_CPU_INFO_STAT_BASE && type < CV_CPU_INFO_STAT_BASE + CV_STAT_MAX)
		return (long)(target->stats[type - CV_CPU_INFO_STAT_BASE] & 0x7fffffffffffffffULL);
	return -CV_EINVAL;
}

long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2)
{
	bool root = cell_is_root(pc->cell);

	stat_inc(pc, CV_STAT_EXITS_HYPERCALL);
	switch (code) {
	case CV_HC_DISABLE:
		return root ? hypervisor_disable(pc) : -CV_EPERM;
	case CV_HC_HYPERVISOR_GET_INFO:
		return hypervisor_get_info(arg1);
	case CV_HC_CPU_GET_INFO:
		return cpu_get_info(pc, arg1, arg2);
	case CV_HC_GET_VERSION:
		return CV_VERSION_CODE;
	case CV_HC_CONSOLE_READ:
	case CV_HC_CONSOLE_WRITE:
		return root ? console_io(arg1, code == CV_HC_CONSOLE_WRITE) : -CV_EPERM;
	case CV_HC_DEBUG_CONSOLE_PUTC:
		return cell_putc(pc, (char)arg1);
	case CV_HC_CELL_CREATE:
		return root ? cell_create(pc, arg1) : -CV_EPERM;
	case CV_HC_CELL_START:
		return root ? cell_start(arg1) : -CV_EPERM;
	case CV_HC_CELL_SET_LOADABLE:
	case CV_HC_CELL_SHUTDOWN:
		return root ? cell_shutdown(arg1) : -CV_EPERM;
	case CV_HC_CELL_DESTROY:
		return root ? cell_destroy(arg1) : -CV_EPERM;
	case CV_HC_CELL_GET_STATE:
		return root ? cell_get_state(arg1) : -CV_EPERM;
	case CV_HC_CELL_GET_INFO:
		return root ? cell_get_info(arg1, arg2) : -CV_EPERM;
	case CV_HC_LINK_GET_INFO:
		return root ? ivshmem_link_info(arg1, arg2) : -CV_EPERM;
	default:
		return -CV_ENOSYS;
	}
}
