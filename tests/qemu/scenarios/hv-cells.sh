#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The cell life cycle at the hypervisor/module level (raw ioctls through
# cvtool, no daemon): gic-demo on CPU 3 with its console and statistics
# while the root keeps working; destroy hands CPU 3 back to Linux; a cell
# failing wakes pollers; uart-demo's vUART both ways; 50 cycles without
# pool leak or lost CPU.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 51

sys=/tmp/system.bin cell=/tmp/gic-demo.bin
check "the system and gic-demo configs compile" sh -c \
	"cellctl config compile /usr/share/cellvisor/system.yaml -o $sys &&
	 cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o $cell"
modprobe cellvisor
check "enable" $CVTOOL enable $sys
base=$(pool_used)

id=$($CVTOOL create $cell); rc=$?
check "create gic-demo (id $id)" test $rc = 0 -a -n "$id"
check_output "CPU 3 left Linux for the cell" '^0-2$' cat /sys/devices/system/cpu/online
check "load gic-demo.bin at guest address 0" $CVTOOL load $id $INM/gic-demo.bin@0
$CVTOOL wait 5000 1 > /tmp/ev.start 2>&1 & ev=$!
sleep 0.5
t_start=$(date +%s%N)
check "start" $CVTOOL start $id
wait $ev; rc=$?
sed 's/^/# /' /tmp/ev.start
check "a poller of /dev/cellvisor is woken by the start (POLLIN|POLLPRI) and a read resets it" \
	sh -c "test $rc = 0 && grep -q 'revents=0x3' /tmp/ev.start && grep -q 'nothing pending' /tmp/ev.start"
ticks20() { [ "$(timer_lines $id)" -ge 20 ]; }
wait_for 10 ticks20
ms=$(( ($(date +%s%N) - t_start) / 1000000 )); n=$(timer_lines $id)
check "its console shows >= 20 'Timer fired' lines within 5 s of the start ($n after $ms ms)" \
	test "$n" -ge 20 -a "$ms" -le 5000
$CVTOOL cellconsole $id | grep 'Timer fired' | tail -n 2 | sed 's/^/# /'
check_output "the root's console doorbell is a Linux IRQ: INTID 120, edge-triggered" \
	'GICv3 +120 Edge +cellvisor-console' grep cellvisor-console /proc/interrupts
db0=$(hv_irq_total cellvisor-console)
s0=$($CVTOOL stats 3); dt=$($CVTOOL cellwatch $id 5 | grep -c 'Timer fired'); s1=$($CVTOOL stats 3)
db=$(( $(hv_irq_total cellvisor-console) - db0 ))
check "it rings while gic-demo prints: $db doorbells in 5 s for $dt lines" test "$db" -ge 5
dv=$(( $(hv_field virq $s1) - $(hv_field virq $s0) ))
diag "gic-demo over 5 s: $dv IRQ exits ($(hv_ratio $dv 50) per tick of its 10 Hz timer)," \
     "$dt console lines, $(( $(hv_field total $s1) - $(hv_field total $s0) )) exits in all" \
     "(debug putc is one hypercall per character)"
check "its statistics move (IRQ exits $dv for $dt ticks)" test "$dv" -gt 0
check_output "cell info: gic-demo, running on CPU 3" 'name=gic-demo state=0 cpus=0x8 failed=0x0' $CVTOOL cellinfo $id
check "the root keeps working meanwhile (8 MiB written and compared)" sh -c \
	'dd if=/dev/urandom of=/var/tmp/c bs=1M count=8 status=none && cp /var/tmp/c /var/tmp/d && cmp /var/tmp/c /var/tmp/d'
check "shutdown: a polite request, gic-demo answers it" $CVTOOL shutdown $id
check_output "the hypervisor log says it approved" '"gic-demo": shutdown request approved' \
	sh -c "$CVTOOL console | tail -n 5"
check_output "cell info: shut down" 'state=2 cpus=0x8 failed=0x0' $CVTOOL cellinfo $id
check "destroy" $CVTOOL destroy $id
check_output "CPU 3 is back in Linux" '^0-3$' cat /sys/devices/system/cpu/online
check "CPU 3 runs tasks again" taskset -c 3 true
after=$(pool_used)

# fault inmates in the same cell layout
fault_cell() {	# fault_cell IMAGE -> prints cellinfo after 3 s, destroys
	local id
	id=$($CVTOOL create $cell) && $CVTOOL load $id $INM/$1@0 && $CVTOOL start $id &&
	sleep 3 && $CVTOOL cellinfo $id && $CVTOOL cellconsole $id | tail -n 3 | sed 's/^/# /' >&2
	$CVTOOL destroy $id
}
$CVTOOL wait 2500 2 > /tmp/ev.fail 2>&1 & ev=$!
sleep 0.5
out=$(fault_cell fault-read-root-ram.bin)
wait $ev; rc=$?
sed 's/^/# /' /tmp/ev.fail
check "a poller is woken by the start and by the failure (2 changes, before the destroy)" \
	test $rc = 0
