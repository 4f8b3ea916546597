#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Cells at boot: after a boot with cellvisor.service and cell@gic-demo
# enabled, the hypervisor is enabled, the cell runs, and cell@gic-demo
# started after cellvisor.service. First in its boot, the rig enables them
# before that boot (the line below); anywhere else the scenario enables them
# and reboots.
# cv-boot: enable cellvisor.service cell@gic-demo.service
. /usr/lib/cellvisor-test/tap.sh
plan 7

if [ "${CV_BOOT:-1}" = 1 ]; then
	booted_with_them=0
	if systemctl -q is-enabled cell@gic-demo.service; then
		booted_with_them=1
		# so that the enable below is the real thing, not a no-op
		systemctl disable cellvisor.service cell@gic-demo.service 2> /dev/null
	fi
	check "systemctl enable cellvisor.service cell@gic-demo" \
		systemctl enable cellvisor.service cell@gic-demo.service
	check_output "the instance is linked into multi-user.target.wants" 'cell@\.service' \
		readlink /etc/systemd/system/multi-user.target.wants/cell@gic-demo.service
	[ "$booted_with_them" = 1 ] || cv_reboot
fi

BUS=org.cellvisor.cellmgr1
wait_for 120 systemctl is-active cell@gic-demo
check_output "after the boot cell@gic-demo is active" '^active$' systemctl is-active cell@gic-demo
check_output "the hypervisor is enabled" '^b true$' \
	busctl get-property $BUS /org/cellvisor/cellmgr1 org.cellvisor.cellmgr1.Manager HypervisorEnabled
check_output "cellctl list shows gic-demo running" '^gic-demo +[0-9]+ +running +3$' cellctl list --no-legend
t_hv=$(systemctl show -p ActiveEnterTimestampMonotonic --value cellvisor.service)
t_cell=$(systemctl show -p ExecMainStartTimestampMonotonic --value cell@gic-demo.service)
check "cell@gic-demo started after cellvisor.service was up ($t_cell > $t_hv)" test "$t_cell" -gt "$t_hv"
timer() { journalctl -b -u cell@gic-demo -o cat | grep -q "Timer fired"; }
check "its console is in this boot's journal" wait_for 30 timer
systemctl disable --now cell@gic-demo.service cellvisor.service >/dev/null 2>&1
