#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Attacks on the interrupt controller emulation and the trap paths
# (docs/security.md lists them). gic-demo runs on CPU 3 the whole time as
# the victim; each attack is a fault inmate (inmates/faults/, its first
# comment says what it tries) in a cell on CPU 2, or on CPUs 1-2:
#   - accesses to GICD, GICR and the vUART that no register takes
#     (unaligned, oversized, straddling, past the end): the cell fails with
#     a data abort recorded, the hypervisor and the device are untouched;
#   - registers a cell must not change (distributor off, group 0, LPIs,
#     redistributor asleep, its SPI routed away), another CPU's
#     redistributor, SGIs by every routing mode, PSCI CPU_ON at entry
#     points the cell may not run, SMCs for the firmware, set/way cache
#     maintenance: refused, the cell runs on;
#   - SGIs left for a parked CPU: gone when Linux gets the CPU back.
# (A foreign hypercall immediate and a cell spinning with everything
# masked are hv-attacks-mem's.)
# After each: gic-demo keeps ticking and saw nothing stray, the root's
# CPUs saw no stray IPI, and at the end the kernel had nothing to warn
# about.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 51

cell_yaml() {	# cell_yaml NAME CPUS [EXTRA YAML]
	cat <<EOF
kind: cell
name: $1
cpus: $2
virtual-console: active
memory:
  - { phys: 0x7f900000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }
$3
EOF
}
compile_configs() {
	cell_yaml attacker 2 "irqs: 64" > /tmp/attacker.yaml &&
	cell_yaml attacker-uart 2 "irqs: 64
vuart: { base: 0x09000000, irq: 64 }" > /tmp/attacker-uart.yaml &&
	cell_yaml attacker-2cpu 1-2 > /tmp/attacker-2cpu.yaml &&
	hv_system_blob /tmp/sys.bin &&
	cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o /tmp/gic.bin &&
	for c in attacker attacker-uart attacker-2cpu; do
		cellctl config compile /tmp/$c.yaml -o /tmp/$c.bin || return 1
	done
}
check "configs compile (system, gic-demo, attackers on CPU 2 and CPUs 1-2)" compile_configs
modprobe cellvisor
check "enable" $CVTOOL enable /tmp/sys.bin
warn0=$(hv_warnings | wc -l)
gid=$($CVTOOL create /tmp/gic.bin) && $CVTOOL load $gid $INM/gic-demo.bin@0 && $CVTOOL start $gid
ticked() { [ "$(timer_lines $1)" -ge 5 ]; }
check "gic-demo runs on CPU 3 (id $gid)" wait_for 10 ticked $gid

# attack IMAGE [CMDLINE [CONFIG]]: IMAGE in a new cell (CONFIG: attacker)
# until it printed its second line or failed; $info and $con hold its
# cellinfo and console. The cell stays until `finish`.
gic_virqs() { hv_field virq $($CVTOOL stats 3); }
said_or_failed() { $CVTOOL cellinfo $aid | grep -q ' state=3 ' || $CVTOOL cellconsole $aid | grep -q "^$1:"; }
attack() {
	local args=()
	virq_before=$(gic_virqs)
	[ -n "$2" ] && { printf '%s\0' "$2" > /tmp/cmdline; args=(/tmp/cmdline@0x1000); }
	aid=$($CVTOOL create /tmp/${3:-attacker}.bin) &&
		$CVTOOL load $aid $INM/$1.bin@0 "${args[@]}" && $CVTOOL start $aid || return 1
	wait_for 10 said_or_failed "$1"
	sleep 2
	info=$($CVTOOL cellinfo $aid)
	con=$($CVTOOL cellconsole $aid)
	printf '%s\n' "$con" | tail -n 2 | sed 's/^/#   /'
}
# finish [ONLINE]: destroy the attacker; Linux has the CPUs ONLINE again.
finish() { $CVTOOL destroy $aid && [ "$(cat /sys/devices/system/cpu/online)" = "${1:-0-2}" ]; }
# bystanders_ok: gic-demo kept getting its timer IRQs and nothing else.
bystanders_ok() {
	[ "$(gic_virqs)" -gt "$((virq_before + 5))" ] && ! $CVTOOL cellconsole $gid | grep -q 'spurious' &&
		$CVTOOL cellinfo $gid | grep -q 'state=0 cpus=0x8 failed=0x0'
}
alive_beats() { printf '%s\n' "$con" | grep -c '^alive'; }
finish_ok() { finish && bystanders_ok; }	# destroyed, and gic-demo undisturbed
running() { $CVTOOL cellinfo $aid | grep -q "state=0 cpus=$1 failed=0x0"; }

