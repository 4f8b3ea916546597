#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Cells talk: the shipped 3-peer link 'ivshmem-demo' (root, ivshmem-demo on
# CPU 2, ivshmem-peer on CPU 3).
#  1. the seed's demo as a user types it: cell@ivshmem-demo, the root
#     program on the link: both sides count interrupts and see the other's
#     output counter move, the state table shows both up;
#  2. three peers: the root rings peer 1 only, peer 2 hears nothing;
#     cellctl shows every peer's state;
#  3. isolation: a peer writing another's output section or the state
#     table fails with its fault record while the others go on; accesses
#     the devices must refuse (sizes, alignment, past the registers, absent
#     functions) from a cell and from the root; a cell not on the link can
#     neither be created over its memory nor reach it; the root's
#     read-only maps refuse writes;
#  4. lifecycle: a peer destroyed has state 0 and the others hear it, a
#     new one reconnects; 20 cycles leak no pool page, UIO device or IRQ;
#  5. bad configs: config check refuses a peer ID taken or too big, a
#     layout that differs, an INTx SPI not the cell's, link memory that is
#     Linux's (more in tests/configs/invalid).
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 58

CVLINK=/usr/lib/cellvisor/tests/cvlink
DEV=/dev/cellvisor-ivshmem/ivshmem-demo
LINK=0x7faf0000

# last_irq NAME: the count of ivshmem-demo's last "got interrupt" line in NAME's console.
last_irq() { cellctl console "$1" | sed -n 's/.*got interrupt 0 (#\([0-9]*\)).*/\1/p' | tail -n 1 | grep . || echo 0; }
# distinct WORD FILE: how many different values "WORD = N" takes in FILE, 0 left out.
distinct() { sed -n "s/^$1 = \([1-9][0-9]*\)$/\1/p" "$2" | sort -u | wc -l; }
console_has() { cellctl console "$1" | grep -q -- "$2"; }
info_has() { $CVLINK info | grep -q -- "$1"; }

warn_start=$(hv_warnings | wc -l)
check "cellvisor.service enables the hypervisor with the shipped link" systemctl start cellvisor.service
udevadm settle
check_output "the root's link is a UIO device with a stable name" 'uio[0-9]+$' readlink -f $DEV
uio=$(basename "$(readlink -f $DEV)")
maps() { for m in 0 1 2 3 4; do printf '%x ' "$(cat /sys/class/uio/$uio/maps/map$m/size)"; done; }
check_output "its maps are uio_ivshmem's: registers, state table, R/W, all outputs, its own" \
	'^1000 1000 9000 6000 2000 $' maps
pool_link=$(pool_used)

# ---- 1. the seed's demo ----
check "systemctl start cell@ivshmem-demo" systemctl start cell@ivshmem-demo
check "the inmate found the link on its virtual PCI bus" wait_for 30 console_has ivshmem-demo 'IVSHMEM: initialized device'
before=$(last_irq ivshmem-demo)
timeout 10 cellvisor-ivshmem-demo ivshmem-demo > /tmp/root.out 2>&1
cellctl console ivshmem-demo | tr -d '\r' > /tmp/cell.out
cell_irqs=$(sed -n 's/.*got interrupt 0 (#\([0-9]*\)).*/\1/p' /tmp/cell.out | tail -n 1)
diag "root: $(grep -c '^Interrupt #' /tmp/root.out) interrupts; cell: from #$before to #$cell_irqs"
check_output "the root program is peer 0 of 3" '^ID = 0$' head -n 2 /tmp/root.out
check "the root got at least 5 interrupts in 10 s" test "$(grep -c '^Interrupt #' /tmp/root.out)" -ge 5
check "the root saw the cell's output counter move (in@0x2000)" test "$(distinct 'in@0x2000' /tmp/root.out)" -ge 3
check "the root saw both up in the state table" sh -c "grep -q '^state\[0\] = 1$' /tmp/root.out && grep -q '^state\[1\] = 2$' /tmp/root.out"
check "the cell got at least 5 interrupts meanwhile" test "${cell_irqs:-0}" -ge $((before + 5))
check "the cell saw the root's output counter move (in@0x0000)" test "$(distinct 'in@0x0000' /tmp/cell.out)" -ge 3
check "the cell saw the root up in the state table" grep -q '^state\[0\] = 1$' /tmp/cell.out
check "the root program gone, the cell sees its state 0" wait_for 10 info_has ' peer0=0:0 '