check_output "reading root RAM fails the cell with the fault recorded" \
	'state=3 cpus=0x8 failed=0x8 reason=1 .*ipa=0x40000000' echo "$out"
# (every fault inmate, with gic-demo running beside it: hv-faults.sh)

# uart-demo: the PL011 vUART, output and input
ucell=/tmp/uart-demo.bin
cellctl config compile /usr/share/cellvisor/cells/uart-demo.yaml -o $ucell 2>/dev/null
# its command line (at 0x1000) names the vUART's SPI: RX by interrupt only
printf 'uart-irq=64\0' > /tmp/uart-cmdline
id=$($CVTOOL create $ucell) && $CVTOOL load $id $INM/uart-demo.bin@0 /tmp/uart-cmdline@0x1000 &&
	$CVTOOL start $id
wait_for 10 sh -c "$CVTOOL cellconsole $id | grep -q 'uart-demo>'"
sleep 1; s0=$($CVTOOL stats 2); sleep 2; s1=$($CVTOOL stats 2)
idle=$(( $(hv_field total $s1) - $(hv_field total $s0) ))
$CVTOOL cellwrite $id "hello cell
"
wait_for 10 sh -c "$CVTOOL cellconsole $id | grep -q 'echo: hello cell'"
s2=$($CVTOOL stats 2)
check_output "uart-demo on CPU 2: a line written to its vUART comes back echoed" \
	'echo: hello cell' $CVTOOL cellconsole $id
check "waiting for input, it does not poll: $idle exits on CPU 2 in 2 s" test "$idle" -le 2
# a vUART SPI raised from a root CPU reaches CPU 2 as an SGI-inject kick
check "so the input came by the vUART's SPI 64 ($(( $(hv_field vsgi $s2) - $(hv_field vsgi $s1) )) injections)" \
	test $(( $(hv_field vsgi $s2) - $(hv_field vsgi $s1) )) -ge 1
check "shutdown of uart-demo (passive comm region): at once" sh -c \
	"$CVTOOL shutdown $id && $CVTOOL console | tail -n 5 | grep 'passive comm region, shut down at once'"
check "destroy uart-demo" $CVTOOL destroy $id
# A cell with a vUART whose program also uses debug putc (con-virtual=1,
# which its 'permitted' virtual console allows): the cell's console is the
# UART, putc lines go to the hypervisor log under the cell's name.
printf 'con-virtual=1\0' > /tmp/putc-cmdline
id=$($CVTOOL create $ucell) && $CVTOOL load $id $INM/gic-demo.bin@0 /tmp/putc-cmdline@0x1000 &&
	$CVTOOL start $id
putc_logged() { $CVTOOL console | grep -q '^uart-demo: Timer fired, jitter'; }
check "debug putc of a cell with a vUART: whole lines in the hypervisor log, named" wait_for 10 putc_logged
check "and not in the cell's (UART) console" sh -c "! $CVTOOL cellconsole $id | grep -q 'Timer fired'"
check "destroy it" $CVTOOL destroy $id
check_output "CPUs 2 and 3 are back in Linux" '^0-3$' cat /sys/devices/system/cpu/online

# Jailhouse's lock and veto, for a cell whose config says may-veto:
# gic-demo with lock=1 reports RUNNING_LOCKED and denies one shutdown
# request (the denial lifts the lock).
printf 'lock=1\0' > /tmp/lock-cmdline
{ cat /usr/share/cellvisor/cells/gic-demo.yaml; echo 'may-veto: true'; } > /tmp/veto.yaml
cellctl config compile /tmp/veto.yaml -o /tmp/veto.bin
lid=$($CVTOOL create /tmp/veto.bin) && $CVTOOL load $lid $INM/gic-demo.bin@0 /tmp/lock-cmdline@0x1000 &&
	$CVTOOL start $lid
locked_ticks() { $CVTOOL cellconsole $lid | grep -q 'Timer fired'; }
wait_for 10 locked_ticks
check_output "a locked cell reports running-locked (state 1)" 'state=1 cpus=0x8 ' $CVTOOL cellinfo $lid
online=$(cat /sys/devices/system/cpu/online) pool=$(pool_used)
out=$($CVTOOL create $ucell 2>&1); rc=$?
check "no other cell is created while it is locked: EPERM" sh -c \
	"[ $rc != 0 ] && echo '$out' | grep -q 'not permitted' && $CVTOOL console | tail -n 3 | grep -q 'is locked'"