# --- accesses no register takes: the cell fails, the access recorded ---
gicd=0x8000000 vuart=0x9000000
gicr2=$((0x080a0000 + 2 * 0x20000))	# CPU 2's redistributor
# bad_access DESCRIPTION DEV OFF SIZE WRITE IPA [CONFIG]
bad_access() {
	attack fault-mmio-bad "dev=$2 off=$3 size=$4 write=$5" ${7:-attacker}
	check_output "$1: the cell failed, data abort at IPA $(printf 0x%x $6)" \
		"state=3 cpus=0x4 failed=0x4 reason=1 .*ipa=$(printf 0x%x $6) " echo "$info"
	check "  destroyed, CPU 2 back; gic-demo undisturbed" finish_ok
}
bad_access "GICD: 32-bit load running past the distributor" gicd 0xfffe 4 0 $((gicd + 0xfffe))
bad_access "GICD: unaligned 32-bit store into IPRIORITYR" gicd 0x402 4 1 $((gicd + 0x402))
bad_access "GICD: 64-bit load of two ISENABLERs" gicd 0x100 8 0 $((gicd + 0x100))
bad_access "GICD: 64-bit store straddling two IROUTERs" gicd 0x6104 8 1 $((gicd + 0x6104))
bad_access "GICD: byte store to ISENABLER1" gicd 0x104 1 1 $((gicd + 0x104))
bad_access "GICR: unaligned store into its CTLR" gicr 0x2 4 1 $((gicr2 + 0x2))
bad_access "GICR: 64-bit load over STATUSR and WAKER" gicr 0x10 8 0 $((gicr2 + 0x10))
bad_access "vUART: 64-bit load of DR" vuart 0x0 8 0 $vuart attacker-uart
bad_access "vUART: byte store inside DR, not at its offset" vuart 0x1 1 1 $((vuart + 1)) attacker-uart
bad_access "vUART: 32-bit load running past its page" vuart 0xffe 4 0 $((vuart + 0xffe)) attacker-uart

# --- registers a cell must not change: ignored, the cell runs on ---
attack fault-gic-fixed "spi=64"
check_output "distributor off, group 0, LPIs on, redistributor asleep, SPI to IRM/CPU 0: all read back fixed" \
	'GICD_CTLR 0x[0-9a-f]*[1-9a-f][0-9a-f]* IGROUPR 0x1 IGRPMODR 0x0 GICR_CTLR 0x0 WAKER 0x0 PROPBASER 0x0 IGROUPR0 0xf9fffffc IROUTER self' \
	echo "$con"
b0=$(alive_beats); sleep 2; con=$($CVTOOL cellconsole $aid)
beats_on() { [ "$(alive_beats)" -gt "$b0" ] && running 0x4; }
check "  its own timer still ticks (beats $b0 -> $(alive_beats)), running" beats_on
check "  destroyed; gic-demo undisturbed" finish_ok

# --- another CPU's redistributor: gic-demo's, then root CPU 0's ---
attack fault-gicr-foreign "mpidr=3"
check_output "gic-demo's redistributor: reads as zero, writes dropped" \
	'ISENABLER0 reads 0x0, IPRIORITYR6 0x0, WAKER 0x0' echo "$con"
