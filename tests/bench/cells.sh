#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Benchmark (make bench): the cell figures, printed, not judged.
#   - exits per gic-demo timer tick, by kind
#   - stage-2 table pages and pool pages per cell, and what carving the cell
#     out of the root's stage 2 costs the root
#   - time from the start ioctl to the cell's first console byte
# for gic-demo (debug-putc console, CPU 3) and uart-demo (vUART, CPU 2).
# The checks only say that the set-up worked; the figures are the result.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
WINDOW=10
plan 7


compile_configs() {
	hv_system_blob /tmp/sys.bin &&
		cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o /tmp/gic.bin &&
		cellctl config compile /usr/share/cellvisor/cells/uart-demo.yaml -o /tmp/uart.bin
}
check "configs compile" compile_configs
modprobe cellvisor
check "enable" $CVTOOL enable /tmp/sys.bin
p_enabled=$(pool_used)
root_tables=$($CVTOOL console | sed -n 's/.*stage 2 uses \([0-9]*\) table pages.*/\1/p' | tail -n 1)

# cell_figures NAME ID POOL_BEFORE: pool and table figures of one cell
cell_figures() {
	local info=$($CVTOOL cellinfo $2) after=$(pool_used)
	local t=$(hv_field tables $info) p=$(hv_field pool $info)
	diag "$1: $t stage-2 table pages, $p pool pages in all" \
	     "(+$((after - $3)) pool pages at create: $((after - $3 - p)) more for the root's split tables)"
}

gid=$($CVTOOL create /tmp/gic.bin)
cell_figures gic-demo "$gid" "$p_enabled"
p_gic=$(pool_used)
$CVTOOL load "$gid" $INM/gic-demo.bin@0
out=$($CVTOOL starttimed "$gid"); rc=$?
check "gic-demo starts and prints" test $rc = 0
diag "gic-demo: start ioctl $(hv_field start_ioctl_ms $out) ms; first console byte" \
     "$(hv_field first_output_ms $out) ms after the start call"

sleep 2		# past the first ticks
s0=$($CVTOOL stats 3)
n=$($CVTOOL cellwatch "$gid" $WINDOW | grep -c 'Timer fired')
s1=$($CVTOOL stats 3)
check "gic-demo ticked over ${WINDOW} s ($n ticks)" test $n -gt 0
line="gic-demo, per timer tick over $n ticks:"
for k in total virq mmio hypercall sysreg maintenance vsgi psci; do
	d=$(( $(hv_field $k $s1) - $(hv_field $k $s0) ))
	line="$line $k $(hv_ratio $d $n)"
done
diag "$line"
chars=$($CVTOOL cellconsole "$gid" | grep 'Timer fired' | tail -n 1 | wc -c)
diag "(each tick prints a line of $chars characters, one debug-putc hypercall each)"

uid=$($CVTOOL create /tmp/uart.bin)
cell_figures uart-demo "$uid" "$p_gic"
$CVTOOL load "$uid" $INM/uart-demo.bin@0
out=$($CVTOOL starttimed "$uid"); rc=$?
check "uart-demo starts and prints" test $rc = 0
diag "uart-demo: start ioctl $(hv_field start_ioctl_ms $out) ms; first vUART byte" \
     "$(hv_field first_output_ms $out) ms after the start call"

$CVTOOL destroy "$uid"; $CVTOOL destroy "$gid"
p_end=$(pool_used)
diag "pool: $p_enabled pages after enable (root stage 2: $root_tables table pages)," \
     "$p_end after both cells were destroyed (split root tables stay)"
check "both cells destroyed, CPUs back" test "$(cat /sys/devices/system/cpu/online)" = 0-3
check "disable" $CVTOOL disable
