// SPDX-License-Identifier: GPL-2.0
/* arm64 enable/disable of one CPU and the EL2 mappings. */
#include <asm/gic.h>
#include <asm/paging.h>
#include <asm/stage2.h>
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/setup.h>

extern u64 bootstrap_tables[][512];

void arch_entry_save(struct per_cpu *pc, u64 sctlr, u64 tcr, u64 mair,
		     u64 ttbr0, u64 vbar, u64 virt_offset);
void __noreturn arch_activate_frame(struct registers *frame);
void __noreturn el2_leave(u64 frame_pa, u64 sctlr, u64 tcr, u64 mair,
			  u64 ttbr0, u64 virt_offset);

/* EL2 stage-1 tables: rooted in the boot tables, grown from the pool. */
static struct pt hv_pt;
static spinlock_t hv_pt_lock;

void arch_entry_save(struct per_cpu *pc, u64 sctlr, u64 tcr, u64 mair,
		     u64 ttbr0, u64 vbar, u64 virt_offset)
{
	pc->arch.saved.sctlr = sctlr;
	pc->arch.saved.tcr = tcr;
	pc->arch.saved.mair = mair;
	pc->arch.saved.ttbr0 = ttbr0;
	pc->arch.saved.vbar = vbar;
	/* saved here, not in arch_cpu_init(): a failed enable restores them too */
	pc->arch.saved.hcr = read_sysreg(hcr_el2);
	pc->arch.saved.vtcr = read_sysreg(vtcr_el2);
	pc->arch.saved.vttbr = read_sysreg(vttbr_el2);
	pc->arch.saved.mdcr = read_sysreg(mdcr_el2);
	hv_virt_offset = virt_offset;
	hv_header.stub_vectors = vbar;
}

u64 arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

static void hv_pt_flush(struct pt *pt, u64 va, u64 size)
{
	(void)pt;
	(void)va;
	(void)size;
	dsb(ishst);
	asm volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

int el2_map_device(paddr_t pa, u64 size)
{
	int err;

	spin_lock(&hv_pt_lock);
	err = pt_map(&hv_pt, pa, pa, ALIGN_UP(size, PAGE_SIZE),
		     PT_READ | PT_WRITE | PT_DEVICE);
	spin_unlock(&hv_pt_lock);
	return err;
}

/*
 * Each CPU maps guest memory at its own window (a 2 MiB aligned range of
 * GUEST_WINDOW_SIZE above the hypervisor's 1:1 and linked ranges), so
 * that one CPU's unmap never pulls memory from under another.
 */
#define GUEST_WINDOW_BASE	0xff0000000000ULL
#define GUEST_WINDOW_SIZE	(4ULL << 20)

void *el2_map_window(paddr_t pa, u64 size, bool blocks)
{
	u64 va = GUEST_WINDOW_BASE + this_cpu()->cpu_id * GUEST_WINDOW_SIZE;
	u64 off = pa & ~PAGE_MASK, len = ALIGN_UP(off + size, PAGE_SIZE);
	int err;

	if (!size || len > GUEST_WINDOW_SIZE)
		return NULL;
	spin_lock(&hv_pt_lock);
	err = pt_map(&hv_pt, va, pa & PAGE_MASK, len,
		     PT_READ | PT_WRITE | (blocks ? 0 : PT_NO_BLOCKS));
	spin_unlock(&hv_pt_lock);
	return err ? NULL : (void *)(unsigned long)(va + off);
}

void el2_unmap_window(paddr_t pa, u64 size)
{
	u64 va = GUEST_WINDOW_BASE + this_cpu()->cpu_id * GUEST_WINDOW_SIZE;

	spin_lock(&hv_pt_lock);
	pt_unmap(&hv_pt, va, ALIGN_UP((pa & ~PAGE_MASK) + size, PAGE_SIZE));
	spin_unlock(&hv_pt_lock);
}

void *arch_map_guest(paddr_t pa, u64 size)
{
	return size <= PAGE_SIZE ? el2_map_window(pa, size, false) : NULL;
}

void arch_unmap_guest(paddr_t pa, u64 size)
{
	el2_unmap_window(pa, size);
}

int arch_init_early(const struct cv_system_config *sys)
{
	int err;

	hv_pt.root = bootstrap_tables[0];
	hv_pt.start_level = 0;
	hv_pt.kind = PT_STAGE1_EL2;
	hv_pt.pool = &mem_pool;
	hv_pt.flush = hv_pt_flush;
	err = stage2_init();
	if (!err)
		err = gic_init(sys);
	return err ? err : vgic_init(sys);
}

int arch_cpu_init(struct per_cpu *pc)
{
	struct el2_saved *s = &pc->arch.saved;
	u64 mpidr = system_config->platform.cpu_mpidr[pc->cpu_id];
	int err;

	pc->arch.mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;

	err = gic_cpu_init(pc);
	if (err)
		return err;

	stage2_cpu_init(pc);
	write_sysreg(hcr_el2, s->hcr | HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO |
		     HCR_AMO | HCR_TSC | HCR_TSW | HCR_RW);
	isb();
	/* SGI routing and PSCI find CPUs by the config's MPIDRs: they must be right */
	if ((mpidr & MPIDR_AFF_MASK) != pc->arch.mpidr) {
		pr_err("CPU %u has MPIDR 0x%llx, config says 0x%llx\n", pc->cpu_id,
		       pc->arch.mpidr, mpidr);
		return -CV_EINVAL;
	}
	return 0;
}

void arch_cpu_activate(struct per_cpu *pc)
{
	struct registers *regs = guest_regs(pc);

	pc->arch.active = true;
	regs->x[0] = 0;
	arch_activate_frame(regs);
}

void arch_cpu_restore(struct per_cpu *pc, int result)
{
	struct el2_saved *s = &pc->arch.saved;
	struct registers *regs = guest_regs(pc);

	pc->arch.active = false;
	regs->x[0] = (u64)(s64)result;
	if (pc->arch.gicr)
		gic_cpu_shutdown(pc);
	write_sysreg(hcr_el2, s->hcr);
	write_sysreg(vttbr_el2, s->vttbr);
	write_sysreg(vtcr_el2, s->vtcr);
	write_sysreg(mdcr_el2, s->mdcr);
	isb();
	asm volatile("tlbi alle1" ::: "memory");
	dsb(nsh);
	write_sysreg(vbar_el2, s->vbar);
	isb();
	el2_leave(virt_to_phys(regs), s->sctlr, s->tcr, s->mair, s->ttbr0, hv_virt_offset);
}

void arch_cpu_halt(void)
{
	for (;;)
		wfi();
}

