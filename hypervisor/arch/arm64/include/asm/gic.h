/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3: physical CPU interface, list registers and the emulated registers. */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <cellvisor/config.h>
#include <hv/mmio.h>
#include <hv/types.h>

struct cell;
struct per_cpu;
struct cv_system_config;

#define SGI_INJECT		0	/* take the virtual IRQs posted to this CPU */
#define SGI_EVENT		1	/* look at the control mailbox */
/*
 * The EL2 physical timer's interrupt: INTID 26 wherever Arm's base system
 * architecture is followed (QEMU virt and the i.MX8M included). It only
 * bounds the sleep of a rendezvous (arch_wait_event()).
 */
#define PPI_HYP_TIMER		26

#define GICD_CTLR		0x0000
#define GICD_CTLR_ARE_NS	BIT(4)
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000
#define GICD_PIDR2		0xffe8
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		BIT(4)
#define GICR_SGI_BASE		0x10000
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x200)
#define GICR_ICPENDR0		(GICR_SGI_BASE + 0x280)
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x300)
#define GICR_ICACTIVER0		(GICR_SGI_BASE + 0x380)

extern volatile u8 *gicd_base;

/* Master: maps GICD and the redistributors, checks the GIC. */
int gic_init(const struct cv_system_config *sys);
/* Per CPU: finds its redistributor, seeds the virtual interface. */
int gic_cpu_init(struct per_cpu *pc);
/* Per CPU on the way out: hands pending IRQs back to the physical GIC. */
void gic_cpu_shutdown(struct per_cpu *pc);
/*
 * This CPU stops being its owner's (park): every virtual IRQ of the owner
 * is dropped, its physical ones deactivated, its timers and PPIs stopped.
 */
void gic_cpu_reset(struct per_cpu *pc);
/*
 * This CPU leaves the park loop for its (maybe new) owner: what other
 * CPUs posted to it meanwhile is dropped too.
 */
void gic_drop_posted(struct per_cpu *pc);
/* The CPU of each redistributor frame, by frame number (gic_cpu_init()). */
extern struct per_cpu *gic_frame_cpus[CV_MAX_CPUS];

/* The CPU whose redistributor frame is number @frame, or NULL. */
static inline struct per_cpu *gic_frame_cpu(unsigned int frame)
{
	return frame < CV_MAX_CPUS ? gic_frame_cpus[frame] : NULL;
}

/*
 * Makes INTID @irq pending in @target's virtual CPU interface: directly
 * on this CPU, posted lock-free and kicked (SGI_INJECT) for another; the
 * target takes it at its next exit and never waits for the sender.
 */
void gic_set_pending(struct per_cpu *target, u32 irq, bool hw);
/* Physical SGI @sgi to @target. */
void gic_send_sgi(struct per_cpu *target, unsigned int sgi);
/* Acknowledges and handles physical IRQs (lower-EL IRQ exit or parked). */
void gic_handle_irqs(struct per_cpu *pc, bool parked);

/* Master, after gic_init(): the emulation's view of the platform. */
int vgic_init(const struct cv_system_config *sys);
/*
 * A cell's trapped MMIO access: the GIC's registers found straight by
 * their address (its regions never move), the rest in the cell's region
 * table (mmio_dispatch()); every access checked against its register.
 */
enum mmio_result vgic_mmio_dispatch(struct cell *cell, struct mmio_access *acc);
/* The CPU of @cell whose MPIDR affinity is @mpidr, or NULL. */
struct per_cpu *cell_cpu_by_mpidr(struct cell *cell, u64 mpidr);
/* Emulation of trapped ICC_SGI1R_EL1 writes. */
void vgic_sgi1r_write(struct per_cpu *pc, u64 val);

/* ---- pure helpers (vgic-helpers.c and below; host-tested) ---- */

/*
 * The byte lanes (IPRIORITYR: 8 bits per IRQ) of a 32-bit register whose
 * first IRQ is @irq (a multiple of 4) that @bitmap owns.
 */
static inline u32 vgic_byte_mask(const u32 *bitmap, unsigned int irq)
{
	u32 bits = irq < CV_NUM_IRQS ? (bitmap[irq / 32] >> (irq % 32)) & 0xf : 0;

	/* bit n of the 4 -> byte n: spread to bits 0, 8, 16, 24, then fill */
	bits = (bits | (bits << 7) | (bits << 14) | (bits << 21)) & 0x01010101U;
	return bits * 0xff;
}