# ---- 2. three peers ----
# The Manager's Links property as clients see it change: the daemon hears
# of a peer's state from the module and says so on the bus.
timeout 60 busctl monitor --match \
	"type='signal',member='PropertiesChanged',path='/org/cellvisor/cellmgr1'" \
	> /tmp/links.signals 2>&1 &
monitor=$!
sleep 1
check "systemctl start cell@ivshmem-peer" systemctl start cell@ivshmem-peer
check "peer 2 is up" wait_for 30 console_has ivshmem-peer 'IVSHMEM: initialized device'
links_signalled() { tr '\n' ' ' < /tmp/links.signals | grep -Eq 'STRING "Links";.*STRING "ivshmem-peer";[[:space:]]*UINT32 3;'; }
check "PropertiesChanged on the Manager carries Links with peer 2 up (state 3)" wait_for 15 links_signalled
kill $monitor 2> /dev/null
cellvisor-ivshmem-demo -t 1 ivshmem-demo > /tmp/root3.out 2>&1 &
rootpid=$!
sleep 1
p1=$(last_irq ivshmem-demo) p2=$(last_irq ivshmem-peer) t0=$SECONDS
check_output "cellctl list --links: every peer and its state" 'ivshmem-demo +0x7faf0000 \+64K +2 +ivshmem-peer +3' \
	cellctl list --links
check_output "cellctl status: the cell's links" 'Links: ivshmem-demo, peer 1: 0 root=1, 1 ivshmem-demo=2, 2 ivshmem-peer=3' \
	cellctl status ivshmem-demo
sleep $((t0 + 4 - SECONDS > 0 ? t0 + 4 - SECONDS : 0))
diag "peer 1: #$p1 -> #$(last_irq ivshmem-demo), peer 2: #$p2 -> #$(last_irq ivshmem-peer) in $((SECONDS - t0)) s"
check "the root's doorbells reach peer 1" test "$(last_irq ivshmem-demo)" -ge $((p1 + 3))
check "and not peer 2" test "$(last_irq ivshmem-peer)" = "$p2"

# ---- 3. isolation ----
check "systemctl stop cell@ivshmem-peer: peer 2's state goes to 0" \
	sh -c 'systemctl stop cell@ivshmem-peer && '"$CVLINK"' info | grep -q " peer2=-1:0"'
sed -e 's/^name: ivshmem-peer/name: link-fault/' -e '/^images:/,$d' /usr/share/cellvisor/cells/ivshmem-peer.yaml > /tmp/link-fault.yaml
cellctl config compile /tmp/link-fault.yaml -o /tmp/link-fault.bin
# fault_done ID: the cell failed, or beats after its attempt.
fault_done() { [ "$(hv_field state $($CVTOOL cellinfo $1))" = 3 ] || $CVTOOL cellconsole $1 | grep -q 'alive 1'; }
# fault MODE: fault-link in peer 2's place; leaves its id in $fid, its record in $finfo, its console in $fcon.
fault() {
	printf '%s\0' "$1" > /tmp/cmdline
	fid=$($CVTOOL create /tmp/link-fault.bin) && $CVTOOL load $fid $INM/fault-link.bin@0 /tmp/cmdline@0x1000 &&
		$CVTOOL start $fid || return 1
	wait_for 6 fault_done $fid
	finfo=$($CVTOOL cellinfo $fid)
	$CVTOOL cellconsole $fid | tr '\n' ' ' > /tmp/fcon
}
failed_at() { [ "$(hv_field state $finfo)" = 3 ] && [ "$(hv_field reason $finfo)" = 1 ] && [ "$(hv_field ipa $finfo)" = "$1" ]; }
p1=$(last_irq ivshmem-demo)
fault "mode=output peer=1"
check "a peer writing peer 1's output section fails at its IPA ($(hv_field ipa $finfo))" failed_at 0x7fafc000
check "and its state (3 while it ran) is 0 for the others" info_has " peer2=$fid:0\$"
$CVTOOL destroy $fid
fault "mode=state"
check "a peer writing the state table fails at its IPA ($(hv_field ipa $finfo))" failed_at $LINK
$CVTOOL destroy $fid
check "peer 1 and the root went on meanwhile" test "$(last_irq ivshmem-demo)" -ge $((p1 + 4))
fault "mode=probe"
check_output "refused without harm: past the registers, an absent function, read-only registers" \
	'past the registers: 0x0.*absent\): 0xffffffff.*vendor ID after writing it: 0x110a.*INT_CTRL after 0xfffffffe: 0x0.*ID after writing 7: 2, config space past its end: 0x0' \
	cat /tmp/fcon
