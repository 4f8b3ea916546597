// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 physical CPU interface at EL2: every physical IRQ is taken here
 * and handed to the guest through a list register. Device IRQs use HW=1
 * so the guest's deactivation reaches the physical IRQ (one exit per IRQ,
 * none for EOI). Virtual IRQs for another CPU (guest SGIs, the vUART's) are
 * posted to its lock-free set and taken there at its next exit, which an
 * SGI_INJECT brings about: no CPU ever waits for another here. IRQs that
 * find no free list register wait in a per-CPU set, drained on the
 * maintenance (underflow) IRQ.
 */
#include <asm/gic.h>
#include <asm/paging.h>
#include <asm/sysregs.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/cpu-control.h>
#include <hv/lib.h>
#include <hv/percpu.h>
#include <hv/printk.h>

#define ICH_HCR_EN		BIT(0)
#define ICH_HCR_UIE		BIT(1)
#define ICH_LR_VINTID_MASK	0xffffffffULL
#define ICH_LR_PINTID_SHIFT	32
#define ICH_LR_PRIO_SHIFT	48
#define ICH_LR_GROUP1		BIT(60)
#define ICH_LR_HW		BIT(61)
#define ICH_LR_PENDING		BIT(62)
#define ICH_LR_ACTIVE		BIT(63)
#define ICC_CTLR_EOIMODE	BIT(1)
#define ICC_CTLR_CBPR		BIT(0)
#define VIRQ_PRIORITY		0xa0ULL

volatile u8 *gicd_base;
static paddr_t gicr_base;
static u64 gicr_stride;
static unsigned int gicr_frames;
static unsigned int maintenance_irq;
struct per_cpu *gic_frame_cpus[CV_MAX_CPUS];

static u64 read_lr(unsigned int n)
{
	switch (n) {
	case 0: return read_sysreg(ich_lr0_el2);
	case 1: return read_sysreg(ich_lr1_el2);
	case 2: return read_sysreg(ich_lr2_el2);
	case 3: return read_sysreg(ich_lr3_el2);
	case 4: return read_sysreg(ich_lr4_el2);
	case 5: return read_sysreg(ich_lr5_el2);
	case 6: return read_sysreg(ich_lr6_el2);
	case 7: return read_sysreg(ich_lr7_el2);
	case 8: return read_sysreg(ich_lr8_el2);
	case 9: return read_sysreg(ich_lr9_el2);
	case 10: return read_sysreg(ich_lr10_el2);
	case 11: return read_sysreg(ich_lr11_el2);
	case 12: return read_sysreg(ich_lr12_el2);
	case 13: return read_sysreg(ich_lr13_el2);
	case 14: return read_sysreg(ich_lr14_el2);
	default: return read_sysreg(ich_lr15_el2);
	}
}

static void write_lr(unsigned int n, u64 v)
{
	switch (n) {
	case 0: write_sysreg(ich_lr0_el2, v); break;
	case 1: write_sysreg(ich_lr1_el2, v); break;
	case 2: write_sysreg(ich_lr2_el2, v); break;
	case 3: write_sysreg(ich_lr3_el2, v); break;
	case 4: write_sysreg(ich_lr4_el2, v); break;
	case 5: write_sysreg(ich_lr5_el2, v); break;
	case 6: write_sysreg(ich_lr6_el2, v); break;
	case 7: write_sysreg(ich_lr7_el2, v); break;
	case 8: write_sysreg(ich_lr8_el2, v); break;
	case 9: write_sysreg(ich_lr9_el2, v); break;
	case 10: write_sysreg(ich_lr10_el2, v); break;
	case 11: write_sysreg(ich_lr11_el2, v); break;
	case 12: write_sysreg(ich_lr12_el2, v); break;
	case 13: write_sysreg(ich_lr13_el2, v); break;
	case 14: write_sysreg(ich_lr14_el2, v); break;
	default: write_sysreg(ich_lr15_el2, v); break;
	}
}

static inline u32 mmio_read32(volatile u8 *base, u64 off)
{
	return *(volatile u32 *)(base + off);
}

static inline void mmio_write32(volatile u8 *base, u64 off, u32 v)
{
	*(volatile u32 *)(base + off) = v;
}

int gic_init(const struct cv_system_config *sys)
{
	const struct cv_platform *p = &sys->platform;
	u32 arch;
	int err;

	gicr_base = p->gicr_base;
	gicr_stride = p->gicr_stride;
	maintenance_irq = p->maintenance_irq;
	err = el2_map_device(p->gicd_base, 0x10000);
	if (!err)
		err = el2_map_device(p->gicr_base, gicr_stride * p->num_cpus);
	if (err)
		return err;
	gicd_base = (volatile u8 *)(unsigned long)p->gicd_base;
	arch = (mmio_read32(gicd_base, GICD_PIDR2) >> 4) & 0xf;
	if (arch != 3 && arch != 4) {
		pr_err("GICD at 0x%llx is not a GICv3/v4 (arch %u)\n", p->gicd_base, arch);
		return -CV_ENODEV;
	}
	if (!(mmio_read32(gicd_base, GICD_CTLR) & GICD_CTLR_ARE_NS)) {
		pr_err("GICD affinity routing is off\n");
		return -CV_ENODEV;
	}
	for (gicr_frames = 0; gicr_frames < p->num_cpus; gicr_frames++) {
		volatile u8 *f = (volatile u8 *)(unsigned long)(gicr_base + gicr_frames * gicr_stride);

		if (*(volatile u64 *)(f + GICR_TYPER) & GICR_TYPER_LAST) {
			gicr_frames++;
			break;
		}
	}
	return 0;
}

static u64 mpidr_to_aff32(u64 mpidr)
{
	return ((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff);
}

static int find_gicr(u64 mpidr)
{
	unsigned int i;

	for (i = 0; i < gicr_frames; i++) {
		volatile u8 *f = (volatile u8 *)(unsigned long)(gicr_base + i * gicr_stride);

		if ((*(volatile u64 *)(f + GICR_TYPER) >> 32) == mpidr_to_aff32(mpidr))
			return (int)i;
	}
	return -1;
}

static u32 hv_ppi_sgi_mask(void)
{
	return BIT(SGI_INJECT) | BIT(SGI_EVENT) | BIT(PPI_HYP_TIMER) | BIT(maintenance_irq);
}

static void inject_local(struct per_cpu *pc, u32 irq, bool hw);

/*
 * Linux enters from an IPI: the SGI of that IPI is still active (its
 * handler deactivates it when it returns, as the guest), and SGIs other
 * CPUs sent before they came may be pending. Physical SGIs 0 and 1 are
 * the hypervisor's from now on, so all of Linux's move to the virtual
 * interface: an active one into a list register, where the guest's
 * deactivation finds it, pending ones injected. Every CPU is here by now
 * (entry()), so no more come.
 */
static void take_linux_sgis(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	u32 pending = mmio_read32(a->gicr, GICR_ISPENDR0) & 0xffff;
	u32 active = mmio_read32(a->gicr, GICR_ISACTIVER0) & 0xffff;
	unsigned int lr;

	if (!(pending | active))
		return;		/* as on the CPU that sent the IPIs */
	mmio_write32(a->gicr, GICR_ICPENDR0, pending);
	mmio_write32(a->gicr, GICR_ICACTIVER0, active);
	for (lr = 0; active && BIT(lr) & a->lr_mask; active &= active - 1, lr++)
		write_lr(lr, __builtin_ctz(active) | ICH_LR_GROUP1 | ICH_LR_ACTIVE |
			 (VIRQ_PRIORITY << ICH_LR_PRIO_SHIFT));
	for (; pending; pending &= pending - 1)
		inject_local(pc, __builtin_ctz(pending), false);
}

int gic_cpu_init(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	u64 pmr, ctlr, vmcr;
	unsigned int i, num_lrs;
	int frame = find_gicr(pc->arch.mpidr);

	if (frame < 0) {
		pr_err("CPU %u: no redistributor for MPIDR 0x%llx\n", pc->cpu_id, pc->arch.mpidr);
		return -CV_ENODEV;
	}
	a->gicr = (volatile u8 *)(unsigned long)(gicr_base + (u64)frame * gicr_stride);
	a->gicr_phys = (paddr_t)(unsigned long)a->gicr;
	gic_frame_cpus[frame] = pc;
	num_lrs = (read_sysreg(ich_vtr_el2) & 0x1f) + 1;
	/*
	 * The underflow IRQ fires while at most one LR is valid: with a single
	 * LR it would never stop while that LR is in use.
	 */
	if (num_lrs < 2) {
		pr_err("CPU %u: GIC has %u list register(s), 2 needed\n", pc->cpu_id, num_lrs);
		return -CV_ENODEV;
	}
	a->lr_mask = BIT(num_lrs) - 1;
	a->saved.ich_hcr = read_sysreg(ich_hcr_el2);
	a->saved.ich_vmcr = read_sysreg(ich_vmcr_el2);
	a->saved.gicr_enable = mmio_read32(a->gicr, GICR_ISENABLER0) & hv_ppi_sgi_mask();
	for (i = 0; i < num_lrs; i++)
		write_lr(i, 0);
	write_sysreg(ich_ap1r0_el2, 0);

	/* The guest keeps the CPU interface state Linux programmed. */
	pmr = read_sysreg(icc_pmr_el1);
	ctlr = read_sysreg(icc_ctlr_el1);
	vmcr = ((pmr & 0xff) << 24) | ((read_sysreg(icc_bpr1_el1) & 7) << 18) |
	       ((ctlr & ICC_CTLR_EOIMODE) ? BIT(9) : 0) |
	       ((ctlr & ICC_CTLR_CBPR) ? BIT(4) : 0) |
	       ((read_sysreg(icc_igrpen1_el1) & 1) << 1);
	write_sysreg(ich_vmcr_el2, vmcr);

	/* EL2 drops priority on EOIR; the guest (HW=1) deactivates. */
	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);
	write_sysreg(icc_pmr_el1, 0xf0);
	write_sysreg(icc_igrpen1_el1, 1);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	take_linux_sgis(pc);
	mmio_write32(a->gicr, GICR_ISENABLER0, hv_ppi_sgi_mask());
	isb();
	return 0;
}

/* Sets @irq pending again in the physical distributor/redistributor. */
static void repend_physical(struct per_cpu *pc, u32 irq)
{
	if (irq < 16)
		gic_send_sgi(pc, irq);
	else if (irq < 32)
		mmio_write32(pc->arch.gicr, GICR_ISPENDR0, 1U << irq);
	else
		mmio_write32(gicd_base, GICD_ISPENDR + (irq / 32) * 4, 1U << (irq % 32));
}

/*
 * Empties a set of virtual IRQs of this CPU: @fn gets each, and whether it
 * is a physical one (@hw_words, if given, says which are).
 */
static void drain_set(struct per_cpu *pc, struct virq_set *s, u64 *hw_words,
		      void (*fn)(struct per_cpu *pc, u32 irq, bool hw))
{
	u64 words = virq_take_summary(s);

	for (; words; words &= words - 1) {
		unsigned int w = __builtin_ctzll(words);
		u64 bits = virq_take_word(s, w), hw = 0;

		if (hw_words) {
			hw = hw_words[w];
			hw_words[w] = 0;
		}
		for (; bits; bits &= bits - 1) {
			unsigned int b = __builtin_ctzll(bits);

			fn(pc, w * 64 + b, hw & BIT(b));
		}
	}
}

static void handback(struct per_cpu *pc, u32 irq, bool hw)
{
	repend_physical(pc, irq);
	if (hw)
		write_sysreg(icc_dir_el1, irq);
}

static void deactivate_hw(struct per_cpu *pc, u32 irq, bool hw)
{
	(void)pc;
	if (hw)
		write_sysreg(icc_dir_el1, irq);
}

void gic_cpu_shutdown(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	u64 vmcr = read_sysreg(ich_vmcr_el2), ctlr, lrs;

	for (lrs = a->lr_mask; lrs; lrs &= lrs - 1) {
		unsigned int i = __builtin_ctzll(lrs);
		u64 lr = read_lr(i);

		if (lr & ICH_LR_PENDING)
			handback(pc, lr & ICH_LR_VINTID_MASK, lr & ICH_LR_HW);
		/* the SGI of the IPI Linux leaves from: its handler deactivates it */
		if ((lr & (ICH_LR_ACTIVE | ICH_LR_HW)) == ICH_LR_ACTIVE && (u32)lr < 16)
			mmio_write32(a->gicr, GICR_ISACTIVER0, BIT((u32)lr));
		write_lr(i, 0);
	}
	drain_set(pc, &a->waiting, a->waiting_hw, handback);
	drain_set(pc, &a->posted, NULL, handback);
	write_sysreg(ich_hcr_el2, a->saved.ich_hcr);
	write_sysreg(ich_vmcr_el2, a->saved.ich_vmcr);
	mmio_write32(a->gicr, GICR_ICENABLER0, hv_ppi_sgi_mask() & ~a->saved.gicr_enable);

	/* Give the physical interface the state the guest last set. */
	write_sysreg(icc_pmr_el1, vmcr >> 24);
	write_sysreg(icc_bpr1_el1, (vmcr >> 18) & 7);
	ctlr = read_sysreg(icc_ctlr_el1) & ~(ICC_CTLR_EOIMODE | ICC_CTLR_CBPR);
	if (vmcr & BIT(9))
		ctlr |= ICC_CTLR_EOIMODE;
	if (vmcr & BIT(4))
		ctlr |= ICC_CTLR_CBPR;
	write_sysreg(icc_ctlr_el1, ctlr);
	write_sysreg(icc_igrpen1_el1, (vmcr >> 1) & 1);
	isb();
}

void gic_drop_posted(struct per_cpu *pc)
{
	drain_set(pc, &pc->arch.posted, NULL, deactivate_hw);
}

void gic_cpu_reset(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	u32 ppis = 0xffff0000U & ~hv_ppi_sgi_mask();
	u64 lrs;

	for (lrs = a->lr_mask; lrs; lrs &= lrs - 1) {
		unsigned int i = __builtin_ctzll(lrs);
		u64 lr = read_lr(i);

		if ((lr & ICH_LR_HW) && (lr & (ICH_LR_PENDING | ICH_LR_ACTIVE)))
			write_sysreg(icc_dir_el1, (lr >> ICH_LR_PINTID_SHIFT) & 0x1fff);
		write_lr(i, 0);
	}
	drain_set(pc, &a->waiting, a->waiting_hw, deactivate_hw);
	gic_drop_posted(pc);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	write_sysreg(ich_ap1r0_el2, 0);
	/* priority mask, group enables, binary points: the next owner sets its own */
	write_sysreg(ich_vmcr_el2, 0);
	/*
	 * The next owner of this CPU starts clean: EL1 timers stopped, PPIs
	 * disabled, not pending and inactive (Linux and inmates enable what
	 * they use).
	 */
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	isb();
	mmio_write32(a->gicr, GICR_ICENABLER0, ppis);
	mmio_write32(a->gicr, GICR_ICPENDR0, ppis);
	mmio_write32(a->gicr, GICR_ICACTIVER0, ppis);
}

/*
 * Puts @irq into a free list register of this CPU (ELRSR says which are
 * free); false if none is. A virtual IRQ still in a list register (an SGI
 * the guest has not finished) becomes pending there again.
 */
static inline __attribute__((always_inline)) bool lr_inject(struct arch_per_cpu *a, u32 irq,
							     bool hw)
{
	u64 empty = read_sysreg(ich_elrsr_el2) & a->lr_mask, used, lr;

	if (!hw) {
		for (used = a->lr_mask & ~empty; used; used &= used - 1) {
			unsigned int i = __builtin_ctzll(used);

			lr = read_lr(i);
			if ((u32)lr != irq)
				continue;
			if (!(lr & ICH_LR_PENDING))
				write_lr(i, lr | ICH_LR_PENDING);
			return true;
		}
	}
	if (!empty)
		return false;
	lr = irq | ICH_LR_GROUP1 | ICH_LR_PENDING | (VIRQ_PRIORITY << ICH_LR_PRIO_SHIFT);
	if (hw)
		lr |= ICH_LR_HW | ((u64)irq << ICH_LR_PINTID_SHIFT);
	write_lr(__builtin_ctzll(empty), lr);
	return true;
}

/* Injects on this CPU; with no free list register, @irq waits (underflow IRQ). */
static void inject_local(struct per_cpu *pc, u32 irq, bool hw)
{
	struct arch_per_cpu *a = &pc->arch;

	if (lr_inject(a, irq, hw))
		return;
	a->waiting.word[irq / 64] |= BIT(irq % 64);
	a->waiting.summary |= BIT(irq / 64);
	if (hw)
		a->waiting_hw[irq / 64] |= BIT(irq % 64);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN | ICH_HCR_UIE);
}

