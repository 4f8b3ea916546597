#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Verify the units with systemd-analyze: syntax, known settings, and that
# ExecStart= binaries exist (the test copies point into the build tree).
set -eu
analyze=$1
builddir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for u in cellmgrd.service cellvisor.service cell@.service; do
	cp "$builddir/test-$u" "$tmp/$u"
done
# A template is verified through an instance of it.
ln -s cell@.service "$tmp/cell@gic-demo.service"

. "${0%/*}/../tap/tap.sh"
for u in cellmgrd.service cellvisor.service cell@gic-demo.service; do
	# verify prints problems on stderr but exits 0 for some of them: fail on any output
	# that names our unit files.
	if ! out=$("$analyze" verify --man=no "$tmp/$u" 2>&1); then
		fail "$u verifies: $out"
		continue
	fi
	if echo "$out" | grep -E "(cellmgrd|cellvisor|cell@)" >/dev/null; then
		fail "$u verifies: $out"
	else
		pass "$u verifies"
	fi
done
done_testing
