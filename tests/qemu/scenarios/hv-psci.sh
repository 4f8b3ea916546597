#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# PSCI for cells, in a real guest. psci-demo runs in a cell of
# CPUs 2 and 3 (raw ioctls through cvtool, no daemon):
#   - CPU_ON of the cell's second CPU starts it, CPU_ON of it while it
#     runs gives ALREADY_ON, it turns itself off with CPU_OFF and
#     AFFINITY_INFO sees OFF; twice, so a CPU starts again after CPU_OFF;
#   - SYSTEM_OFF / SYSTEM_RESET from the first CPU end the cell with the
#     reason kept (5 / 6), the second CPU, busy in PSCI calls, parked too;
#   - the same with the MMU off in both CPUs (mmu=0);
#   - a root CPU as the "second" CPU is refused (DENIED), end=stay keeps
#     the cell running, and with end=stay CPU 3 keeps exiting (what the
#     "parked" checks, no exit in 1 s, would see if parking failed);
#   - destroy gives CPUs 2 and 3 back to Linux; the kernel has nothing to
#     say and the hypervisor stays enabled.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 41

cat > /tmp/psci.yaml <<'EOF'
kind: cell
name: psci-demo
cpus: 2-3
virtual-console: active
memory:
  - { phys: 0x7f900000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }
EOF
compile_configs() {
	hv_system_blob /tmp/sys.bin && cellctl config compile /tmp/psci.yaml -o /tmp/psci.bin
}
check "configs compile (system, psci-demo on CPUs 2 and 3)" compile_configs
modprobe cellvisor
check "enable" $CVTOOL enable /tmp/sys.bin
warn0=$(hv_warnings | wc -l)

psci3() { hv_field psci $($CVTOOL stats 3); }
total3() { hv_field total $($CVTOOL stats 3); }
# run CMDLINE: psci-demo in a new cell with that command line (none if
# empty); leaves the cell id in $id and CPU 3's PSCI exits before the
# start in $p0.
run() {
	local args=()
	[ -n "$1" ] && { printf '%s\0' "$1" > /tmp/cmdline; args=(/tmp/cmdline@0x1000); }
	id=$($CVTOOL create /tmp/psci.bin) || return 1
	p0=$(psci3)
	$CVTOOL load $id $INM/psci-demo.bin@0 "${args[@]}" && $CVTOOL start $id
}
# ended: the cell has shut itself down (state 2).
ended() { $CVTOOL cellinfo $id | grep -q ' state=2 '; }
# console: the cell's console, without the CR of each CRLF.
console() { $CVTOOL cellconsole $id | tr -d '\r'; }
# has REGEX [COUNT]: the console saved in $con has COUNT (default 1)
# lines matching.
has() { [ "$(printf '%s\n' "$con" | grep -cE -- "$1")" = "${2:-1}" ]; }
# called_not_returned CALL: the demo said it calls CALL, and nothing after.
called_not_returned() {
	has "^psci-demo: calling $1\$" && has "$1 returned|FAILED" 0
}
show() { printf '%s\n' "$con" | sed 's/^/#   /'; }
# still TOTAL: CPU 3 made no exit since TOTAL was read a second ago (parked).
still() { [ -n "$1" ] && sleep 1 && [ "$(total3)" = "$1" ]; }
# finish: destroy; CPUs 2 and 3 are Linux's again and run tasks.
finish() {
	$CVTOOL destroy $id && [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] &&
		taskset -c 2 true && taskset -c 3 true
}

# --- default: two rounds, then SYSTEM_OFF ---
run ""; rc=$?
check "create, load, start psci-demo (id $id); CPUs 2 and 3 left Linux" sh -c \
	"[ $rc = 0 ] && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-1 ]"
wait_for 30 ended
info=$($CVTOOL cellinfo $id)
con=$(console)
show
check_output "SYSTEM_OFF ended the cell: shut down, reason 5, no CPU failed" \
	'state=2 cpus=0xc failed=0x0 reason=5 ' echo "$info"
check "PSCI VERSION is 1.1" has '^psci-demo: PSCI version 1\.1 \(0x10001\)'
check "the first CPU is 0x2, the second 0x3, MMU on" \
	has '^psci-demo: first CPU 0x2, second CPU 0x3, MMU on'
for r in 1 2; do
	check "round $r: CPU 0x3 was off before CPU_ON (AFFINITY_INFO 1)" \
		has "^psci-demo: round $r: AFFINITY_INFO\(0x3\) = 1 \(OFF\) before CPU_ON"
	check "round $r: CPU 0x3 came up, with its MMU on" \
		has "^psci-demo: round $r: CPU 0x3 up, MMU on"
	check "round $r: smp_start_cpu (CPU_ON) returned 0 (SUCCESS)" \
		has "^psci-demo: round $r: smp_start_cpu\(0x3\) returned 0 \(SUCCESS\)"
	check "round $r: CPU_ON of the running CPU 0x3 gives ALREADY_ON (-4)" \
		has "^psci-demo: round $r: CPU_ON of running CPU 0x3 returned -4 \(ALREADY_ON\)"
	check "round $r: after its CPU_OFF, AFFINITY_INFO says OFF (1)" \
		has "^psci-demo: round $r: AFFINITY_INFO\(0x3\) = 1 \(OFF\) after [0-9]+ polls"