/* The waiting IRQs into free list registers; no underflow IRQ once none waits. */
static void flush_waiting(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	u64 words = a->waiting.summary;

	for (; words; words &= words - 1) {
		unsigned int w = __builtin_ctzll(words);
		u64 bits = a->waiting.word[w];

		for (; bits; bits &= bits - 1) {
			unsigned int b = __builtin_ctzll(bits);

			if (!lr_inject(a, w * 64 + b, a->waiting_hw[w] & BIT(b)))
				return;
			a->waiting.word[w] &= ~BIT(b);
			a->waiting_hw[w] &= ~BIT(b);
		}
		a->waiting.summary &= ~BIT(w);
	}
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
}

/*
 * What other CPUs posted to this one (on SGI_INJECT). Out of line: the
 * rarer path, and the probe make bench tells these exits apart by.
 */
static __attribute__((noinline)) void gic_take_posted(struct per_cpu *pc)
{
	struct virq_set *s = &pc->arch.posted;
	u64 words = virq_take_summary(s);

	for (; words; words &= words - 1) {
		unsigned int w = __builtin_ctzll(words);
		u64 bits = virq_take_word(s, w);

		for (; bits; bits &= bits - 1)
			inject_local(pc, w * 64 + __builtin_ctzll(bits), false);
	}
}