check "and nothing changed (CPUs online $online, pool $pool)" sh -c \
	"[ \"\$(cat /sys/devices/system/cpu/online)\" = $online ] && [ \"\$($CVTOOL list)\" = $lid ] && [ $(pool_used) = $pool ]"
check "its first shutdown request is denied: EPERM, it runs on" sh -c \
	"! $CVTOOL shutdown $lid && $CVTOOL cellinfo $lid | grep -q 'state=0 ' && $CVTOOL console | tail -n 3 | grep -q 'shutdown request refused'"
check "the second is approved" sh -c "$CVTOOL shutdown $lid && $CVTOOL cellinfo $lid | grep -q 'state=2 '"
check "destroy it" $CVTOOL destroy $lid

# The same inmate in a cell without may-veto holds nobody up.
lid=$($CVTOOL create $cell) && $CVTOOL load $lid $INM/gic-demo.bin@0 /tmp/lock-cmdline@0x1000 &&
	$CVTOOL start $lid
wait_for 10 locked_ticks
check_output "without may-veto it reports running-locked all the same" 'state=1 cpus=0x8 ' $CVTOOL cellinfo $lid
uid=$($CVTOOL create $ucell)
check "but another cell is created: its lock counts for nothing (id $uid)" test -n "$uid"
check "and destroyed" $CVTOOL destroy $uid
check "its shutdown goes on although it refuses (it may not veto)" sh -c \
	"$CVTOOL shutdown $lid && $CVTOOL cellinfo $lid | grep -q 'state=2 ' && $CVTOOL console | tail -n 3 | grep -q 'may not veto'"
check "destroy it" $CVTOOL destroy $lid

# A cell that never answers a shutdown request (uart-demo with an active
# comm region): after its reply timeout it is failed, reason comm-timeout.
sed 's/^passive-comm-region: true$/passive-comm-region: false\nmsg-reply-timeout-us: 200000/' \
	/usr/share/cellvisor/cells/uart-demo.yaml > /tmp/mute.yaml
cellctl config compile /tmp/mute.yaml -o /tmp/mute.bin
mid=$($CVTOOL create /tmp/mute.bin) && $CVTOOL load $mid $INM/uart-demo.bin@0 && $CVTOOL start $mid
mute_prompt() { $CVTOOL cellconsole $mid | grep -q 'uart-demo> '; }
wait_for 10 mute_prompt
check "a cell that does not answer: shutdown goes on after its 200 ms timeout" $CVTOOL shutdown $mid
check_output "and it is failed, reason 7 (comm-timeout)" 'state=3 cpus=0x4 failed=0x4 reason=7 ' $CVTOOL cellinfo $mid
check "destroy it; CPU 2 is back" sh -c "$CVTOOL destroy $mid && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"

# The shipped cell for Jailhouse's own demos (CPU 1, console = its vUART,
# named by the comm region only): our uart-demo finds its UART there too.
cellctl config compile /usr/share/cellvisor/cells/inmate-demo.yaml -o /tmp/inmate-demo.bin
id=$($CVTOOL create /tmp/inmate-demo.bin) && $CVTOOL load $id $INM/uart-demo.bin@0 && $CVTOOL start $id
prompted() { $CVTOOL cellconsole $id | grep -q 'uart-demo> '; }
check "inmate-demo (CPU 1): an inmate finds the vUART through the comm region alone" wait_for 10 prompted
check_output "CPU 1 left Linux meanwhile" '^0,2-3$' cat /sys/devices/system/cpu/online
check "destroy it; CPU 1 is back" sh -c "$CVTOOL destroy $id && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"

# a destroyed cell's memory goes back into the root's blocks: the tables
# split for it are merged and freed, so the pool is where enable left it
after=$(pool_used)
check "the root's stage 2 whole again after the first cells: pool $after = $base after enable" \
	test "$after" = "$base"
bad=0
for i in $(seq 50); do
	id=$($CVTOOL create $cell) && $CVTOOL load $id $INM/gic-demo.bin@0 &&
		$CVTOOL start $id && $CVTOOL destroy $id || bad=$((bad + 1))
	[ "$(pool_used)" = "$after" ] || bad=$((bad + 1))
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || bad=$((bad + 1))
done
diag "pool: $base pages used after enable, $after after the first cells"
check "50 create/load/start/destroy cycles: no pool leak, no lost CPU ($bad problems)" test $bad = 0
check "disable" $CVTOOL disable
check_output "every CPU is back in the Linux stub" '^0:stub 1:stub 2:stub 3:stub$' \
	cat /sys/devices/cellvisor/cpu_el2
