#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Contained faults. gic-demo runs on CPU 3 the whole
# time; each fault inmate runs in a second cell on CPU 2 and attacks
# something it was not given:
#   - memory that is really someone else's: a page Linux uses (a marker in
#     it), gic-demo's RAM, the hypervisor's own memory, each at its physical
#     address -> the cell fails, with ESR, FAR, IPA and PC kept, and the
#     owner's data stays;
#   - what a guest may try without faulting: the root disk's SPI and the
#     root's console doorbell through GICD (disable, unpend, reprioritise,
#     route, enable), SGIs to a root CPU and to gic-demo's CPU, PSCI
#     CPU_ON of a root CPU and of gic-demo's CPU, an unknown hypercall ->
#     nothing happens outside the cell.
# After each, the root's disk interrupts still arrive, CPU 0 runs tasks,
# gic-demo still ticks and saw no stray interrupt, the kernel has nothing to
# say, and the failed cell's CPU and memory take the next inmate.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 47

cat > /tmp/attacker.yaml <<'EOF'
kind: cell
name: attacker
cpus: 2
virtual-console: active
memory:
  - { phys: 0x7f900000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }
EOF
compile_configs() {
	hv_system_blob /tmp/sys.bin &&
		cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o /tmp/gic.bin &&
		cellctl config compile /tmp/attacker.yaml -o /tmp/attacker.bin
}
check "configs compile (system, gic-demo, attacker on CPU 2)" compile_configs
modprobe cellvisor && insmod /usr/lib/cellvisor/tests/cvhc.ko
check "enable" $CVTOOL enable /tmp/sys.bin
warn0=$(hv_warnings | wc -l)

gid=$($CVTOOL create /tmp/gic.bin) && $CVTOOL load $gid $INM/gic-demo.bin@0 && $CVTOOL start $gid
ticked() { [ "$(timer_lines $1)" -ge 5 ]; }
check "gic-demo runs on CPU 3 (id $gid)" wait_for 10 ticked $gid

# The root's disk: its virtio device, the SPI (INTID) it uses, its count.
vdev=$(basename "$(readlink -f /sys/block/vda/device)")
# A /proc/interrupts line: "N: <one count per online CPU> GICv3 INTID
# Edge|Level name" (CPUs given to cells have no column).
irq_line() { grep -m1 -E -- "$1" /proc/interrupts; }
irq_total() {	# irq_total PATTERN: the counts summed
	local w sum=0
	for w in $(irq_line "$1" | cut -d: -f2); do
		case $w in *[!0-9]*) break ;; esac
		sum=$((sum + w))
	done
	echo $sum
}
disk_irq=$(irq_line " $vdev\$" | sed -n 's/.* GICv3 *\([0-9]*\) .*/\1/p')
disk_count() { irq_total " $vdev\$"; }
check "the root disk ($vdev) has an SPI: INTID $disk_irq" test "${disk_irq:-0}" -ge 32
ipi6_cpu0() { set -- $(irq_line '^ *IPI6:'); echo $2; }

# attack IMAGE [CMDLINE]: run IMAGE in the attacker cell for 3 s; leaves
# its cellinfo in $info and its console in $con, and the IRQs injected into
# gic-demo before it in $virq_before; the cell stays until `finish`.
gic_virqs() { hv_field virq $($CVTOOL stats 3); }
attack() {
	local args=()
	virq_before=$(gic_virqs)
	[ -n "$2" ] && { printf '%s\0' "$2" > /tmp/cmdline; args=(/tmp/cmdline@0x1000); }
	aid=$($CVTOOL create /tmp/attacker.bin) &&
		$CVTOOL load $aid $INM/$1.bin@0 "${args[@]}" && $CVTOOL start $aid || return 1
	sleep 3
	info=$($CVTOOL cellinfo $aid)
	con=$($CVTOOL cellconsole $aid)
	printf '%s\n' "$con" | tail -n 3 | sed 's/^/#   /'
}
# finish: destroy the attacker; CPU 2 must be Linux's again.
finish() { $CVTOOL destroy $aid && [ "$(cat /sys/devices/system/cpu/online)" = 0-2 ]; }
# bystanders_ok: gic-demo kept getting its timer IRQs (its console ring
# holds only the last few seconds, so its IRQ count says it) and printed
# nothing about another interrupt.
bystanders_ok() {
	[ "$(gic_virqs)" -gt "$((virq_before + 10))" ] && ! $CVTOOL cellconsole $gid | grep -q 'spurious' &&
		$CVTOOL cellinfo $gid | grep -q 'state=0 cpus=0x8 failed=0x0'
}

# --- memory that is someone else's: the cell fails, the fault is kept ---
page=$($CVTOOL markpage)	# a page Linux uses, a marker at its start
attack fault-read-root-ram "addr=$page"
check_output "reading a page Linux uses ($page): the cell failed, reason data-abort, IPA and PC kept" \
	"state=3 cpus=0x4 failed=0x4 reason=1 .*ipa=$page pc=0x[1-9a-f]" echo "$info"
check_output "the page still holds Linux's marker" 'holds 0x5ec2e7ab00000001' \
	sh -c "insmod $CVPEEK phys=$page 2>/dev/null; dmesg | grep cvpeek: | tail -n 1"
check "gic-demo kept ticking beside it, nothing stray" bystanders_ok
check "the failed cell is destroyed, CPU 2 back in Linux" finish
attack fault-read-root-ram "addr=0x7fa00000"
check_output "reading gic-demo's RAM at its physical address: the cell failed there" \
	'state=3 cpus=0x4 failed=0x4 reason=1 .*ipa=0x7fa00000 ' echo "$info"