check "and the cell goes on" grep -q 'alive 1' /tmp/fcon
$CVTOOL destroy $fid
fault "mode=ecam64"
check "an 8-byte access to the configuration space fails the cell ($(hv_field ipa $finfo))" failed_at 0x8e00000
$CVTOOL destroy $fid
fault "mode=regs16"
check "a 16-bit register access fails the cell ($(hv_field ipa $finfo))" failed_at 0xff000000
$CVTOOL destroy $fid

# A cell not on the link.
printf 'kind: cell\nname: thief\ncpus: 3\nmemory:\n  - { phys: 0x7faf0000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n' > /tmp/thief.yaml
check_output "config check refuses memory on the link's" "overlaps link 'ivshmem-demo' of the root cell" \
	sh -c 'cellctl config check /tmp/thief.yaml 2>&1; true'
# The same cell past config check: compiled elsewhere, its region moved onto the link.
sed -i 's/0x7faf0000/0x7f400000/' /tmp/thief.yaml
cellctl config compile /tmp/thief.yaml -o /tmp/thief.bin
hv_patch /tmp/thief.bin 288 '\000\000\257\177'
warn0=$(hv_warnings | wc -l)
check "so does the hypervisor (EINVAL)" sh -c "! $CVTOOL create /tmp/thief.bin && dmesg | grep -q 'cell \"thief\": the hypervisor refused to create it: -22'"
warn1=$(hv_warnings | wc -l)
check_output "and says why in its log" "link ivshmem-demo refused: a region of the new cell overlaps it" \
	sh -c "$CVTOOL console | tail -n 5"
sed -e 's/^name: ivshmem-peer/name: outsider/' -e '/^links:/,$d' /usr/share/cellvisor/cells/ivshmem-peer.yaml > /tmp/outsider.yaml
cellctl config compile /tmp/outsider.yaml -o /tmp/outsider.bin
printf 'addr=0x7faf1000\0' > /tmp/cmdline
oid=$($CVTOOL create /tmp/outsider.bin) && $CVTOOL load $oid $INM/fault-read-root-ram.bin@0 /tmp/cmdline@0x1000 && $CVTOOL start $oid
wait_for 6 fault_done $oid
finfo=$($CVTOOL cellinfo $oid)
check "a cell not on the link reading its R/W section fails there" failed_at 0x7faf1000
$CVTOOL destroy $oid

# The root.
root_irqs=$(grep -c '^Interrupt #' /tmp/root3.out)
check_output "the root's state table map refuses a writable mapping" \
	'writable: Operation not permitted.*mprotect writable: Permission denied' sh -c "$CVLINK map $DEV 1 | tr '\n' ' '"
check_output "so does its map of the other outputs" \
	'writable: Operation not permitted.*mprotect writable: Permission denied' sh -c "$CVLINK map $DEV 3 | tr '\n' ' '"
check_output "its own output section is writable" '^writable: mapped' $CVLINK map $DEV 4
check_output "past the registers the root reads 0" '^0x0$' $CVLINK reg $DEV 0x100 4
for a in "0 2" "2 4" "0 8" "0x0c 1 1"; do
	check "a register access of $a (offset, size) kills the program with SIGBUS" \
		sh -c "$CVLINK reg $DEV $a; test \$? = 135"
done
root_heard() { [ "$(grep -c '^Interrupt #' /tmp/root3.out)" -gt "$root_irqs" ]; }
check "the root's link still works" wait_for 3 root_heard
kill $rootpid; wait $rootpid 2>/dev/null

