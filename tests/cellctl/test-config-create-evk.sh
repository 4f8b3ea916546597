#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellctl config create on a real board's device tree: Debian's
# imx8mm-evk.dtb (kept from the stock kernel package by scripts/fetch-deps).
# The result must pass config check, take the shipped EVK cells, and match
# the shipped configs/imx8mm-evk/system.yaml part by part (tests/lib/compare-system.c).
set -u
cellctl=$1
compare=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${0%/*}/../tap/tap.sh"
# t COMMAND...: one test named by its command
t() { check "$*" "$@"; }
kdir=$("$src/scripts/fetch-deps" 2>"$tmp/fetch") || { cat "$tmp/fetch" >&2; echo "Bail out! scripts/fetch-deps failed"; exit 1; }
dtb=$kdir/dtbs/imx8mm-evk.dtb
t test -s "$dtb"
t "$cellctl" config create "$dtb" -o "$tmp/system.yaml"
t "$cellctl" config check "$tmp/system.yaml"
t grep -q "type: imx$" "$tmp/system.yaml"
t grep -q "address: 0x30890000$" "$tmp/system.yaml"
# All its RAM is Linux's (root-ram): the shipped cell fits but for its RAM.
t sh -c "! '$cellctl' config check --system '$tmp/system.yaml' '$src/configs/imx8mm-evk/gic-demo.yaml' 2>'$tmp/err'"
t grep -q "is RAM the root cell uses" "$tmp/err"
t test "$(grep -c ': error: ' "$tmp/err")" = 1
# Part by part against the shipped config; its lines numbered here.
# Part by part against the shipped config: its results become ours.
rc=0
"$compare" "$tmp/system.yaml" "$src/configs/imx8mm-evk/system.yaml" >"$tmp/compare" 2>&1 || rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) pass "${line#ok * - }" ;;
	"not ok "*) fail "${line#not ok * - }" ;;
	1..*) ;;
	*) echo "$line" ;;
	esac
done <"$tmp/compare"
[ $rc -le 1 ] || fail "compare-system ran (exit $rc)"
[ $tap_failed = 0 ] || sed 's/^/# /' "$tmp/system.yaml"
done_testing
