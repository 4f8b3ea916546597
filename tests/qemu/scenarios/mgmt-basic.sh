#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The management plane in a real guest (systemd, dbus-daemon, polkitd), for
# what works before cells do: the daemon under systemd, cellctl and busctl
# against it, offline config checks, named errors, polkit denial for an
# unprivileged user with a per-cell rule from rules.d, a daemon restart
# after kill -9, and the hypervisor enabled and disabled by cellvisor.service
# through cellmgrd, its log reaching the journal.
. /usr/lib/cellvisor-test/tap.sh
plan 26

BUS=org.cellvisor.cellmgr1
OBJ=/org/cellvisor/cellmgr1
MGR=org.cellvisor.cellmgr1.Manager
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

wait_for 30 systemctl is-active cellmgrd
check_output "cellmgrd.service is active (Type=notify, so it sent READY=1)" '^active$' systemctl is-active cellmgrd
check_output "the watchdog is armed" '^WatchdogUSec=3min$' systemctl show -p WatchdogUSec cellmgrd
check_output "cellctl --version shows both versions" '^cellctl 0\.1\.0 cellmgrd 0\.1\.0 $' \
	sh -c 'cellctl --version | tr "\n" " "'
check_output "busctl tree shows the Manager object" "$OBJ" busctl tree --list $BUS
check_output "cellctl list answers" '^No cells\.$' cellctl list
check_output "cellctl list --json answers" '^\[\]$' cellctl list --json
check_output "the installed units pass systemd-analyze verify" '^$' \
	sh -c 'systemd-analyze verify --man=no cellmgrd.service cellvisor.service cell@gic-demo.service 2>&1 | grep -E "cell" || true'
check_output "the shipped QEMU configs pass cellctl config check" 'uart-demo.yaml: OK' \
	cellctl config check /usr/share/cellvisor/system.yaml /usr/share/cellvisor/cells/gic-demo.yaml \
	/usr/share/cellvisor/cells/uart-demo.yaml
check_output "the shipped i.MX8MM configs pass cellctl config check" 'gic-demo.yaml: OK' \
	cellctl config check --system /usr/share/cellvisor/configs/imx8mm-evk/system.yaml \
	/usr/share/cellvisor/configs/imx8mm-evk/gic-demo.yaml

check "cellctl config create writes a valid system config from this machine's device tree" \
	sh -c 'cellctl config create -o /tmp/created.yaml && cellctl config check /tmp/created.yaml'

bad=$(mktemp --suffix=.yaml)
printf 'kind: cell\nname: bad\ncpus: 0-3\nmemory:\n  - { phys: 0x7fa00000, size: 64K, flags: [read, execute] }\n' > "$bad"
out=$(cellctl config check "$bad" 2>&1); rc=$?
if [ $rc = 1 ] && echo "$out" | grep -q "$bad:3:7: error: the cell takes every CPU of the root cell"; then
	pass "a bad config: exit 1 and file:line:column"
else
	fail "a bad config: exit 1 and file:line:column (rc=$rc)"; diag "$out"
fi
check_output "an unknown cell is a named error over D-Bus" "No cell 'nope'" \
	sh -c "busctl call $BUS $OBJ $MGR StartCell s nope 2>&1; true"
check_output "a config with errors is refused over D-Bus with file:line:column" "$bad:3:7: error" \
	sh -c "busctl call $BUS $OBJ $MGR CreateCell s $bad 2>&1; true"
check_output "wrong argument types are refused" "Invalid arguments" \
	sh -c "busctl call $BUS $OBJ $MGR StartCell u 3 2>&1; true"

# polkit: nobody may read but not change anything. polkitd (a JavaScript
# engine under TCG) can take longer to start than D-Bus activation waits.
# GDBus (polkitd) finds the system bus at /var/run/dbus/system_bus_socket;
# base-files' postinst would have linked /var/run to /run.
if [ ! -e /var/run/dbus/system_bus_socket ]; then
	diag "the guest lacks /var/run -> /run (base-files' postinst); linking the bus socket for polkitd"
	if [ -e /var/run ]; then mkdir -p /var/run && ln -sfn /run/dbus /var/run/dbus; else ln -s /run /var/run; fi
