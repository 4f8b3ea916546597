#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Isolation attacks on memory, state hand-over and the root's hypercalls
# (docs/security.md lists them all). gic-demo runs on CPU 3 the whole time
# as the victim; each attack runs in an attacker cell on CPU 2, or from
# the root through raw hypercalls (cvhc.ko, past every check of
# cellvisor.ko). For each: the cell ends failed or the request is
# refused, the victim keeps printing, the root's kernel has no new
# warning, nothing hangs.
#
# The attacker's RAM is at IPA 0 (its image) plus a 64 KiB window mapped
# at its own physical address, so the addresses it probes are the real
# physical addresses of what lies around and beyond: root memory with a
# marker the root put there, gic-demo's RAM, the hypervisor, a page
# Linux uses.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 44

CVHC=/usr/lib/cellvisor/tests/cvhc.ko
WINDOW=0x7f880000 BELOW=0x7f87f000 ABOVE=0x7f890000
GIC_RAM=0x7fa00000 HV_MEM=0x7fc00000 MARK=0x5ec2e7ab00000002

cat > /tmp/attacker.yaml <<EOF
kind: cell
name: attacker
cpus: 2
virtual-console: active
memory:
  - { phys: 0x7f800000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }
  - { phys: $WINDOW, virt: $WINDOW, size: 64K, flags: [read, write] }
EOF
# the leak test: RAM at IPA 0 and a 16 MiB data region (inmates/faults/leak.h)
cat > /tmp/leaky.yaml <<'EOF'
kind: cell
name: leaky
cpus: 2
virtual-console: active
memory:
  - { phys: 0x7f800000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }
  - { phys: 0x70000000, virt: 0x10000000, size: 16M, flags: [read, write] }
EOF
compile_configs() {
	hv_system_blob /tmp/sys.bin &&
		cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o /tmp/gic.bin &&
		cellctl config compile /tmp/attacker.yaml -o /tmp/attacker.bin &&
		cellctl config compile /tmp/leaky.yaml -o /tmp/leaky.bin
}
check "configs compile (system, gic-demo, attacker and leaky on CPU 2)" compile_configs
modprobe cellvisor && insmod $CVHC
check "enable" $CVTOOL enable /tmp/sys.bin
warn0=$(hv_warnings | wc -l)

gid=$($CVTOOL create /tmp/gic.bin) && $CVTOOL load $gid $INM/gic-demo.bin@0 && $CVTOOL start $gid
ticked() { [ "$(timer_lines $1)" -ge 5 ]; }
check "the victim, gic-demo, runs on CPU 3 (id $gid)" wait_for 10 ticked $gid
gic_virqs() { hv_field virq $($CVTOOL stats 3); }
victim_ok() {	# gic-demo got its timer IRQs since $virq_before and runs unfailed
	[ "$(gic_virqs)" -gt "$((virq_before + 10))" ] &&
		$CVTOOL cellinfo $gid | grep -q 'state=0 cpus=0x8 failed=0x0'
}
peek() { insmod $CVPEEK "$@" 2>/dev/null; dmesg | grep 'cvpeek:' | tail -n 1; }

# run CONFIG IMAGE [CMDLINE]: the attacker cell runs IMAGE for 3 s; its
# cellinfo goes to $info, its console to $con; `finish` destroys it.
run() {
	local args=()
	virq_before=$(gic_virqs)
	[ -n "$3" ] && { printf '%s\0' "$3" > /tmp/cmdline; args=(/tmp/cmdline@0x1000); }
	aid=$($CVTOOL create $1) && $CVTOOL load $aid $INM/$2.bin@0 "${args[@]}" &&
		$CVTOOL start $aid || return 1
	sleep 3
	info=$($CVTOOL cellinfo $aid)
	con=$($CVTOOL cellconsole $aid)
	printf '%s\n' "$con" | tail -n 2 | sed 's/^/#   /'
}
finish() { $CVTOOL destroy $aid && [ "$(cat /sys/devices/system/cpu/online)" = 0-2 ]; }

# --- memory that is really someone else's: the cell fails, the owner's data stays ---
for a in $BELOW $ABOVE; do peek phys=$a poke=$MARK > /dev/null; done
page=$($CVTOOL markpage)
check_output "the root has markers in memory it owns next to the window and in a page Linux uses ($page)" \
	'holds 0x5ec2e7ab00000001' peek phys=$page
# probe DESC ADDR OP ATTR: one probe must fail the cell at exactly ADDR
contained() { ! printf '%s' "$con" | grep -q 'NOT contained' && victim_ok && finish; }
probe() {
	run /tmp/attacker.bin probe-memory "addr=$2 op=$3 attr=$4"
	check_output "$1: the cell failed at IPA $2" \
		"state=3 cpus=0x4 failed=0x4 reason=1 .*ipa=$2 " echo "$info"
	check "  and nothing got through; gic-demo ran on; destroyed" contained
}
probe "read of a root page Linux uses, device mapping" $page read device
probe "read of root memory just below its window" $BELOW read device
probe "write to root memory just above its window, normal mapping" $ABOVE write normal
check_output "the root's markers are untouched" 'holds 0x5ec2e7ab00000002' peek phys=$ABOVE
probe "read of gic-demo's RAM, normal mapping" $GIC_RAM read normal
probe "DC ZVA on gic-demo's RAM" 0x7fa01000 zva normal
probe "write to the hypervisor's memory" $HV_MEM write device

# --- a fault record holds what its fault produced, not an earlier one's ---
run /tmp/attacker.bin fault-hvc-imm
check_output "an HVC with a foreign immediate fails the cell (reason 4) with no FAR or IPA of the last abort on CPU 2" \
	'state=3 cpus=0x4 failed=0x4 reason=4 esr=0x[0-9a-f]+ far=0x0 ipa=0x0 ' echo "$info"
