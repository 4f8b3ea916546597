#!/bin/bash
# Foundation: every path of the stack is present and answers in a real guest
# (stock Debian kernel, systemd, dbus-daemon, polkitd): module, device node,
# firmware image, daemon on the system bus, CLI.
. /usr/lib/cellvisor-test/tap.sh
plan 10

krel=$(uname -r)
check "cellvisor.ko is installed for the running kernel $krel" \
	test -f "/lib/modules/$krel/extra/cellvisor.ko"
check "modprobe cellvisor loads it on the stock kernel" modprobe cellvisor
check_output "the module is listed as loaded" '^cellvisor ' cat /proc/modules
check "/dev/cellvisor is a character device" test -c /dev/cellvisor
check "cellvisor.bin is installed in /lib/firmware" test -s /lib/firmware/cellvisor.bin
check_output "cellctl --version names itself and the daemon" \
	'^cellctl [0-9.]+.*cellmgrd [0-9.]+' sh -c 'cellctl --version | tr "\n" " "'
check_output "cellmgrd.service is active" '^active$' systemctl is-active cellmgrd
check_output "cellmgrd owns org.cellvisor.cellmgr1 on the system bus" \
	'cellmgrd' busctl --system status org.cellvisor.cellmgr1
check_output "the Manager object answers a property read" '^s "[0-9.]+"' \
	busctl --system get-property org.cellvisor.cellmgr1 /org/cellvisor/cellmgr1 \
	org.cellvisor.cellmgr1.Manager Version
# cellmgrd holds /dev/cellvisor open, so the module is in use while it runs.
check "with cellmgrd stopped, modprobe -r removes the module" \
	sh -c 'systemctl stop cellmgrd && modprobe -r cellvisor && ! test -e /dev/cellvisor'
systemctl start cellmgrd