fi
systemctl start polkit.service
wait_for 180 systemctl is-active polkit.service || diag "polkit.service did not come up"
check_output "nobody can list cells" '^No cells\.$' as_nobody cellctl list
out=$(as_nobody cellctl --no-ask-password enable 2>&1); rc=$?
if [ $rc = 1 ] && echo "$out" | grep -Eq "Not authorized|Authentication is required"; then
	pass "nobody is denied Enable by polkitd"
else
	fail "nobody is denied Enable by polkitd (rc=$rc)"; diag "$out"
fi
check_output "and nothing changed" '^b false$' busctl get-property $BUS $OBJ $MGR HypervisorEnabled

# A rules.d rule that grants nobody the cell gic-demo only: polkit passes the
# cell name as a detail. Past polkit, CreateCell then fails for its own reason.
mkdir -p /etc/polkit-1/rules.d
cat > /etc/polkit-1/rules.d/50-cv-test.rules <<'RULE'
polkit.addRule(function(action, subject) {
	if (action.id == "org.cellvisor.cellmgr1.manage-cells" &&
	    action.lookup("cell") == "gic-demo" && subject.user == "nobody")
		return polkit.Result.YES;
});
RULE
granted() { as_nobody busctl --timeout=120 call $BUS $OBJ $MGR CreateCell s gic-demo 2>&1 | grep -q "not enabled"; }
wait_for 60 granted
check_output "the rule lets nobody manage gic-demo (past polkit: not enabled)" "not enabled" \
	sh -c "as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups \"\$@\"; }; \
	as_nobody busctl --timeout=120 call $BUS $OBJ $MGR CreateCell s gic-demo 2>&1; true"
check_output "but not uart-demo" "Access denied|Not authorized|Authentication" \
	sh -c "setpriv --reuid=nobody --regid=nogroup --clear-groups busctl --timeout=120 call $BUS $OBJ $MGR CreateCell s uart-demo 2>&1; true"
rm -f /etc/polkit-1/rules.d/50-cv-test.rules

# kill -9: systemd restarts the daemon and it is back on the bus.
pid=$(systemctl show -p MainPID --value cellmgrd)
kill -9 "$pid"
restarted() { p=$(systemctl show -p MainPID --value cellmgrd); [ "$p" != 0 ] && [ "$p" != "$pid" ] && \
	systemctl is-active -q cellmgrd && busctl status $BUS > /dev/null; }
check "after kill -9, systemd restarts cellmgrd and it owns its name again" wait_for 30 restarted
check_output "the restart is counted" '^NRestarts=[1-9]' systemctl show -p NRestarts cellmgrd
rm -f "$bad"

# cellvisor.service: cellctl enable -> cellmgrd -> cellvisor.ko -> EL2, and back.
check "systemctl start cellvisor.service enables the hypervisor" timeout 180 systemctl start cellvisor.service
check_output "cellmgrd reports it enabled with the shipped system config" \
	'^b true s "/usr/share/cellvisor/system.yaml" $' \
	sh -c "busctl get-property $BUS $OBJ $MGR HypervisorEnabled SystemConfig | tr '\n' ' '"
hv_logged() { journalctl CELL=hypervisor -o cat | grep -q "cellvisor enabled"; }
check "the hypervisor's log reaches the journal with CELL=hypervisor" wait_for 30 hv_logged
check_output "cellctl console prints the hypervisor log" 'cellvisor enabled' timeout 30 cellctl console
check_output "systemctl stop cellvisor.service disables it" '^b false$' \
	sh -c "timeout 180 systemctl stop cellvisor.service; busctl get-property $BUS $OBJ $MGR HypervisorEnabled"