# ---- 4. lifecycle ----
cellctl config compile /usr/share/cellvisor/cells/ivshmem-peer.yaml -o /tmp/peer.bin
peer_up() { pid=$($CVTOOL create /tmp/peer.bin) && $CVTOOL load $pid $INM/ivshmem-demo.bin@0 && $CVTOOL start $pid; }
if peer_up; then pass "ivshmem-peer again: it reconnects as peer 2"; else fail "ivshmem-peer again"; fi
check "its state is seen by the others" wait_for 10 info_has " peer2=$pid:3"
p1=$(last_irq ivshmem-demo)
$CVTOOL destroy $pid
check "destroyed: state 0" info_has ' peer2=-1:0'
irq_after() { [ "$(last_irq ivshmem-demo)" -gt "$1" ]; }
check "and peer 1 got an interrupt for it" wait_for 5 irq_after $p1
pool0=$(pool_used) uio0=$(ls /sys/class/uio | wc -l) irqs0=$(wc -l < /proc/interrupts)
doorbell0=$(grep -c 'cellvisor-link:ivshmem-demo' /proc/interrupts)
ok=0
for i in $(seq 20); do
	peer_up && $CVTOOL destroy $pid && ok=$((ok + 1))
done
check "20 create/start/destroy cycles of peer 2" test $ok = 20
check "no pool page left behind ($pool0 -> $(pool_used))" test "$(pool_used)" = "$pool0"
check "no UIO device left behind" test "$(ls /sys/class/uio | wc -l)" = "$uio0"
check "no interrupt left behind (lines of /proc/interrupts, the link's doorbell once)" \
	sh -c "test \$(wc -l < /proc/interrupts) = $irqs0 && test \$(grep -c 'cellvisor-link:ivshmem-demo' /proc/interrupts) = $doorbell0"
p1=$(last_irq ivshmem-demo)
$CVLINK reg $DEV 0x0c 4 0x10000 > /dev/null
check "peer 1 still answers the root's doorbell" wait_for 5 irq_after $p1

# ---- 5. bad configs: config check names the line and what is wrong ----
CELLS=/usr/share/cellvisor/cells
# bad_config SED WHAT ERROR: ivshmem-peer.yaml edited by SED, checked with ivshmem-demo.yaml, fails with ERROR at a line of it.
bad_config() {
	sed "$1" $CELLS/ivshmem-peer.yaml > /tmp/bad.yaml
	check "config check: $2" sh -c "! cellctl config check $CELLS/ivshmem-demo.yaml /tmp/bad.yaml > /tmp/bad.out 2>&1 &&
		grep -F -- \"/tmp/bad.yaml:\" /tmp/bad.out | grep -qF -- \": error: $3\""
}
bad_config 's/id: 2/id: 1/' "a peer ID taken" "peer ID 1 of link 'ivshmem-demo' is taken by cell 'ivshmem-demo'"
bad_config 's/id: 2/id: 3/' "a peer ID not below the peers" "peer ID 3 of link 'ivshmem-demo' is not below its number of peers (3)"
bad_config 's/output-size: 8K/output-size: 4K/' "members that disagree on the layout" \
	"link 'ivshmem-demo' differs from its description in the root cell"
bad_config 's/^vpci-irq-base: 140/vpci-irq-base: 141/' "an INTx SPI the cell does not own" \
	"link 'ivshmem-demo' in slot 0 interrupts the cell with INTID 141 (vpci-irq-base + slot % 4), which is not in the cell's 'irqs'"
bad_config 's/0x7faf0000/0x6fe00000/' "link memory in Linux's RAM" "link 'ivshmem-demo' memory 0x6fe00000 +0x10000 is in Linux's own RAM"

diag "pool pages: $pool_link with the root's link (after enable), $pool0 with ivshmem-demo's cell"
check "cells gone, the hypervisor off: the link's UIO device goes" \
	sh -c 'systemctl stop cell@ivshmem-demo && systemctl stop cellvisor.service && udevadm settle && ! test -e '$DEV
if [ "$(hv_warnings | wc -l)" = $((warn_start + warn1 - warn0)) ]; then
	pass "no kernel warning but the module's word on the refused cell"
else
	fail "no kernel warning but the module's word on the refused cell"; hv_warnings | sed 's/^/#   /'
fi
