#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Benchmark (make bench): the cell figures, printed, not judged.
#   - exits per gic-demo timer tick, by kind
#   - stage-2 table pages and pool pages per cell, and what carving the cell
#     out of the root's stage 2 costs the root
#   - time from the start ioctl to the cell's first console byte
# for gic-demo (debug-putc console, CPU 3) and uart-demo (vUART, CPU 2);
#   - create and destroy times of a cell with 64 KiB and with 128 MiB of
#     RAM, which the hypervisor scrubs at both.
# The checks only say that the set-up worked; the figures are the result.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
WINDOW=10
plan 8


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
     "$p_end after both cells were destroyed (the root's split blocks merged back)"
check "both cells destroyed, CPUs back" test "$(cat /sys/devices/system/cpu/online)" = 0-3

# lifecycle SIZE PHYS: median create and destroy times (ms) of 5 runs of a
# CPU 2 cell with SIZE of RAM at PHYS (nothing loaded: the scrubs are the work)
usec() { local t0=$(date +%s%N); "$@" > /dev/null || return 1; echo $(( ($(date +%s%N) - t0) / 1000 )); }
median() { sort -n | sed -n 3p; }
ms() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }
lifecycle() {
	local c d i id
	printf 'kind: cell\nname: scrub\ncpus: 2\nmemory:\n  - { phys: %s, virt: 0, size: %s, flags: [read, write, execute, loadable] }\n' \
		"$2" "$1" > /tmp/scrub.yaml
	cellctl config compile /tmp/scrub.yaml -o /tmp/scrub.bin || return 1
	for i in 1 2 3 4 5; do
		c="$c $(usec sh -c "$CVTOOL create /tmp/scrub.bin > /tmp/scrub.id")" || return 1
		d="$d $(usec $CVTOOL destroy $(cat /tmp/scrub.id))" || return 1
	done
	diag "a cell with $1 of RAM: create $(ms $(echo $c | tr ' ' '\n' | median)) ms," \
	     "destroy $(ms $(echo $d | tr ' ' '\n' | median)) ms (medians of 5; both scrub it)"
}
lifecycle 64K 0x7f900000 > /tmp/scrub-64k && lifecycle 128M 0x70000000 > /tmp/scrub-128m
check "cells of 64 KiB and 128 MiB created and destroyed 5 times each" test $? = 0
cat /tmp/scrub-64k /tmp/scrub-128m
check "disable" $CVTOOL disable
