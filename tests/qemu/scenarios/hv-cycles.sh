#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Enable/disable cycles: disable hands every CPU back to the Linux hyp
# stub at EL1 and enabling again works, 20 cycles in a row with the page
# pool at its baseline after each enable; bad input is refused with a
# reason and changes nothing.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 27

blob=/tmp/system.bin
check "the QEMU system config compiles (cellctl config compile)" hv_system_blob $blob
check "modprobe cellvisor" modprobe cellvisor
warn0=$(hv_warnings | wc -l)
ref0=$(cat /sys/module/cellvisor/refcnt)
check_output "before enable every CPU's EL2 is the Linux stub" \
	'^0:stub 1:stub 2:stub 3:stub$' cat $CVSYS/cpu_el2

# --- scenario 5: bad input changes nothing and says why ---
# expect_refusal DESC ERRNO-TEXT DMESG-PATTERN COMMAND...: the command
# fails with that error, the kernel log says why, and the enabled state
# is what it was.
expect_refusal() {
	local desc=$1 err=$2 pat=$3 out rc lines before
	shift 3
	lines=$(dmesg | wc -l); before=$(cat $CVSYS/enabled)
	out=$("$@" 2>&1); rc=$?
	if [ $rc = 1 ] && echo "$out" | grep -q "$err" &&
	   dmesg | tail -n +$((lines + 1)) | grep -Eq "$pat" &&
	   [ "$(cat $CVSYS/enabled)" = "$before" ]; then
		pass "$desc"
	else
		fail "$desc (rc=$rc)"; diag "$out"
		dmesg | tail -n +$((lines + 1)) | sed 's/^/#   /'
	fi
}

cp $blob /tmp/overlap.bin; hv_patch /tmp/overlap.bin $HV_OFF_HV_PHYS '\000\000\000\140\000\000\000\000'
expect_refusal "hypervisor memory inside Linux RAM (0x60000000): EINVAL, named" \
	'Invalid argument' 'memory overlaps the hypervisor' $CVTOOL enable /tmp/overlap.bin
cp $blob /tmp/cpus.bin; hv_patch /tmp/cpus.bin $HV_OFF_ROOT_CPUS '\007'
expect_refusal "root CPU set 0-2 while CPU 3 is online: EINVAL, named" \
	'Invalid argument' 'CPU 3 is online but not in the root cell' $CVTOOL enable /tmp/cpus.bin
head -c 1000 $blob > /tmp/trunc.bin
expect_refusal "a truncated blob: EINVAL, size named" \
	'Invalid argument' 'size does not match' $CVTOOL enable /tmp/trunc.bin
cp $blob /tmp/corrupt.bin; hv_patch /tmp/corrupt.bin 0 'XXXX'
expect_refusal "a blob with a corrupted signature: EINVAL, named" \
	'Invalid argument' 'bad signature' $CVTOOL enable /tmp/corrupt.bin
cp $blob /tmp/rev.bin; hv_patch /tmp/rev.bin 8 '\177'
expect_refusal "a blob with a foreign revision: EINVAL, named" \
	'Invalid argument' 'revision mismatch' $CVTOOL enable /tmp/rev.bin
cp $blob /tmp/gic.bin; hv_patch /tmp/gic.bin $HV_OFF_REGION0_SIZE '\000\000\001\010'
expect_refusal "a root region over the GIC: EINVAL, named (the rules the hypervisor applies too)" \
	'Invalid argument' 'covers the GIC' $CVTOOL enable /tmp/gic.bin
# refused inside the hypervisor: every CPU entered EL2 and must come back
cp $blob /tmp/mpidr.bin; hv_patch /tmp/mpidr.bin $HV_OFF_MPIDR2 '\007'
expect_refusal "a wrong MPIDR for CPU 2, found after per-CPU set-up: all CPUs roll back" \
	'Invalid argument' 'hypervisor says: CPU 2 has MPIDR' $CVTOOL enable /tmp/mpidr.bin
expect_refusal "disable while not enabled: EINVAL, named" \
	'Invalid argument' 'not enabled' $CVTOOL disable
check_output "after all that the hypervisor is still off" '^0$' cat $CVSYS/enabled
check_output "and every CPU's EL2 is still the Linux stub" \
	'^0:stub 1:stub 2:stub 3:stub$' cat $CVSYS/cpu_el2
check "enable works after the refusals" $CVTOOL enable $blob
expect_refusal "enable twice: EBUSY, named" \
	'Device or resource busy' 'already enabled' $CVTOOL enable $blob
check_output "the running hypervisor is untouched by the second enable" '^enabled=1 ' $CVTOOL info
base=$(cat $CVSYS/mem_pool_used)
diag "page pool after the first enable: $base of $(cat $CVSYS/mem_pool_size) pages"
# A disable hypercall from one CPU alone (cvhc.ko, past the module): the
# others never come, so after its rendezvous timeout (2 s; its sleep ends
# on the EL2 timer or on the root's own interrupts) it takes its arrival
# back and stays.
insmod /usr/lib/cellvisor/tests/cvhc.ko
t0=$(date +%s%N)
check_output "a lone CPU's disable hypercall gives up: EBUSY" '^result=-16$' $CVTOOL hc 0
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "it waited the rendezvous out first (${ms} ms, 2 s timeout)" test $ms -ge 2000
rmmod cvhc
check_output "every CPU is still under the hypervisor" \
	'^0:cellvisor 1:cellvisor 2:cellvisor 3:cellvisor$' cat $CVSYS/cpu_el2
check "disable" $CVTOOL disable
check_output "after disable every CPU's EL2 is the Linux stub again (EL1 + stub)" \
	'^0:stub 1:stub 2:stub 3:stub$' cat $CVSYS/cpu_el2

# --- scenario 4: 20 cycles ---
bad=0; pools=""
t0=$(date +%s%N)
for i in $(seq 20); do
	$CVTOOL enable $blob || { bad=$((bad + 1)); continue; }
	u=$(cat $CVSYS/mem_pool_used); pools="$pools $u"
	[ "$u" = "$base" ] || bad=$((bad + 1))
	[ "$(cat $CVSYS/cpu_el2)" = "0:cellvisor 1:cellvisor 2:cellvisor 3:cellvisor" ] || bad=$((bad + 1))
	$CVTOOL disable || bad=$((bad + 1))
	[ "$(cat $CVSYS/cpu_el2)" = "0:stub 1:stub 2:stub 3:stub" ] || bad=$((bad + 1))
done
t1=$(date +%s%N)
diag "pool used after each enable:$pools; 20 cycles took $(( (t1 - t0) / 1000000 )) ms"
check "20 enable/disable cycles, pool at baseline ($base) after each enable, CPUs in the stub after each disable" \
	test $bad = 0
check "the root still runs all CPUs" test "$(cat /sys/devices/system/cpu/online)" = 0-3
check "Linux still works: a file written and read back" \
	sh -c 'dd if=/dev/urandom of=/var/tmp/x bs=1M count=8 status=none && sync && cmp /var/tmp/x /var/tmp/x'
check_output "the hypervisor log survives disable (last snapshot readable)" 'cellvisor disabling' $CVTOOL console
check "the module's use count is back where it was ($ref0; enable holds one)" \
	test "$(cat /sys/module/cellvisor/refcnt)" = "$ref0"
new=$(hv_warnings | tail -n +$((warn0 + 1)) | grep -v 'cellvisor: ')
check "no kernel warnings through all of it (besides the refusals)" test -z "$new"
[ -z "$new" ] || echo "$new" | sed 's/^/#   /'
