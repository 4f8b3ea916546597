#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A second Linux in a cell, with its own NIC:
# cellctl linux boots the stock kernel in linux-demo (CPUs 2-3) while the
# root copies and checks files; its shell answers through cellctl console
# (typed by expect); root and cell ping each other over the NICs QEMU
# joins by a hub; U-Boot for QEMU virt runs unmodified in a cell beside it;
# cell@linux-demo boots the same from the YAML, logs to the journal, reboots
# and powers off from inside, and gives the NIC back to the root, which
# then carries traffic; bad input is refused with nothing changed; ten
# boot/destroy cycles (the first to the shell, the others destroyed
# mid-boot) leak nothing. Figures (time to the shell, device tree
# size, exits of the idle cell, its page tables) are # lines.
. /usr/lib/cellvisor-test/tap.sh
plan 57

SHELL_EXP="expect /usr/lib/cellvisor-test/cell-shell.exp"
PROMPT='linux-demo# '
KERNEL=/vmlinuz
INITRD=/var/lib/cellvisor/linux-demo/initrd.img
CMDLINE="console=ttyAMA0 earlycon=pl011,mmio32,0x09000000 cma=0"
NIC_DEV=/sys/bus/platform/devices/a000000.virtio_mmio
BUS=org.cellvisor.cellmgr1
OBJ=/org/cellvisor/cellmgr1
MGR=org.cellvisor.cellmgr1.Manager

