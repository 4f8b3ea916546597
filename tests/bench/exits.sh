#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Benchmark (make bench): the root's exits to the hypervisor, one workload
# after the other, while QEMU counts the hypervisor's instructions per exit
# (tests/bench/el2prof.c; tests/bench/run loads it and tables the counts):
#   - an idle root: timer interrupts injected
#   - CV_CPU_STATS ioctls: CPU_GET_INFO hypercalls
#   - each emulated GICD/GICR register read and rewritten by the root
#     kernel (cvmmio.ko)
#   - CPU 2 taken offline and online again: PSCI CPU_OFF, AFFINITY_INFO,
#     CPU_ON
#   - a 60 s IPI storm: guest IPIs (trapped ICC_SGI1R_EL1) on every CPU
# Where each workload starts is marked for the counter, and said by an
# "# el2-mark: LABEL" line, in order. The checks only say that each
# workload ran; the counts are the result.
# bench-needs: el2prof
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
CVBENCH=/usr/lib/cellvisor/tests/cvbench
CVMMIO=/usr/lib/cellvisor/tests/cvmmio.ko
plan 9

# workload DESCRIPTION COMMAND...: one test; the command's output as diagnostics.
workload() {
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | sed 's/^/# /'
	if [ $rc = 0 ]; then pass "$desc"; else fail "$desc"; fi
}

check "system config compiles" hv_system_blob /tmp/sys.bin
modprobe cellvisor
check "enable" $CVTOOL enable /tmp/sys.bin
warn0=$(hv_warnings | wc -l)
workload "idle root, 5 s" sh -c "$CVBENCH mark 'idle root' && sleep 5"
workload "CPU_GET_INFO hypercalls" $CVBENCH hvc 500
# the GIC's addresses from the system config the hypervisor got
sys=/usr/share/cellvisor/configs/qemu-arm64/system.yaml
gicd=$(sed -n 's/^ *gicd: *\(0x[0-9a-f]*\).*/\1/p' $sys)
gicr=$(sed -n 's/^ *gicr: *\(0x[0-9a-f]*\).*/\1/p' $sys)
# CPU 1's redistributor: RD frame, then SGI frame (QEMU virt: frames in CPU order)
rd=$((gicr + 0x20000)) sgi=$((gicr + 0x30000))
# gic_reg NAME ADDRESS WIDTH WRITES: 200 reads on CPU 1, then 200 writes
# of the value read ("zero": of 0; "no": none) - nothing changes for the root
gic_reg() {
	local args="phys=$2 width=$3 reads=200" out
	diag "el2-mark: $1 read"
	if [ "$4" != no ]; then
		diag "el2-mark: $1 write"
		args="$args writes=200"
		[ "$4" = zero ] && args="$args zero=1"
	fi
	taskset -c 1 insmod $CVMMIO $args 2> /dev/null
	dmesg | grep -q "cvmmio: $(printf '0x%x' $2): 200 reads"
}
gic_regs() {
	gic_reg GICD_CTLR $gicd 4 yes &&
	gic_reg GICD_TYPER $((gicd + 0x4)) 4 no &&
	gic_reg GICD_ISENABLER1 $((gicd + 0x104)) 4 yes &&
	gic_reg GICD_ICENABLER1 $((gicd + 0x184)) 4 zero &&
	gic_reg GICD_IPRIORITYR8 $((gicd + 0x420)) 4 yes &&
	gic_reg GICD_ICFGR2 $((gicd + 0xc08)) 4 yes &&
	gic_reg GICD_IROUTER33 $((gicd + 0x6108)) 8 yes &&
	gic_reg GICR_CTLR $rd 4 yes &&
	gic_reg GICR_TYPER $((rd + 0x8)) 8 no &&
	gic_reg GICR_WAKER $((rd + 0x14)) 4 yes &&
	gic_reg GICR_ISENABLER0 $((sgi + 0x100)) 4 yes &&
	gic_reg GICR_IPRIORITYR0 $((sgi + 0x400)) 4 yes &&
	gic_reg GICR_ICFGR1 $((sgi + 0xc04)) 4 yes
}
if gic_regs; then pass "GIC registers read and rewritten by the root kernel"; else fail "GIC registers read and rewritten by the root kernel"; fi
cpu_cycles() {
	local i
	$CVBENCH mark "CPU 2 offline/online" || return 1
	for i in 1 2 3 4 5; do
		echo 0 > /sys/devices/system/cpu/cpu2/online &&
			echo 1 > /sys/devices/system/cpu/cpu2/online || return 1
	done
}
workload "CPU 2 offline and online, 5 times (PSCI)" cpu_cycles
workload "IPI storm, 60 s" $CVBENCH ipi 60
$CVBENCH mark end > /dev/null
new=$(hv_warnings | tail -n +$((warn0 + 1)))
printf '%s\n' "$new" | sed '/^$/d; s/^/#   /'
check "the kernel had nothing to warn about" test -z "$new"
check "disable" $CVTOOL disable
