#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad cell input at the hypervisor/module level (raw ioctls through
# cvtool, no daemon): bad input changes nothing and says why. With gic-demo
# running on CPU 3, each bad create, load, start or destroy fails with the
# expected errno, leaves a line in dmesg (or the hypervisor log) saying what
# was wrong, and afterwards the cell list, the CPUs online in Linux, the
# page-pool usage and gic-demo's state are what they were.
# CV_SNAPSHOT (cellmgrd's one request per refresh) agrees with the list
# and each cell's info, and misused (another size, too small a buffer,
# bad pointers, a user) fails without writing past what it was given; a
# change stays pending across other requests until a snapshot takes it.
# Where cellctl config compile already refuses a config (it knows the
# system), the blob is compiled at a good address and patched, so that
# the module and the hypervisor checks are the ones tested here.
# Then the hypervisor's own checks, rule by rule, past the module: raw
# CV_HC_CELL_CREATE hypercalls with crafted blobs (cvhc.ko, cvtool
# rawcreate), the cell's CPU taken from Linux first as the module would.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 47

# everything a refused command must leave alone
state() {
	local id
	echo "cells=$($CVTOOL list) online=$(cat /sys/devices/system/cpu/online) pool=$(pool_used)"
	for id in $($CVTOOL list); do
		[ "$id" = - ] || $CVTOOL cellinfo $id | cut -d' ' -f1-5
	done
}

# cellyaml NAME CPUS PHYS: a one-region (64 KiB) cell config in /tmp/NAME.yaml
cellyaml() {
	cat > /tmp/$1.yaml <<EOF
kind: cell
name: $1
cpus: $2
memory:
  - name: ram
    phys: $3
    virt: 0
    size: 64K
    flags: [read, write, execute, loadable]
comm-region: 0x80000000
EOF
}
# setword FILE OLD NEW: the 8-byte little-endian word OLD in FILE becomes NEW
setword() {
	local i=0 w old=$(printf '%016x' $(($2))) esc= b
	for w in $(od -An -v -tx8 -w8 "$1"); do
		[ "$w" = "$old" ] && break
		i=$((i + 1))
	done
	[ "$w" = "$old" ] || return 1
	for b in 0 1 2 3 4 5 6 7; do esc="$esc\\x$(printf '%02x' $((($3 >> (8 * b)) & 255)))"; done
	printf "$esc" | dd of="$1" bs=8 seek=$i conv=notrunc status=none
}
# cellcfg NAME CPUS PHYS: /tmp/NAME.bin; where cellctl refuses the address
# (it knows the system), the blob is compiled at 0x7f900000 and patched.
cellcfg() {
	cellyaml $1 $2 $3
	cellctl config compile /tmp/$1.yaml -o /tmp/$1.bin 2>/tmp/$1.err && return
	diag "cellctl refuses $1: $(tail -n 1 /tmp/$1.err); patching the blob instead"
	cellyaml $1 $2 0x7f900000
	cellctl config compile /tmp/$1.yaml -o /tmp/$1.bin && setword /tmp/$1.bin 0x7f900000 $3
}

# refused ERRNO-TEXT LOG-PATTERN LOG-CMD COMMAND...: COMMAND fails with
# ERRNO-TEXT, the new lines of LOG-CMD (dmesg or the hypervisor console)
# match LOG-PATTERN, and state() is unchanged. The log line goes to
# /tmp/why for the diagnostics.
refused() {
	local errno=$1 pat=$2 log=$3 before n0 out rc after why
	shift 3
	before=$(state)
	n0=$($log | wc -l)
	out=$("$@" 2>&1); rc=$?
	after=$(state)
	why=$($log | tail -n +$((n0 + 1)) | grep -E -- "$pat" | tail -n 1)
	echo "$why" > /tmp/why
	[ $rc != 0 ] || { echo "succeeded: $*: $out"; return 1; }
	case $out in *"$errno"*) ;; *) echo "wrong error: $out (want $errno)"; return 1;; esac
	[ -n "$why" ] || { echo "no /$pat/ in the new lines of $log:";
		$log | tail -n +$((n0 + 1)) | tail -n 5; return 1; }
	[ "$before" = "$after" ] || { echo "state changed: $before -> $after"; return 1; }
}
why() { diag "  $(sed 's/^\[[ 0-9.]*\] //' /tmp/why)"; }
hvlog() { $CVTOOL console; }

EBUSY="Device or resource busy" EINVAL="Invalid argument"
ENOEXEC="Exec format error" ENOENT="No such file or directory"

