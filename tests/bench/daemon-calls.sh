#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-runs: host
# Benchmark (make bench), on the host, natively: cellmgrd-fake (the
# in-memory driver of the host tests) on a private system bus with the
# project's policy, as the D-Bus tests run it (so, like them, it needs root:
# the policy lets only root own the name). First the lifecycle calls back to
# back, as root and as a user the real polkitd is asked about: polkitd runs
# on the private bus in a mount namespace of its own, which shows it only
# the project's action file and a rule that allows "nobody" (the host's own
# polkit files stay as they are). Then cellmgrd's CPU time per ListCells,
# GetCellStatistics, Cell.State read and Peer.Ping with 8 running cells,
# which the 4-CPU guest cannot hold. Printed, not judged.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build/host
CELLS=8
CALLS=${CV_BENCH_CALLS:-5000}

echo "1..5"
if [ "$(id -u)" != 0 ]; then
	echo "ok 1 - # SKIP the daemon must own a name only root may"
	for i in 2 3 4 5; do echo "ok $i - # SKIP"; done
	exit 0
fi
dir=$(mktemp -d /tmp/cv-bench-XXXXXX)
bus_pid= daemon_pid= polkit_pid=
cleanup() {
	[ -z "$daemon_pid" ] || kill "$daemon_pid" 2>/dev/null
	[ -z "$polkit_pid" ] || kill "$polkit_pid" 2>/dev/null
	[ -z "$bus_pid" ] || kill "$bus_pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

# A system config with 9 CPUs, and 8 one-CPU cells of 1 MiB each
mkdir -p "$dir/etc/cells" "$dir/run"
sed -e 's/cpus: \[0x0, 0x1, 0x2, 0x3\].*/cpus: [0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8]/' \
    -e 's/^  cpus: 0-3/  cpus: 0-8/' "$top/configs/qemu-arm64/system.yaml" > "$dir/etc/system.yaml"
head -c 4096 /dev/zero > "$dir/image.bin"
for i in $(seq 0 $((CELLS - 1))); do
	printf '%s\n' "kind: cell" "name: bench$i" "cpus: $((i + 1))" "virtual-console: active" "memory:" \
		"  - { phys: $(printf '0x%x' $((0x70000000 + i * 0x100000))), virt: 0, size: 1M, flags: [read, write, execute, loadable] }" \
		"images:" "  - file: $dir/image.bin" > "$dir/etc/cells/bench$i.yaml"
done
# polkitd owns its name as the user it changes to; "nobody" must reach the socket
sed -e "s|@TMPDIR@|$dir|" -e "s|@POLICYDIR@|$top/dbus|" \
    -e 's|<policy user="root">|<policy user="polkitd"><allow own="org.freedesktop.PolicyKit1"/></policy>\n  &|' \
    "$top/tests/cellmgrd/bus.conf.in" > "$dir/bus.conf"
chmod 755 "$dir"
{ read -r address; read -r bus_pid; } < <(dbus-daemon --config-file="$dir/bus.conf" --fork \
	--print-address=1 --print-pid=1)
export DBUS_SYSTEM_BUS_ADDRESS=$address
mkdir -p "$dir/polkit/actions" "$dir/polkit/rules"
cp "$top/polkit/org.cellvisor.cellmgr1.policy" "$dir/polkit/actions/"
cat > "$dir/polkit/rules/50-cv-bench.rules" <<'RULE'
polkit.addRule(function(action, subject) {
	if (subject.user == "nobody" && action.id.indexOf("org.cellvisor.cellmgr1.") == 0)
		return polkit.Result.YES;
});
RULE
unshare -m sh -c "mount --bind $dir/polkit/actions /usr/share/polkit-1/actions &&
	mount --bind $dir/polkit/rules /usr/share/polkit-1/rules.d &&
	mount --bind $dir/polkit/rules /etc/polkit-1/rules.d &&
	exec /usr/lib/polkit-1/polkitd --no-debug" > "$dir/polkitd.log" 2>&1 &
polkit_pid=$!
CELLMGRD_FAKE_STATE=$dir/state "$build/cellmgrd/cellmgrd-fake" --runtime-dir="$dir/run" \
	--config-dir="$dir/etc" > "$dir/daemon.log" 2>&1 &
daemon_pid=$!
for name in org.cellvisor.cellmgr1 org.freedesktop.PolicyKit1; do
	for _ in $(seq 100); do
		busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
			NameHasOwner s $name 2>/dev/null | grep -q true && break
		sleep 0.1
	done
done

# The lifecycle calls natively: the fake driver answers from memory in
# microseconds, so each call's time is the bus round trip and cellmgrd's own
# work (a root caller: no polkit)
out=$("$build/tests/cellmgrd/cvbusbench" cycle "${CV_BENCH_CYCLES:-300}" bench0)
rc=$?
[ $rc = 0 ] && echo "ok 1 - ${CV_BENCH_CYCLES:-300} lifecycles through cellmgrd-fake" ||
	echo "not ok 1 - ${CV_BENCH_CYCLES:-300} lifecycles through cellmgrd-fake"
echo "# lifecycle calls through cellmgrd-fake on the host ($(nproc) CPUs, $(uname -m), native;" \
     "the driver in memory), ms per call back to back:"
while read -r line; do echo "#   native: $line"; done <<< "$out"
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$build/tests/cellmgrd/cvbusbench" cycle "${CV_BENCH_CYCLES:-300}" bench0)
rc=$?
[ $rc = 0 ] && echo "ok 2 - the same as a user polkitd allows" ||
	{ echo "not ok 2 - the same as a user polkitd allows"; sed 's/^/# /' "$dir/polkitd.log"; }
echo "# the same as a user: cellmgrd asks the real polkitd (allowed by a rule), ms per call:"
while read -r line; do echo "#   native-polkit: $line"; done <<< "$out"

setup() {
	"$build/cellctl/cellctl" enable > /dev/null || return 1
	for i in $(seq 0 $((CELLS - 1))); do
		"$build/cellctl/cellctl" create bench$i > /dev/null && "$build/cellctl/cellctl" load bench$i &&
			"$build/cellctl/cellctl" start bench$i || return 1
	done
	[ "$("$build/cellctl/cellctl" list --no-legend | grep -c running)" = $CELLS ]
}
if setup; then echo "ok 3 - cellmgrd-fake with $CELLS running cells"; else
	echo "not ok 3 - cellmgrd-fake with $CELLS running cells"; sed 's/^/# /' "$dir/daemon.log"; exit 1; fi

out=$("$build/tests/cellmgrd/cvbusbench" calls "$CALLS" bench3)
rc=$?
[ $rc = 0 ] && echo "ok 4 - $CALLS calls each" || echo "not ok 4 - $CALLS calls each"
echo "# cellmgrd's share with $CELLS running cells on the host ($(nproc) CPUs, $(uname -m), native)," \
     "ms wall per call in one client and daemon CPU µs per call over $CALLS:"
while read -r line; do echo "#   $line"; done <<< "$out"

if "$build/cellctl/cellctl" shutdown bench0 > /dev/null && "$build/cellctl/cellctl" destroy bench0 > /dev/null; then
	echo "ok 5 - the daemon still works after the calls (bench0 destroyed)"
else
	echo "not ok 5 - the daemon still works after the calls (bench0 destroyed)"
fi