void arch_irq_route(unsigned int irq, struct per_cpu *target)
{
	if (irq < 32 || irq >= 1020)
		return;
	mmio_write32(gicd_base, GICD_ICENABLER + (irq / 32) * 4, 1U << (irq % 32));
	*(volatile u64 *)(gicd_base + GICD_IROUTER + irq * 8) = target->arch.mpidr;
}

void arch_inject_virq(struct per_cpu *target, unsigned int irq)
{
	gic_set_pending(target, irq, false);
}

void arch_irq_raise(unsigned int irq)
{
	if (irq < 32 || irq >= 1020)
		return;
	dsb(ish);
	mmio_write32(gicd_base, GICD_ISPENDR + (irq / 32) * 4, 1U << (irq % 32));
}

void gic_send_sgi(struct per_cpu *target, unsigned int sgi)
{
	u64 m = target->arch.mpidr;
	u64 aff0 = m & 0xff;
	u64 v = ((m >> 32) & 0xff) << 48 | ((m >> 16) & 0xff) << 32 |
		((m >> 8) & 0xff) << 16 | (u64)sgi << 24 | (aff0 / 16) << 44 |
		BIT(aff0 % 16);

	dsb(ish);
	write_sysreg(icc_sgi1r_el1, v);
	isb();
}