/* The 2-bit fields (ICFGR) of a register whose first IRQ is @irq (a multiple of 16). */
static inline u32 vgic_2bit_mask(const u32 *bitmap, unsigned int irq)
{
	u32 x = irq < CV_NUM_IRQS ? (bitmap[irq / 32] >> (irq % 32)) & 0xffff : 0;

	/* spread the 16 ownership bits to the even bits, then double each */
	x = (x | (x << 8)) & 0x00ff00ffU;
	x = (x | (x << 4)) & 0x0f0f0f0fU;
	x = (x | (x << 2)) & 0x33333333U;
	x = (x | (x << 1)) & 0x55555555U;
	return x | (x << 1);
}

/*
 * Where ICC_SGI1R_EL1 values go: the CPUs sorted by what selects them
 * (Aff3, Aff2, Aff1 and the range selector RS = Aff0 / 16), built once
 * from the system's MPIDRs.
 */
struct sgi_group {
	u64 key;			/* those SGI1R fields (SGI1R_KEY_MASK) */
	u64 mpidr;			/* the same as MPIDR affinity (Aff0 % 16 clear) */
	u16 present;			/* Aff0 % 16 of the CPUs there */
	u8 cpu[16];			/* their CPU ids, by Aff0 % 16 */
};

struct sgi_map {
	unsigned int groups;
	struct sgi_group group[CV_MAX_CPUS];
};

/* ICC_SGI1R_EL1's Aff3 55:48, RS 47:44, Aff2 39:32 and Aff1 23:16: a group. */
#define SGI1R_KEY_MASK		((0xffULL << 48) | (0xfULL << 44) | (0xffULL << 32) | \
				 (0xffULL << 16))

/* The group key of an MPIDR, in SGI1R_KEY_MASK's places. */
static inline u64 sgi_key(u64 mpidr)
{
	return (((mpidr >> 32) & 0xff) << 48) | (((mpidr & 0xff) / 16) << 44) |
	       (((mpidr >> 16) & 0xff) << 32) | (((mpidr >> 8) & 0xff) << 16);
}

void sgi_map_build(struct sgi_map *map, const u64 *mpidr, unsigned int ncpus);

/* The CPU with MPIDR affinity @mpidr (no other bit set), or -1. */
static inline int sgi_map_cpu(const struct sgi_map *map, u64 mpidr)
{
	const struct sgi_group *g = map->group, *end = g + map->groups;
	u64 group_mpidr = mpidr & ~0xfULL;

	for (; g < end; g++)
		if (g->mpidr == group_mpidr)
			return g->present & BIT(mpidr % 16) ? g->cpu[mpidr % 16] : -1;
	return -1;
}
/*
 * The CPUs (bit n: CPU n) an ICC_SGI1R_EL1 value written by CPU @self
 * reaches, among @allowed (the sender's cell): IRM = every allowed CPU
 * but the sender, else the target list of the group Aff3.Aff2.Aff1.RS
 * names. Targets outside @allowed are dropped.
 */
u64 sgi1r_targets(const struct sgi_map *map, u64 val, u64 allowed, unsigned int self);

/*
 * Virtual IRQs posted to a CPU: a bitmap of INTIDs any CPU may set and
 * only the owner takes, without locks. summary bit w says word w may
 * have bits; a poster sets the word, then the summary (release), the
 * owner takes the summary, then the words (acquire), so nothing posted
 * is lost and nobody waits.
 */
#define VIRQ_WORDS		(CV_NUM_IRQS / 64)

struct virq_set {
	u64 summary;
	u64 word[VIRQ_WORDS];
};

/* Any CPU: @irq pending in @s; true if @s was empty (its owner needs a kick). */
static inline bool virq_post(struct virq_set *s, unsigned int irq)
{
	__atomic_fetch_or(&s->word[irq / 64], BIT(irq % 64), __ATOMIC_RELAXED);
	return !__atomic_fetch_or(&s->summary, BIT(irq / 64), __ATOMIC_RELEASE);
}

/* The owner: the words with posts; then virq_take_word() each of them. */
static inline u64 virq_take_summary(struct virq_set *s)
{
	return __atomic_exchange_n(&s->summary, 0, __ATOMIC_ACQUIRE);
}

static inline u64 virq_take_word(struct virq_set *s, unsigned int w)
{
	return __atomic_exchange_n(&s->word[w], 0, __ATOMIC_ACQUIRE);
}

#endif /* _ASM_GIC_H */
