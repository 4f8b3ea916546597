#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Enable the EL2 core under the running
# Debian root; 60 s of load on every CPU (CPU-bound work, disk reads with
# checksums, timers) with interrupts arriving everywhere and no new kernel
# warnings; per-CPU exit statistics over a 10 s idle window; CPU 3 offline
# and online again; the root reading hypervisor memory gets an abort and
# everything carries on; disable.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 27

blob=/tmp/system.bin
check "the QEMU system config compiles (cellctl config compile)" hv_system_blob $blob
check "modprobe cellvisor" modprobe cellvisor
data=/var/tmp/hv-data
dd if=/dev/urandom of=$data bs=1M count=16 status=none
sum0=$(md5sum < $data)
warn0=$(hv_warnings | wc -l)

check "cvtool enable: the EL2 core comes up on all 4 CPUs" $CVTOOL enable $blob
check_output "sysfs says enabled" '^1$' cat $CVSYS/enabled
log=$($CVTOOL console)
check_output "the hypervisor log has the banner" '^cellvisor [0-9]+\.[0-9]+: enabling on 4 CPUs' echo "$log"
check_output "the hypervisor log says all 4 CPUs are in" '^cellvisor enabled on 4 CPUs, page pool' echo "$log"
check_output "every CPU answers hvc #0 as cellvisor, not as the Linux stub" \
	'^0:cellvisor 1:cellvisor 2:cellvisor 3:cellvisor$' cat $CVSYS/cpu_el2
used=$(cat $CVSYS/mem_pool_used); size=$(cat $CVSYS/mem_pool_size)
diag "page pool after enable: $used of $size pages used"

# --- scenario 6: statistics over a 10 s idle window ---
sleep 2
$CVTOOL snapshot > /tmp/hv-s0; sleep 10; $CVTOOL snapshot > /tmp/hv-s1
moved=0; sum_tot=0; sum_ticks=0
for c in 0 1 2 3; do
	l0=$(grep "^cpu=$c " /tmp/hv-s0); l1=$(grep "^cpu=$c " /tmp/hv-s1)
	line="cpu$c:"
	for s in total virq vsgi mmio sysreg hypercall psci maintenance management timer; do
		d=$(( $(hv_field $s $l1) - $(hv_field $s $l0) ))
		eval "d_$s=$d"
		line="$line $s=$d"
	done
	[ $d_total -gt 0 ] && moved=$((moved + 1))
	sum_tot=$((sum_tot + d_total)); sum_ticks=$((sum_ticks + d_timer))
	diag "idle 10 s, $line; exits/s=$((d_total / 10)) exits/tick=$(hv_ratio $d_total $d_timer)" \
	     "irq-exits/tick=$(hv_ratio $d_virq $d_timer)"
done
diag "idle root, all CPUs: $((sum_tot / 10)) exits/s, $(hv_ratio $sum_tot $sum_ticks) exits per timer tick"
check "exit counters of every CPU move over a 10 s idle window ($moved/4)" test $moved = 4

# --- scenario 1: 60 s of load ---
vdev=$(basename "$(readlink -f /sys/block/vda/device)")
i0=$(hv_irqs arch_timer); v0=$(hv_irqs "$vdev\$")
for c in 0 1 2 3; do taskset -c $c timeout 60 sh -c 'while :; do :; done' & done
( end=$(( $(date +%s) + 60 )); ok=0; bad=0
  while [ $(date +%s) -lt $end ]; do
	echo 3 > /proc/sys/vm/drop_caches
	if [ "$(md5sum < $data)" = "$sum0" ]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
  done; echo "$ok $bad" > /tmp/hv-reads ) &
( worst=0; for i in 1 2 3 4 5; do
	s=$(date +%s%N); nice -n -10 sleep 2; e=$(date +%s%N)
	ms=$(( (e - s) / 1000000 )); [ $ms -gt $worst ] && worst=$ms
	[ $ms -lt 2000 ] && worst=0 && break
  done; echo $worst > /tmp/hv-sleep ) &