/*
 * WFI wakes on any pending physical interrupt, masked or not: an event
 * SGI, the guest's own interrupts, or the EL2 timer (PPI_HYP_TIMER, the
 * hypervisor's since enable). None of them is taken here; they stay
 * pending for whoever runs next.
 */
void arch_wait_event(void)
{
	wfi();
}

/*
 * While a CPU waits, its guest's virtual interrupts must not end the
 * sleep: QEMU wakes a WFI for them even at EL2, and the guest that came
 * by IPI has dropped its running priority already. So the virtual CPU
 * interface is off for as long as a deadline is set (the list registers
 * keep their state); the guest runs with it on, always.
 */
void arch_wait_deadline(u64 deadline)
{
	u64 hcr = read_sysreg(ich_hcr_el2);

	if (deadline) {
		write_sysreg(cnthp_cval_el2, deadline);
		write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
		write_sysreg(ich_hcr_el2, hcr & ~ICH_HCR_EN);
	} else {
		write_sysreg(cnthp_ctl_el2, 0);
		write_sysreg(ich_hcr_el2, hcr | ICH_HCR_EN);
	}
	isb();
}

void gic_set_pending(struct per_cpu *target, u32 irq, bool hw)
{
	if (target == this_cpu())
		inject_local(target, irq, hw);
	else if (virq_post(&target->arch.posted, irq))
		gic_send_sgi(target, SGI_INJECT);	/* else a kick is on its way */
}