sys=/tmp/system.bin cell=/tmp/gic-demo.bin ucell=/tmp/uart-demo.bin
compile_all() {
	local bad=0 c
	cellctl config compile /usr/share/cellvisor/system.yaml -o $sys &&
	cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o $cell &&
	cellctl config compile /usr/share/cellvisor/cells/uart-demo.yaml -o $ucell || bad=1
	for c in "overlap 2 0x7fa00000" "cpu-taken 3 0x7f900000" "cpu0 0 0x7f900000" \
		 "cpu2 2 0x7f900000" "hv-mem 2 0x7fc00000" "linux-ram 2 0x50000000" \
		 "not-root 2 0x200000000"; do
		cellcfg $c || { echo "cannot make $c"; bad=1; }
	done
	return $bad
}
compile_all > /tmp/compile.out 2>&1; rc=$?
grep "^#" /tmp/compile.out
check "the bad cell configs are made (compiled, or compiled and patched)" test $rc = 0
modprobe cellvisor
check "enable" $CVTOOL enable $sys
id=$($CVTOOL create $cell) && $CVTOOL load $id $INM/gic-demo.bin@0 && $CVTOOL start $id
check_output "gic-demo runs on CPU 3 beside the bad input (id $id)" 'state=0 cpus=0x8' \
	$CVTOOL cellinfo $id
diag "state: $(state | tr '\n' ' ')"

check "a second cell on gic-demo's RAM: EBUSY" \
	refused "$EBUSY" 'overlaps cell' dmesg $CVTOOL create /tmp/overlap.bin; why
check "a CPU already given away (CPU 3): EBUSY" \
	refused "$EBUSY" 'CPU 3 is not an online root CPU' dmesg $CVTOOL create /tmp/cpu-taken.bin; why
check "CPU 0: EBUSY" \
	refused "$EBUSY" 'CPU 0 stays with Linux' dmesg $CVTOOL create /tmp/cpu0.bin; why
check "the caller's own CPU (cvtool bound to CPU 2, cell on CPU 2): EBUSY" \
	refused "$EBUSY" "caller's own" dmesg taskset -c 2 $CVTOOL create /tmp/cpu2.bin; why
check "memory overlapping the hypervisor: EINVAL" \
	refused "$EINVAL" 'overlaps the hypervisor' dmesg $CVTOOL create /tmp/hv-mem.bin; why
check "root RAM Linux did not give up (0x50000000): EINVAL" \
	refused "$EINVAL" 'RAM the root uses' dmesg $CVTOOL create /tmp/linux-ram.bin; why
check "memory the root does not own: EINVAL" \
	refused "$EINVAL" 'memory not within one root region' dmesg $CVTOOL create /tmp/not-root.bin; why

# A root doorbell (INTID 121 of the shipped 120-127) is the root's for
# good: config check, the module and the hypervisor each refuse a cell
# that names it. The hypervisor is reached past the module with a raw
# hypercall (cvhc.ko, cvtool rawcreate), the cell's CPU offline in Linux
# as the module would leave it.
sed 's/^cpus: 2$/cpus: 2\nirqs: 121/' /tmp/cpu2.yaml > /tmp/doorbell.yaml
check_output "config check: a cell naming root doorbell 121 is refused, with file:line:col" \
	'doorbell.yaml:4:7: error: interrupt 121 is a root doorbell' \
	sh -c '! cellctl config check /usr/share/cellvisor/system.yaml /tmp/doorbell.yaml 2>&1'
cp /tmp/cpu2.bin /tmp/doorbell.bin && hv_patch /tmp/doorbell.bin $((HV_OFF_CELL_IRQS + 121 / 8)) '\002'
check "the module refuses the same blob: EINVAL" \
	refused "$EINVAL" 'IRQ is a root doorbell \(IRQ 121\)' dmesg $CVTOOL create /tmp/doorbell.bin; why
insmod /usr/lib/cellvisor/tests/cvhc.ko
echo 0 > /sys/devices/system/cpu/cpu2/online
check "the hypervisor refuses it on its own (raw hypercall, CPU 2 parked): EINVAL" \
	refused "$EINVAL" 'cell config refused: IRQ is a root doorbell \(IRQ 121\)' hvlog \
	$CVTOOL rawcreate /tmp/doorbell.bin; why
echo 1 > /sys/devices/system/cpu/cpu2/online

check "a load outside the loadable regions (0x20000): EINVAL, gic-demo keeps running" \
	refused "$EINVAL" 'outside its loadable regions' dmesg \
	$CVTOOL load $id $INM/gic-demo.bin@0x20000; why
head -c 65537 /dev/zero > /tmp/big.bin
check "an image bigger than its region (64 KiB + 1): EINVAL, gic-demo keeps running" \
	refused "$EINVAL" 'bigger than its region' dmesg $CVTOOL load $id /tmp/big.bin@0; why
