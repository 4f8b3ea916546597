#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Benchmark (make bench): lifecycle and management-plane latency, printed,
# not judged (QEMU TCG; DESIGN §9 has Jailhouse's figures in this set-up).
#   - enable, create, load (64 KiB and 16 MiB), start, shutdown, destroy and
#     disable through the raw ioctls, timed in-process (cvlife), 20 runs
#   - the same through cellmgrd's D-Bus methods, timed in one client
#     process: spaced (cvbusbench spaced: each step once the daemon is idle,
#     paired in each run with the same raw ioctl, 20 runs) and back to back
#     (cvbusbench cycle, as a script calling cellctl in a loop sees it), 20
#     runs as root (no polkit round trip) and 10 as a user polkitd allows;
#     cellmgrd's breakdown of each call (CELLMGRD_PROFILE, cellmgrd/profile.h)
#   - cellmgrd's own CPU time per ListCells, GetCellStatistics and property
#     read (cvbusbench calls), and `cellctl list` against a bare busctl call
# The checks only say that the set-up worked; the figures are the result.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
TOOLS=/usr/lib/cellvisor/tests
RUNS=20
plan 8

modprobe cellvisor
prepare() {
	hv_system_blob /tmp/sys.bin &&
		cellctl config compile /usr/share/cellvisor/cells/gic-demo.yaml -o /tmp/gic.bin &&
		printf '%s\n' 'kind: cell' 'name: big' 'cpus: 2' 'memory:' \
			'  - { phys: 0x70000000, virt: 0, size: 16M, flags: [read, write, execute, loadable] }' \
			> /tmp/big.yaml &&
		cellctl config compile /tmp/big.yaml -o /tmp/big.bin &&
		head -c 16M /dev/urandom > /tmp/big.img
}
check "configs and a 16 MiB image prepared" prepare

out=$($TOOLS/cvlife $RUNS /tmp/sys.bin /tmp/gic.bin $INM/gic-demo.bin@0 /tmp/big.bin /tmp/big.img@0)
check "$RUNS raw lifecycles (gic-demo, 64 KiB; and a 16 MiB cell)" test $? = 0
diag "raw ioctls, ms over $RUNS runs (load = gic-demo's $(stat -c %s $INM/gic-demo.bin) bytes into 64 KiB;" \
     "*-big = a 16 MiB cell and a 16 MiB image; create and destroy scrub the cell's RAM):"
while read -r line; do diag "  $line"; done <<< "$out"

# cellmgrd's own breakdown of each call (cellmgrd/profile.h), for the report
PROFILE=/run/cellvisor/profile
mkdir -p /run/systemd/system/cellmgrd.service.d
printf '[Service]\nEnvironment=CELLMGRD_PROFILE=%s\n' $PROFILE > /run/systemd/system/cellmgrd.service.d/profile.conf
systemctl daemon-reload && systemctl restart cellmgrd
out=$($TOOLS/cvbusbench spaced $RUNS gic-demo /tmp/sys.bin /tmp/gic.bin $INM/gic-demo.bin@0)
check "$RUNS spaced lifecycles, raw and through cellmgrd" test $? = 0
diag "spaced: each step once cellmgrd is idle (a 50 ms pause and a Peer.Ping), the raw ioctl and the" \
     "D-Bus call in the same run; share = median of the runs' differences; ms over $RUNS runs:"
while read -r line; do diag "  spaced: $line"; done <<< "$out"
diag "cellmgrd's breakdown per call when spaced (event = its refresh after a raw step), µs:"
sed 's/^/  profile-spaced: /' $PROFILE | while read -r line; do diag "$line"; done
: > $PROFILE
out=$($TOOLS/cvbusbench cycle $RUNS gic-demo)
check "$RUNS lifecycles through cellmgrd" test $? = 0
diag "through cellmgrd's D-Bus methods back to back (root caller: no polkit round trip), ms over $RUNS runs:"
while read -r line; do diag "  $line"; done <<< "$out"
diag "cellmgrd's breakdown per call, µs (wall from the call's arrival; part=µs/count):"
sed 's/^/  profile: /' $PROFILE | while read -r line; do diag "$line"; done

# The same as a user polkit must ask about (a rule grants it everything)
mkdir -p /etc/polkit-1/rules.d
cat > /etc/polkit-1/rules.d/50-cv-bench.rules <<'RULE'
polkit.addRule(function(action, subject) {
	if (subject.user == "nobody" && action.id.indexOf("org.cellvisor.cellmgr1.") == 0)
		return polkit.Result.YES;
});
RULE
systemctl restart polkit.service
: > $PROFILE
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups $TOOLS/cvbusbench cycle 10 gic-demo)
check "10 lifecycles through cellmgrd as a user polkit allows" test $? = 0
diag "through cellmgrd's D-Bus methods (a user: polkitd asked, allowed by a rule), ms over 10 runs:"
while read -r line; do diag "  polkit: $line"; done <<< "$out"
diag "cellmgrd's breakdown per call with polkit, µs:"
sed 's/^/  profile-polkit: /' $PROFILE | while read -r line; do diag "$line"; done
rm -f /etc/polkit-1/rules.d/50-cv-bench.rules /run/systemd/system/cellmgrd.service.d/profile.conf
systemctl daemon-reload && systemctl restart cellmgrd

cellctl enable > /dev/null && cellctl create gic-demo > /dev/null && cellctl load gic-demo &&
	cellctl create uart-demo > /dev/null && cellctl load uart-demo
check "two cells created for the call figures" test $? = 0
out=$($TOOLS/cvbusbench calls 500 gic-demo)
check "500 calls each" test $? = 0
diag "cellmgrd's share with $(cellctl list --no-legend 2>/dev/null | wc -l) cells (at most 3 on this 4-CPU guest)," \
     "ms wall per call in one client and daemon CPU µs per call over 500 (less its CPU in as long without calls):"
while read -r line; do diag "  $line"; done <<< "$out"

# process start-up dominates both under TCG: the ratio is what matters
usec() { local t0=$(date +%s%N); "$@" > /dev/null || return 1; echo $(( ($(date +%s%N) - t0) / 1000 )); }
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 6p; }
a= b=
for i in $(seq 11); do
	a="$a $(usec cellctl list)"
	b="$b $(usec busctl call org.cellvisor.cellmgr1 /org/cellvisor/cellmgr1 org.cellvisor.cellmgr1.Manager ListCells)"
done
a=$(echo $a | median) b=$(echo $b | median)
diag "cellctl list $((a / 1000)) ms, busctl call ListCells $((b / 1000)) ms (medians of 11; ratio $((a * 100 / b))%)"
cellctl destroy uart-demo > /dev/null; cellctl destroy gic-demo > /dev/null
check "disable" cellctl disable