finish_undisturbed() { finish && bystanders_ok; }
check "destroyed; gic-demo undisturbed" finish_undisturbed
attack fault-write-hv
check_output "writing the hypervisor's memory: the cell failed, the fault recorded" \
	'state=3 cpus=0x4 failed=0x4 reason=1 .*ipa=0x7fc' echo "$info"
check "as a write (ESR.WnR set)" test $(( $(hv_field esr $info) & 0x40 )) != 0
check "the hypervisor and gic-demo carry on" bystanders_ok
check "destroyed; CPU 2 back" finish

# --- the root disk's SPI, through the distributor ---
n0=$(disk_count)
attack fault-gicd-foreign-irq "irq=$disk_irq"
check_output "the cell sees INTID $disk_irq as not enabled and not routed to it" \
	"GICD_ISENABLER[0-9]+ reads 0x[0-9a-f]+: INTID $disk_irq not enabled; IROUTER reads 0x0[[:space:]]*\$" echo "$con"
check_output "and keeps running (the writes were dropped, not faulted)" 'state=0 cpus=0x4 failed=0x0' echo "$info"
disk_io() {
	dd if=/dev/urandom of=/var/tmp/io bs=1M count=4 oflag=direct status=none &&
		dd if=/var/tmp/io of=/dev/null bs=1M iflag=direct status=none
}
check "the root disk still works" disk_io
n1=$(disk_count)
check "its interrupts still reach the root ($n0 -> $n1)" test "$n1" -gt "$n0"
check "gic-demo undisturbed" bystanders_ok
check "destroyed; CPU 2 back" finish

# --- a root doorbell (INTID 120, the consoles'), through the distributor ---
d0=$(hv_irq_total cellvisor-console)
attack fault-gicd-foreign-irq "irq=120"
check_output "the cell sees root doorbell 120 as not enabled and not routed to it" \
	"GICD_ISENABLER[0-9]+ reads 0x[0-9a-f]+: INTID 120 not enabled; IROUTER reads 0x0[[:space:]]*\$" echo "$con"
d1=$(hv_irq_total cellvisor-console)
check "the doorbell still reaches the root while gic-demo prints ($d0 -> $d1)" test "$d1" -gt "$d0"
check_output "the cell ran on" 'state=0 cpus=0x4 failed=0x0' echo "$info"
check "gic-demo undisturbed" bystanders_ok
check "destroyed; CPU 2 back" finish

# --- SGIs to CPUs outside the cell ---
i0=$(ipi6_cpu0)
attack fault-sgi-root "mpidr=0 sgi=6"
check_output "SGI 6 to root CPU 0: sent, the cell runs on" 'fault-sgi-root: done' echo "$con"
check_output "the cell is running" 'state=0 cpus=0x4 failed=0x0' echo "$info"
check "CPU 0 saw no SGI 6 (its IPI6 count $i0 -> $(ipi6_cpu0))" test -n "$i0" -a "$(ipi6_cpu0)" = "$i0"
check "destroyed; CPU 2 back" finish
attack fault-sgi-root "mpidr=3 sgi=5"
check_output "SGI 5 to gic-demo's CPU 3: sent" 'fault-sgi-root: done' echo "$con"
check "gic-demo got no such interrupt and keeps ticking" bystanders_ok
check "destroyed; CPU 2 back" finish

# --- PSCI CPU_ON for CPUs outside the cell ---
attack fault-psci-cpu-on "mpidr=0"
check_output "CPU_ON of root CPU 0 is refused" 'CPU_ON returned -[23] \((DENIED|INVALID_PARAMETERS)\)' echo "$con"
check "CPU 0 is Linux's and runs tasks" sh -c 'taskset -c 0 true && [ "$(cat /sys/devices/system/cpu/online)" = 0-1 ]'
check "destroyed; CPU 2 back" finish
attack fault-psci-cpu-on "mpidr=3"
check_output "CPU_ON of gic-demo's CPU 3 is refused" 'CPU_ON returned -[23] \((DENIED|INVALID_PARAMETERS)\)' echo "$con"
uncontained() { $CVTOOL cellconsole $gid | grep -q 'NOT contained' || printf '%s\n' "$con" | grep -q 'NOT contained'; }
check "no CPU runs the attacker's code" eval '! uncontained'
check "gic-demo undisturbed" bystanders_ok
check "destroyed; CPU 2 back" finish

# --- an unknown hypercall ---
attack fault-unknown-hvc
check_output "an unknown hypercall returns -38 (ENOSYS) to the cell, which runs on" \
	'returned -38' echo "$con"
check_output "still running, beating" 'state=0 cpus=0x4 failed=0x0' echo "$info"
check "destroyed; CPU 2 back" finish

# --- the failed cells' resources are whole: gic-demo takes CPU 2 and that memory ---
uid=$($CVTOOL create /tmp/attacker.bin) && $CVTOOL load $uid $INM/gic-demo.bin@0 && $CVTOOL start $uid
check "a good inmate runs in the attacker's CPU and memory" wait_for 10 ticked $uid
check "destroy it and gic-demo; all CPUs back" sh -c \
	"$CVTOOL destroy $uid && $CVTOOL destroy $gid && [ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
check "the root keeps working (8 MiB written and compared)" sh -c \
	'dd if=/dev/urandom of=/var/tmp/c bs=1M count=8 status=none && cp /var/tmp/c /var/tmp/d && cmp /var/tmp/c /var/tmp/d'
new=$(hv_warnings | tail -n +$((warn0 + 1)))
printf '%s\n' "$new" | sed '/^$/d; s/^/#   /'
check "the kernel had nothing to warn about through all of it" test -z "$new"
check "disable" $CVTOOL disable