check "  gic-demo keeps ticking, nothing stray; destroyed" finish_ok
timer0() { hv_nth 1 $(hv_irqs arch_timer); }
t0=$(timer0)
attack fault-gicr-foreign "mpidr=0"
sleep 1
check_output "root CPU 0's redistributor: reads as zero, writes dropped" \
	'ISENABLER0 reads 0x0, IPRIORITYR6 0x0, WAKER 0x0' echo "$con"
t1=$(timer0)
timer_on() { [ "$t1" -gt "$t0" ] && finish; }
check "  CPU 0's timer interrupts still come ($t0 -> $t1); destroyed" timer_on

# --- SGIs outside the cell, by every routing mode ---
ipi6() { local l; l=$(grep -m1 '^ *IPI6:' /proc/interrupts); set -- $l; echo "$2 $3"; }
i0=$(ipi6)
attack fault-sgi-modes "sgi=6"
check_output "IRM, target list, RS 1-15, Aff1/2/3, ASGI1R, SGI0R: sent, the cell runs on" \
	'fault-sgi-modes: done' echo "$con"
check "  root CPUs 0 and 1 saw no SGI 6 (IPI6 $i0 -> $(ipi6))" test "$(ipi6)" = "$i0"
check_output "  the sender's own CPU got its target-list SGI 6 (in-cell delivery works)" \
	'^IRQ 6' echo "$con"
check "  gic-demo saw none of them; destroyed" finish_ok

# --- PSCI CPU_ON of the cell's own CPU 2 at entry points it may not run ---
for entry in 0x40000000 0x1002 0x7fc00000; do
	attack fault-psci-cpu-on "mpidr=2 entry=$entry" attacker-2cpu
	check_output "CPU_ON at $entry: INVALID_ADDRESS, the CPU stays off" \
		'CPU_ON returned -9 \(INVALID_ADDRESS\); AFFINITY_INFO 1' echo "$con"
	check "  destroyed, CPUs 1-2 back" finish 0-2
done

# --- SMCs for the firmware ---
attack fault-smc-unknown
check_output "SMCCC, SiP, trusted OS, unemulated PSCI, smc #1: all NOT_SUPPORTED" \
	'fault-smc-unknown: 10 of 10 refused' echo "$con"
running_then_finish() { running 0x4 && finish; }
check "  running; destroyed" running_then_finish

# --- cache maintenance by set/way ---
attack fault-dc-setway
ops=$(printf '%s\n' "$con" | sed -n 's/.*: \([0-9]*\) set\/way operations.*/\1/p')
sysreg=$(hv_field sysreg $($CVTOOL stats 2))
setway_trapped() { [ -n "$ops" ] && [ "$ops" -gt 0 ] && [ "$sysreg" -ge "$ops" ] && running 0x4; }
check "DC ISW/CSW/CISW: each trapped ($ops operations, $sysreg sysreg exits), running" setway_trapped
check "  destroyed; gic-demo undisturbed" finish_ok

# --- SGIs left pending for a parked CPU, then Linux gets it ---
attack fault-sgi-stale "mpidr=2" attacker-2cpu
check_output "SGIs 0-15 sent 100 times to the cell's parked CPU 2" 'AFFINITY_INFO 1 ' echo "$con"
stops=$(dmesg | grep -c 'stopping')
check "  destroyed: Linux has CPUs 1 and 2 again" finish 0-2
sleep 1
no_stale() { taskset -c 1 true && taskset -c 2 true && [ "$(dmesg | grep -c 'stopping')" = "$stops" ]; }
check "  and both run tasks, none stopped by a stale IPI" no_stale

# --- all of it: the victim and the root ---
check "gic-demo ticked through all of it" bystanders_ok
check "destroy gic-demo; every CPU back" sh -c \
	"$CVTOOL destroy $gid && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
new=$(hv_warnings | tail -n +$((warn0 + 1)))
printf '%s\n' "$new" | sed '/^$/d; s/^/#   /'
check "the kernel had nothing to warn about through all of it" test -z "$new"
check "disable" $CVTOOL disable