check "destroyed" finish

# --- the PMU and the debug registers are absent in a cell ---
run /tmp/attacker.bin probe-pmu-debug
check_output "a cell finds no PMU counter and no breakpoint (all read as zero) and runs on" \
	'PMCR_EL0 0x0 \(N 0\) PMCCNTR_EL0 0 DBGBVR0 0x0 DBGBCR0 0x0 MDSCR_EL1 0x0' echo "$con"
still_running() { echo "$info" | grep -q 'state=0 ' && finish; }
check "  still running; destroyed" still_running

# --- a secret in RAM, FP/SIMD and EL1 registers: the next owner finds nothing ---
run /tmp/leaky.bin leak-plant
check_output "leak-plant filled its RAM, a 16 MiB region, q0-q31, FPCR/FPSR and EL1 registers" \
	'leak-plant: [0-9]+ words in RAM, 2097152 in the data region' echo "$con"
restart_find() { $CVTOOL shutdown $aid && $CVTOOL load $aid $INM/leak-find.bin@0 && $CVTOOL start $aid; }
check "shut down, the same cell restarted on the same CPU with leak-find" restart_find
wait_for 5 sh -c "$CVTOOL cellconsole $aid | grep -q 'leak-find:'"
check_output "  its registers start clean: no q-register word, FPCR/FPSR zero, no EL1 register set" \
	'q-registers 0 of 64, FPCR 0x0 FPSR 0x0, EL1 registers not zero 0 of 15' $CVTOOL cellconsole $aid
check "destroyed" finish
check_output "the root, reading the released 16 MiB, finds no word of it" \
	'holds 0 words of 0x5ec2e7ab' peek phys=0x70000000 len=0x1000000 magic=0x5ec2e7ab
check_output "nor in the released 64 KiB" \
	'holds 0 words of 0x5ec2e7ab' peek phys=0x7f800000 len=0x10000 magic=0x5ec2e7ab
run /tmp/leaky.bin leak-find
check_output "the next cell on that memory and CPU finds nothing anywhere" \
	'leak-find: RAM 0 of [0-9]+ words, data region 0 of 2097152, q-registers 0 of 64, FPCR 0x0 FPSR 0x0, EL1 registers not zero 0 of 15' \
	echo "$con"
check "destroyed" finish

# --- a cell spinning with everything masked, answering nothing ---
run /tmp/attacker.bin spin-masked
t0=$(date +%s%N)
check "destroy takes its CPU anyway (no reply: failed after the 1 s timeout, parked)" finish
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "  within 10 s ($ms ms), gic-demo running" eval "[ $ms -lt 10000 ] && victim_ok"

# --- the root's hypercalls: addresses checked against what the root owns now ---
virq_before=$(gic_virqs)
check_output "cell info written into gic-demo's RAM: refused (EINVAL)" 'result=-22' \
	$CVTOOL rawinfo $gid $GIC_RAM
check_output "cell info written into the hypervisor: refused" 'result=-22' $CVTOOL rawinfo $gid $HV_MEM
check_output "a console request read from the hypervisor's memory: refused" 'result=-22' \
	$CVTOOL rawconsole $HV_MEM
check_output "a console read into gic-demo's RAM: refused" 'result=-22' \
	$CVTOOL rawconsole $gid at $GIC_RAM
check_output "a console read while another CPU flips its cell_id past the cell table: one read of it, nothing written past the buffer" \
	'calls=20000 refused=[0-9]+ last=-?[0-9]+ bytes_past_the_buffer=0' $CVTOOL raceconsole $gid 20000
check "gic-demo ran on through all of it" victim_ok
new=$(hv_warnings | tail -n +$((warn0 + 1)))
printf '%s\n' "$new" | sed '/^$/d; s/^/#   /'
check "the kernel had nothing to warn about through all of it" test -z "$new"

# --- what the root cannot be talked into by a config (module path; the
# hypervisor's own checks: hv-badcells); the module's refusals are errors
# in its log, so they come after the warnings check ---
cp /tmp/attacker.bin /tmp/comm.bin
$CVTOOL cellpatch /tmp/comm.bin region1.phys 0x40200000
$CVTOOL cellpatch /tmp/comm.bin region1.size 0x1000
$CVTOOL cellpatch /tmp/comm.bin region1.flags 0x63	# read, write, comm-region, loadable
# refused_by_module BLOB PATTERN: create fails with EINVAL and dmesg says PATTERN
refused_by_module() {
	! $CVTOOL create $1 2>/tmp/err && grep -q 'Invalid argument' /tmp/err &&
		dmesg | tail -n 3 | grep -q "$2"
}
check "the loader trick (a loadable comm region at root RAM 0x40200000): refused, the module says why" \
	refused_by_module /tmp/comm.bin 'comm region with a physical address' 
cp /tmp/attacker.bin /tmp/shared.bin
$CVTOOL cellpatch /tmp/shared.bin region1.phys 0x40000000
$CVTOOL cellpatch /tmp/shared.bin region1.virt 0x40000000
$CVTOOL cellpatch /tmp/shared.bin region1.size 0x30000000
$CVTOOL cellpatch /tmp/shared.bin region1.flags 0x87	# read, write, execute, root-shared
check "Linux's live RAM as a root-shared region: refused, the module says why" \
	refused_by_module /tmp/shared.bin 'RAM the root uses'
check "CPU 2 is Linux's after the refusals" test "$(cat /sys/devices/system/cpu/online)" = 0-2

check "destroy gic-demo; every CPU back" sh -c \
	"$CVTOOL destroy $gid && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
check "the hypervisor never faulted" sh -c "! $CVTOOL console | grep -qE 'EL2 fault|PANIC'"
check "disable" $CVTOOL disable