check "an image running past its region's end: EINVAL" \
	refused "$EINVAL" 'bigger than its region' dmesg $CVTOOL load $id $INM/gic-demo.bin@0xf000; why

uid=$($CVTOOL create $ucell)
check "create uart-demo and leave it unloaded (id $uid)" test -n "$uid"
check "start of a cell never loaded: ENOEXEC" \
	refused "$ENOEXEC" 'nothing loaded' dmesg $CVTOOL start $uid; why
check "destroy of a cell that does not exist (id 9): ENOENT" \
	refused "$ENOENT" 'no cell with id 9' dmesg $CVTOOL destroy 9; why
check "destroy of id 0 (the root): ENOENT" \
	refused "$ENOENT" 'no cell with id 0' dmesg $CVTOOL destroy 0; why

# --- CV_SNAPSHOT, right and misused ---
snapshot_agrees() {
	local out ids
	out=$($CVTOOL cells) || return 1
	echo "$out"
	ids=$(echo "$out" | sed -n 's/^id=\([0-9]*\) .*/\1/p' | tr '\n' ' ')
	[ "${ids% }" = "$($CVTOOL list)" ] || { echo "ids $ids, list $($CVTOOL list)"; return 1; }
	echo "$out" | grep -qx "id=$id name=gic-demo state=0 cpus=0x8" &&
		echo "$out" | grep -qx "id=$uid name=uart-demo state=2 cpus=0x4" &&
		echo "$out" | grep -q '^enabled=1 cells=2 links=[0-9]* pending=0$'
}
check "the snapshot has both cells as the list and their info have them, nothing pending after it" \
	snapshot_agrees
nlinks=$($CVTOOL cells | sed -n 's/^enabled=1 cells=2 links=\([0-9]*\) .*/\1/p')
# snapmisused WHAT PATTERN: cvtool badcells WHAT prints PATTERN, state() unchanged
snapmisused() {
	local before out after
	before=$(state)
	out=$($CVTOOL badcells $1) || return 1
	after=$(state)
	echo "$out" | grep -qx -- "$2" || { echo "got: $out (want $2)"; return 1; }
	[ "$before" = "$after" ] || { echo "state changed: $before -> $after"; return 1; }
}
check "snapshot with another size encoded: ENOTTY" \
	snapmisused size 'Inappropriate ioctl for device num_cells=99 num_links=99 canary=intact'
check "snapshot with room for one of the two cells: ENOSPC with both counts, nothing written past it" \
	snapmisused small "No space left on device num_cells=2 num_links=$nlinks canary=intact"
check "snapshot into a kernel address: EFAULT, no counts" \
	snapmisused kernel 'Bad address num_cells=99 num_links=99 canary=intact'
check "snapshot into an unmapped page: EFAULT" \
	snapmisused unmapped 'Bad address num_cells=99 num_links=99 canary=intact'
check "snapshot with its argument unmapped: EFAULT" \
	snapmisused arg 'Bad address num_cells=99 num_links=99 canary=intact'
check_output "snapshot as a user: the device is root's" 'Permission denied' \
	sh -c "! setpriv --reuid=nobody --regid=nogroup --clear-groups $CVTOOL cells 2>&1"

# --- the hypervisor's own checks, past the module ---
# A good cell on CPU 1 to start from; uart-demo holds CPU 2 and SPI 64.
cellyaml raw 1 0x7f800000 && cellctl config compile /tmp/raw.yaml -o /tmp/raw.bin
cellyaml irq1 1 0x7f800000 && echo 'irqs: 64' >> /tmp/irq1.yaml &&
	cellctl config compile /tmp/irq1.yaml -o /tmp/irq1.bin