wait
read ok bad < /tmp/hv-reads
check "60 s of disk reads under load: $ok checksums right, $bad wrong" test "$ok" -gt 0 -a "$bad" = 0
ms=$(cat /tmp/hv-sleep)
check "timers under load: 5 x sleep 2, none early, the slowest took ${ms} ms (< 30 s under TCG)" \
	test "$ms" -ge 2000 -a "$ms" -lt 30000
i1=$(hv_irqs arch_timer); v1=$(hv_irqs "$vdev\$")
diag "arch_timer before: $i0, after: $i1; virtio before: $v0, after: $v1"
all=1
for c in 1 2 3 4; do
	[ "$(hv_nth $c $i1)" -gt "$(hv_nth $c $i0)" ] || all=0
done
check "timer interrupts arrived on every CPU during the load" test $all = 1
vs0=$(( $(echo $v0 | tr ' ' '+') )); vs1=$(( $(echo $v1 | tr ' ' '+') ))
check "disk ($vdev) interrupts arrived during the load ($vs0 -> $vs1)" test "$vs1" -gt "$vs0"
warn1=$(hv_warnings | wc -l)
check "nothing new in dmesg at warning level or worse" test "$warn1" = "$warn0"
[ "$warn1" = "$warn0" ] || hv_warnings | tail -n +$((warn0 + 1)) | sed 's/^/#   /'
check_output "the hypervisor is still enabled after the load" '^1$' cat $CVSYS/enabled

# --- scenario 2: CPU 3 offline and online while enabled ---
psci0=$(hv_stat 3 psci)
check "CPU 3 goes offline (PSCI CPU_OFF parks it in the hypervisor)" \
	sh -c 'echo 0 > /sys/devices/system/cpu/cpu3/online'
check_output "Linux lists CPUs 0-2 online" '^0-2$' cat /sys/devices/system/cpu/online
check "CPU 3 comes back online (emulated PSCI CPU_ON)" \
	sh -c 'echo 1 > /sys/devices/system/cpu/cpu3/online'
check_output "Linux lists CPUs 0-3 online" '^0-3$' cat /sys/devices/system/cpu/online
c0=$(hv_nth 4 $(hv_irqs arch_timer)); sleep 2; c1=$(hv_nth 4 $(hv_irqs arch_timer))
check "CPU 3 takes timer interrupts again ($c0 -> $c1)" test "$c1" -gt "$c0"
check "CPU 3's PSCI exit counter moved ($psci0 -> $(hv_stat 3 psci))" test "$(hv_stat 3 psci)" -gt "$psci0"
warn2=$(hv_warnings | wc -l)
check "no kernel warnings from the hot-plug" test "$warn2" = "$warn1"
[ "$warn2" = "$warn1" ] || hv_warnings | tail -n +$((warn1 + 1)) | sed 's/^/#   /'

# --- scenario 3: the root reads hypervisor memory ---
hv=$(printf '0x%x' $(( $(od -An -tu8 -j $HV_OFF_HV_PHYS -N8 $blob) )))
insmod $CVPEEK phys=$hv > /tmp/hv-peek 2>&1; rc=$?
check "reading hypervisor memory at $hv from the root fails (insmod rc=$rc)" test $rc -ne 0
check_output "Linux reports it as a synchronous external abort" \
	'synchronous external abort' sh -c 'dmesg | tail -n 60'
check_output "the hypervisor logged the forbidden access" "forbidden trap.*IPA $hv" $CVTOOL console
check_output "the hypervisor carries on (info via hypercall)" '^enabled=1 ' $CVTOOL info
check "Linux carries on: the data still reads back right" sh -c "test \"\$(md5sum < $data)\" = '$sum0'"
check "disable returns every CPU to Linux" $CVTOOL disable