done
# the PSCI VERSION calls CPU 3 had made when CPU 2 went on to end the cell
beats=$(printf '%s\n' "$con" | sed -n \
	's/^psci-demo: beating CPU 0x3: smp_start_cpu returned 0 (SUCCESS), \([0-9]*\) PSCI calls.*/\1/p')
check "CPU 0x3 started a third time and made PSCI calls (${beats:-none})" test "${beats:-0}" -ge 3
check "SYSTEM_OFF was called and did not return; nothing FAILED" called_not_returned SYSTEM_OFF
p1=$(psci3)
diag "PSCI exits: CPU 3 $p0 before the start, $p1 after the end (2 CPU_OFF + beats, $beats seen by CPU 2);" \
     "CPU 2 $(hv_field psci $($CVTOOL stats 2)) (VERSION, CPU_ON, AFFINITY_INFO polls, SYSTEM_OFF)"
check "CPU 3's PSCI exit counter moved by at least 2 CPU_OFF + $beats ($p0 -> $p1)" \
	test -n "$p0" -a -n "$p1" -a "${p1:-0}" -ge $(( ${p0:-0} + 2 + ${beats:-1000000} ))
t=$(total3)
check "CPU 3, busy in PSCI calls before, is parked: no exit in 1 s (total $t)" still "$t"
check "destroy; CPUs 2 and 3 back in Linux, running tasks" finish

# --- end=reset, MMU off in both CPUs ---
run "end=reset mmu=0"; rc=$?
check "psci-demo again, end=reset mmu=0 (id $id)" test $rc = 0
wait_for 30 ended
info=$($CVTOOL cellinfo $id)
con=$(console)
show
check_output "SYSTEM_RESET ended the cell: shut down, reason 6" \
	'state=2 cpus=0xc failed=0x0 reason=6 ' echo "$info"
check "two rounds with the MMU off: CPU 0x3 up each time" has "^psci-demo: round [12]: CPU 0x3 up, MMU off" 2
check "ALREADY_ON each time" has "^psci-demo: round [12]: CPU_ON of running CPU 0x3 returned -4 \(ALREADY_ON\)" 2
check "OFF after CPU_OFF each time" has "^psci-demo: round [12]: AFFINITY_INFO\(0x3\) = 1 \(OFF\) after" 2
check "SYSTEM_RESET was called and did not return; nothing FAILED" called_not_returned SYSTEM_RESET
t=$(total3)
check "CPU 3 parked: no exit in 1 s (total $t)" still "$t"
check "destroy; CPUs 2 and 3 back" finish

# --- a root CPU as the second CPU; end=stay ---
run "cpu=0x1 end=stay"; rc=$?
check "psci-demo with cpu=0x1 end=stay (id $id)" test $rc = 0
wait_for 30 sh -c "$CVTOOL cellconsole $id | grep -q 'staying'"
sleep 0.5
info=$($CVTOOL cellinfo $id)
con=$(console)
show
check "cpu=0x1: AFFINITY_INFO of root CPU 0x1 is DENIED (-3)" \
	has '^psci-demo: round 1: AFFINITY_INFO\(0x1\) = -3 \(DENIED\) before CPU_ON'
check "so smp_start_cpu refuses to start it (-3), twice" sh -c \
	"printf '%s\n' \"\$1\" | grep -q '^psci-demo: round 1: FAILED: smp_start_cpu(0x1) returned -3 (DENIED)' &&
	 printf '%s\n' \"\$1\" | grep -q '^psci-demo: beating CPU 0x1: smp_start_cpu returned -3 (DENIED), 0 PSCI'" _ "$con"
check "CPU 1 is Linux's and runs tasks" sh -c \
	'[ "$(cat /sys/devices/system/cpu/online)" = 0-1 ] && taskset -c 1 true'
check_output "end=stay: the cell is still running" 'state=0 cpus=0xc failed=0x0 ' echo "$info"
check "destroy; CPUs 2 and 3 back" finish

# --- end=stay with both CPUs: the control for the "parked" checks ---
run "end=stay"; rc=$?
check "psci-demo with end=stay (id $id)" test $rc = 0
wait_for 30 sh -c "$CVTOOL cellconsole $id | grep -q 'staying'"
t=$(total3)
moving() { $CVTOOL cellinfo $id | grep -q ' state=0 ' && sleep 1 && [ "$(total3)" -gt "$1" ]; }
check "the cell runs on and CPU 3 keeps calling PSCI: its exits move in 1 s (from $t)" moving "$t"
check "destroy with CPU 3 running; CPUs 2 and 3 back" finish

new=$(hv_warnings | tail -n +$((warn0 + 1)))
printf '%s\n' "$new" | sed '/^$/d; s/^/#   /'
check "the kernel had nothing to warn about" test -z "$new"
check_output "the hypervisor is still enabled" '^enabled=1 ' $CVTOOL info
check "disable" $CVTOOL disable