# rawrefused ERRNO-TEXT LOG-PATTERN CPU COMMAND...: CPU (or -) leaves Linux
# as the module would take it, COMMAND (a raw create) fails with
# ERRNO-TEXT, the hypervisor log says LOG-PATTERN, CPU comes back and
# state() is what it was.
offline_run() {	# offline_run CPU COMMAND...: COMMAND with CPU offline in Linux meanwhile
	local cpu=$1 rc
	shift
	[ "$cpu" = - ] || echo 0 > /sys/devices/system/cpu/cpu$cpu/online
	"$@"; rc=$?
	[ "$cpu" = - ] || echo 1 > /sys/devices/system/cpu/cpu$cpu/online
	return $rc
}
rawrefused() {
	local err=$1 pat=$2
	shift 2
	refused "$err" "cell config refused: .*$pat" hvlog offline_run "$@"
}
# bad NAME KEY VALUE...: /tmp/raw-NAME.bin, the good cell with KEY=VALUE pairs set
bad() {
	local name=$1
	shift
	cp /tmp/raw.bin /tmp/raw-$name.bin
	while [ $# -ge 2 ]; do $CVTOOL cellpatch /tmp/raw-$name.bin $1 $2 || return 1; shift 2; done
}
raw_ok() {
	local rid
	echo 0 > /sys/devices/system/cpu/cpu1/online
	rid=$($CVTOOL rawcreate /tmp/raw.bin) && $CVTOOL hc 4 $rid | grep -q '^result=0$'
	local rc=$?
	echo 1 > /sys/devices/system/cpu/cpu1/online
	[ $rc = 0 ] && [ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ]
}
check "the raw path reaches the hypervisor: a good cell is created and destroyed by raw hypercalls" raw_ok
bad hv region0.phys 0x7fc00000
check "raw: memory overlapping the hypervisor" \
	rawrefused "$EINVAL" 'memory overlaps the hypervisor' 1 $CVTOOL rawcreate /tmp/raw-hv.bin; why
bad out region0.phys 0x200000000
check "raw: memory the root does not have" \
	rawrefused "$EINVAL" 'memory not within one root region' 1 $CVTOOL rawcreate /tmp/raw-out.bin; why
bad live region0.phys 0x50000000 region0.flags 0xc7
check "raw: Linux's live RAM, flagged root-shared" \
	rawrefused "$EINVAL" 'memory is RAM the root uses' 1 $CVTOOL rawcreate /tmp/raw-live.bin; why
bad io region0.phys 0x50000000 region0.flags 0x57
check "raw: Linux's live RAM, flagged io" \
	rawrefused "$EINVAL" 'memory is RAM the root uses' 1 $CVTOOL rawcreate /tmp/raw-io.bin; why
bad comm region1.phys 0x40200000 region1.flags 0x63
check "raw: the loader trick, a loadable comm region at root RAM" \
	rawrefused "$EINVAL" 'comm region with a physical address' 1 $CVTOOL rawcreate /tmp/raw-comm.bin; why
bad wrap region0.virt 0xffffffffffff0000
check "raw: a region whose guest addresses wrap past the IPA limit" \
	rawrefused "$EINVAL" 'memory region wraps around' 1 $CVTOOL rawcreate /tmp/raw-wrap.bin; why
bad gic region0.phys 0x08000000 region0.flags 0x17
check "raw: the GIC distributor as a device region" \
	rawrefused "$EINVAL" 'memory covers the GIC' 1 $CVTOOL rawcreate /tmp/raw-gic.bin; why
bad reserved name hypervisor
check "raw: the reserved name 'hypervisor'" \
	rawrefused "$EINVAL" 'reserved name' 1 $CVTOOL rawcreate /tmp/raw-reserved.bin; why
bad nonul name abcdefghijklmnopqrstuvwxyz012345
check "raw: a name with no NUL in its 32 bytes" \
	rawrefused "$EINVAL" 'invalid name' 1 $CVTOOL rawcreate /tmp/raw-nonul.bin; why
bad many nregions 1000
check "raw: more memory regions than the blob can hold" \
	rawrefused "$EINVAL" 'too many memory regions' 1 $CVTOOL rawcreate /tmp/raw-many.bin; why
bad taken region0.phys 0x7fa00000
check "raw: gic-demo's RAM: EBUSY" \
	rawrefused "$EBUSY" "memory already another cell's" 1 $CVTOOL rawcreate /tmp/raw-taken.bin; why
bad cpu3 cpus 0x8
check "raw: gic-demo's CPU 3: EBUSY" \
	rawrefused "$EBUSY" "CPUs not the root's" - $CVTOOL rawcreate /tmp/raw-cpu3.bin; why
check "raw: CPU 1 while Linux still runs on it: EBUSY" \
	rawrefused "$EBUSY" 'CPU still online in the root' - taskset -c 0 $CVTOOL rawcreate /tmp/raw.bin; why
check "raw: the calling CPU (cvtool on CPU 1): EBUSY" \
	rawrefused "$EBUSY" 'includes the calling CPU' - taskset -c 1 $CVTOOL rawcreate /tmp/raw.bin; why
check "raw: uart-demo's SPI 64 for a cell on CPU 1: EBUSY" \
	rawrefused "$EBUSY" "IRQ not the root's" 1 $CVTOOL rawcreate /tmp/irq1.bin; why

check_output "destroying uart-demo: the change stays pending across another request, a snapshot takes it" \
	'^after info: pending=1, after snapshot: pending=0$' $CVTOOL keptpending $uid
check "destroy gic-demo" $CVTOOL destroy $id
check "disable" $CVTOOL disable
check_output "every CPU back in Linux" '^0-3$' cat /sys/devices/system/cpu/online