# The network interface with MAC $1 (the rig sets them).
nic() { local i; for i in /sys/class/net/*; do [ "$(cat $i/address)" != "$1" ] || basename $i; done; }
# A command typed into linux-demo's shell; its output on stdout.
in_cell() { $SHELL_EXP linux-demo "$PROMPT" 90 "$@"; }
pool_used() { busctl get-property $BUS $OBJ $MGR MemoryPoolUsed | cut -d' ' -f2; }
cpus_online() { cat /sys/devices/system/cpu/online; }
nic_bound() { [ "$(basename "$(readlink $NIC_DEV/driver)")" = virtio-mmio ]; }
nothing_changed() {
	[ "$(cellctl list --no-legend)" = "" ] && [ "$(cpus_online)" = 0-3 ] && [ "$(pool_used)" = "$POOL1" ] &&
		nic_bound
}
boots_seen() { journalctl -u cell@linux-demo -o cat | grep -c 'cell-init: Linux'; }

wait_for 30 systemctl is-active cellmgrd
check "systemctl start cellvisor.service" timeout 180 systemctl start cellvisor.service
POOL0=$(pool_used)
ROOT_NIC=$(nic 52:54:00:cf:00:01)
ip addr add 10.0.0.1/24 dev "$ROOT_NIC" && ip link set "$ROOT_NIC" up
check "at boot the root's virtio_mmio drives the NIC meant for the cell" nic_bound

check_output "cellctl dtb writes the device tree linux-demo gets" 'device tree at 0x' \
	cellctl dtb linux-demo -o /tmp/linux-demo.dtb
diag "figure: the generated device tree of linux-demo is $(stat -c %s /tmp/linux-demo.dtb) bytes"

# --- 1. cellctl linux, while the root copies files and checks them ---
head -c 32M /dev/urandom > /var/tmp/io.src
SUM=$(sha256sum < /var/tmp/io.src)
rm -f /tmp/io.stop
(while [ ! -e /tmp/io.stop ]; do
	cp /var/tmp/io.src /var/tmp/io.dst && sync && echo 3 > /proc/sys/vm/drop_caches && sha256sum < /var/tmp/io.dst
done > /tmp/io.sums) &
t0=$(date +%s%N)
check_output "cellctl linux linux-demo /vmlinuz -i initrd -c ... creates, loads and starts it" \
	'booting Linux' cellctl linux linux-demo $KERNEL -i $INITRD -c "$CMDLINE"
check "the cell's Linux reaches its shell prompt" in_cell
t1=$(date +%s%N)
diag "figure: cellctl linux to the cell's shell prompt: $(( (t1 - t0) / 1000000 )) ms guest time"
check_output "uname -r in the cell answers the stock kernel's release" "^$(uname -r)\$" in_cell 'uname -r'
check_output "nproc in the cell answers 2" '^2$' in_cell nproc
mem=$(in_cell "grep MemTotal /proc/meminfo" | tr -s ' ' | cut -d' ' -f2)
if [ -n "$mem" ] && [ "$mem" -gt 65536 ] && [ "$mem" -le 131072 ]; then
	pass "/proc/meminfo in the cell shows its 128 MiB ($mem kB), not the root's"
else
	fail "/proc/meminfo in the cell shows its 128 MiB (got '$mem' kB)"
fi
check_output "the root runs on CPUs 0-1 meanwhile" '^0-1$' cpus_online
check_output "the root's own nproc is 2" '^2$' nproc
touch /tmp/io.stop
wait
if [ -s /tmp/io.sums ] && [ "$(sort -u /tmp/io.sums)" = "$SUM" ]; then
	pass "the root's disk I/O kept going during the cell's boot: $(wc -l < /tmp/io.sums) copies, all checksums right"
else
	fail "the root's disk I/O kept going during the cell's boot"; diag "$(sort /tmp/io.sums | uniq -c)"
fi
check_output "the cell took the NIC: the root's driver let go of it" 'lets go of a000000.virtio_mmio' \
	sh -c 'dmesg | grep "linux-demo"'
check "the root's driver is unbound from it" sh -c "! test -e $NIC_DEV/driver"

# --- 2. networking ---
check_output "the cell's NIC is there" '52:54:00:cf:00:02' in_cell 'ip link show eth0'
check "the cell configures it" in_cell 'ip addr add 10.0.0.2/24 dev eth0' 'ip link set eth0 up'
check_output "root -> cell: ping -c 5 succeeds" ' 0% packet loss' ping -c 5 -W 5 10.0.0.2
check_output "cell -> root: ping -c 5 succeeds" ' 0% packet loss' in_cell 'ping -c 5 -W 5 10.0.0.1'

# --- figures of the idle cell ---
sleep 2
snap() { for c in 2 3; do for k in total mmio virt_irq virt_sgi sysreg hypercall psci maintenance management; do
	cat /sys/devices/cellvisor/statistics/cpu$c/vmexits_$k; done; done; }
a=($(snap)); sleep 10; b=($(snap)); d=
for i in "${!a[@]}"; do d+=" $(( b[i] - a[i] ))"; done
diag "figure: EL2 exits of the idle linux-demo in 10 s, CPU 2 then CPU 3, each:"
diag "  total mmio virq vsgi sysreg hvc psci maint mgmt:$d"
diag "figure: $(cellctl status linux-demo | grep 'HV pool')"

# --- 5. U-Boot for QEMU virt, unmodified, on CPU 1 beside it ---
check "systemctl start cell@u-boot" timeout 180 systemctl start cell@u-boot
uboot() { $SHELL_EXP u-boot '=> $' 90 "$@" | tr '\n' ' '; }
check_output "'version' typed into U-Boot's console prints its version" '^U-Boot 2023\.01' uboot '?version'
check_output "'bdinfo' shows the cell's RAM: 64 MiB at 0x40000000" 'start += 0x0*40000000 .*size += 0x0*4000000' \
	uboot '?bdinfo'
check "systemctl stop cell@u-boot" timeout 120 systemctl stop cell@u-boot

# --- 6. bad input: a clear error each, and nothing changed ---
check "cellctl destroy linux-demo" cellctl destroy linux-demo
check "the root has its CPUs back" wait_for 30 sh -c '[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]'
check "and its driver has the NIC again" wait_for 30 nic_bound
# The root's stage 2 merges the tables it split for the cells' regions back
# into blocks: from now on the pool must come back to this each time.
POOL1=$(pool_used)
diag "figure: pool pages after enable $POOL0, after the first cells are gone $POOL1"
refused() {		# refused DESC PATTERN COMMAND...: exit 1, PATTERN in the error, nothing changed
	local desc=$1 pat=$2 out rc
	shift 2
	out=$("$@" 2>&1); rc=$?
	if [ $rc = 1 ] && grep -Eq -- "$pat" <<< "$out" && nothing_changed; then
		pass "refused: $desc"
	else
		fail "refused: $desc (rc $rc)"; diag "$out"; diag "cells: $(cellctl list --no-legend) CPUs: $(cpus_online)"
	fi
}
refused "a kernel that is not an arm64 Image" 'not an arm64 Linux Image' \
	cellctl linux linux-demo /etc/os-release -i $INITRD
truncate -s 200M /var/tmp/big.img
refused "an initrd that does not fit in the cell's RAM" 'initrd \(200\.0 MiB\) does not fit' \
	cellctl linux linux-demo $KERNEL -i /var/tmp/big.img
truncate -s 3M /var/tmp/big.dtb
refused "a device tree over the boot protocol's 2 MiB" 'device tree /var/tmp/big.dtb is larger than 2 MiB' \
	cellctl linux linux-demo $KERNEL -d /var/tmp/big.dtb
rm -f /var/tmp/big.img /var/tmp/big.dtb
refused "a command line of 2100 bytes" 'Linux takes at most 2047' \
	cellctl linux linux-demo $KERNEL -c "$(head -c 2100 /dev/zero | tr '\0' x)"
mkdir -p /etc/cellvisor/cells
sed 's/address: 0x0a000000/address: 0x60000000/' /usr/share/cellvisor/cells/linux-demo.yaml > /tmp/not-root.yaml
refused "a device the root does not own" "device 'virtio_mmio' .* is not the root cell's to give" \
	cellctl linux /tmp/not-root.yaml $KERNEL
sed 's/    phys: 0x80000000/    phys: 0x90000000\n    virt: 0x80000000/' /usr/share/cellvisor/cells/linux-demo.yaml \
	> /tmp/not-identity.yaml
refused "RAM not mapped 1:1 with a DMA device" "device 'virtio_mmio' does DMA" \
	cellctl linux /tmp/not-identity.yaml $KERNEL
sed 's/0x1, 0x2, 0x3\]/0x1, 0x1000002, 0x3]/' /usr/share/cellvisor/system.yaml > /tmp/mt-system.yaml
refused "a CPU set the device tree cannot describe (an MPIDR with the MT bit)" \
	'CPU 2: its MPIDR 0x1000002 .* which a device tree cannot describe' \
	cellctl config check --system /tmp/mt-system.yaml /usr/share/cellvisor/cells/linux-demo.yaml
check "systemctl start cell@linux-demo (from its YAML)" timeout 180 systemctl start cell@linux-demo
sed 's/name: linux-demo/name: nic-thief/; s/cpus: 2-3/cpus: 1/; s/0x80000000/0x90000000/g; s/irqs: 80/irqs: 82/; s/irq: 80/irq: 82/' \
	/usr/share/cellvisor/cells/linux-demo.yaml > /etc/cellvisor/cells/nic-thief.yaml
out=$(cellctl create nic-thief 2>&1); rc=$?
if [ $rc = 1 ] && grep -q "device 'virtio_mmio' overlaps device 'virtio_mmio' of cell 'linux-demo'" <<< "$out" &&
	[ "$(cellctl list --no-legend | wc -l)" = 1 ]; then
	pass "refused: a device another cell has"
else
	fail "refused: a device another cell has (rc $rc)"; diag "$out"
fi
rm -f /etc/cellvisor/cells/nic-thief.yaml

# --- 3. and 4. cell@linux-demo: its kernel log in the journal, reboot and poweroff from inside ---
check "cell@linux-demo reaches its shell" in_cell
kernel_log() { journalctl -u cell@linux-demo -o cat | grep -q 'Linux version 6\.'; }
check "the cell's kernel log is in journalctl -u cell@linux-demo" wait_for 30 kernel_log
started=$(busctl get-property $BUS $OBJ/cell/linux_2ddemo org.cellvisor.cellmgr1.Cell StartTimestamp | cut -d' ' -f2)
check "reboot typed in the cell" in_cell '!reboot'
rebooted() { [ "$(boots_seen)" -ge 2 ]; }
check "the daemon boots it again: a second boot on its console" wait_for 120 rebooted
check_output "cellmgrd says why" 'reset itself' journalctl -u cellmgrd -o cat
check_output "a new StartTimestamp" '^t [0-9]+$' sh -c "busctl get-property $BUS $OBJ/cell/linux_2ddemo \
	org.cellvisor.cellmgr1.Cell StartTimestamp | grep -v ' $started\$'"
check_output "the unit stayed active" '^active$' systemctl is-active cell@linux-demo
check "and the rebooted Linux answers" in_cell 'true'
check "poweroff typed in the cell" in_cell '!poweroff'
stopped() { ! systemctl is-active -q cell@linux-demo; }
check "ends the cell and its unit" wait_for 120 stopped
check_output "cleanly: the unit is inactive, not failed" '^ActiveState=inactive Result=success $' \
	sh -c 'systemctl show -p ActiveState -p Result cell@linux-demo | sort | tr "\n" " "'
check_output "the journal says why" 'linux-demo is shut-down: system-off' journalctl -u cell@linux-demo -o cat
check "everything is the root's again" wait_for 30 nothing_changed

# --- 7. ten boot/destroy cycles: the first through systemd, stopped from outside ---
t0=$(date +%s)
check "systemctl start cell@linux-demo" timeout 180 systemctl start cell@linux-demo
check "it reaches its shell" in_cell
check "systemctl stop cell@linux-demo" timeout 180 systemctl stop cell@linux-demo
check_output "the cell is gone" '^No cells\.$' cellctl list
check_output "the root has CPUs 2-3 back" '^0-3$' cpus_online
check "the root's virtio_mmio drives the NIC again" wait_for 30 nic_bound
NIC2=$(nic 52:54:00:cf:00:02)
ip netns add wire
ip link set "$NIC2" netns wire && ip -n wire addr add 10.0.0.3/24 dev "$NIC2" && ip -n wire link set "$NIC2" up
check_output "and it carries traffic: ping through it from the root's other NIC" ' 0% packet loss' \
	ping -c 5 -W 5 10.0.0.3
ip -n wire link set "$NIC2" netns 1
ip netns del wire
# Nine more through cellctl linux, each destroyed while its kernel boots
# (once the first line is out): the shell was reached above, and what
# could leak is what the hand-over takes, mid-boot as much as at rest.
kernel_started() { timeout 5 cellctl console linux-demo | grep -q 'Linux version'; }
bad=0
for i in $(seq 2 10); do
	if ! cellctl linux linux-demo $KERNEL -i $INITRD -c "$CMDLINE" > /dev/null ||
		! wait_for 60 kernel_started ||
		! cellctl destroy linux-demo || ! wait_for 30 nothing_changed; then
		bad=$((bad + 1)); diag "cycle $i: cells '$(cellctl list --no-legend)', CPUs $(cpus_online), pool $(pool_used)"
	fi
done
diag "figure: 10 Linux boot/destroy cycles took $(( $(date +%s) - t0 )) s guest time"
check_output "10 boot/destroy cycles: each booted and gave everything back" '^0$' echo $bad
check_output "no pool page leaked" "^$POOL1\$" pool_used
check "the NIC is the root's" nic_bound
check "systemctl stop cellvisor.service" timeout 180 systemctl stop cellvisor.service
# What the runner does not reset between scenarios.
ip addr flush dev "$ROOT_NIC" && ip link set "$ROOT_NIC" down
rm -f /var/tmp/io.src /var/tmp/io.dst /tmp/io.sums /tmp/io.stop /tmp/linux-demo.dtb \
	/tmp/not-root.yaml /tmp/not-identity.yaml /tmp/mt-system.yaml