static void eoi_and_deactivate(u32 irq)
{
	write_sysreg(icc_eoir1_el1, irq);
	write_sysreg(icc_dir_el1, irq);
}

/*
 * The hypervisor's own interrupts, and those a parked CPU or a stranger
 * gets; out of line, so the device IRQ path stays short.
 */
static __attribute__((noinline)) void handle_other(struct per_cpu *pc, u32 irq, bool parked,
						   bool first)
{
	enum cv_stat kind = irq == SGI_INJECT ? CV_STAT_EXITS_VSGI :
			    irq == maintenance_irq ? CV_STAT_EXITS_MAINTENANCE :
			    irq < 16 && irq != SGI_EVENT && !parked ? CV_STAT_EXITS_VSGI :
			    CV_STAT_EXITS_MANAGEMENT;

	if (first)
		stat_inc(pc, kind);
	eoi_and_deactivate(irq);
	if (parked)
		return;
	if (irq == SGI_INJECT)
		gic_take_posted(pc);
	else if (irq == maintenance_irq)
		flush_waiting(pc);
	else if (irq == SGI_EVENT && cpu_take_park_request(pc))
		arch_park_cpu(pc);
	else if (irq < 16)
		/* a physical SGI Linux sent before the hypervisor came */
		inject_local(pc, irq, false);
}

void gic_handle_irqs(struct per_cpu *pc, bool parked)
{
	bool first = true;

	for (;;) {
		u32 irq = read_sysreg(icc_iar1_el1) & 0xffffff;

		if (irq >= 1020)
			break;
		if (irq >= 16 && irq != maintenance_irq && !parked &&
		    cell_owns_irq(pc->cell, irq)) {
			/* a device's or a timer's: the guest deactivates it (HW=1) */
			if (first)
				stat_inc(pc, CV_STAT_EXITS_VIRQ);
			write_sysreg(icc_eoir1_el1, irq);
			inject_local(pc, irq, true);
		} else {
			handle_other(pc, irq, parked, first);
		}
		first = false;
	}
}
