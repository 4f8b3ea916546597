#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellctl config create on the device tree QEMU's virt machine hands Linux
# (the reference platform): the result must validate and carry its GIC,
# CPUs, console and RAM.
set -u
cellctl=$1
qemu=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$qemu" -M virt,gic-version=3,virtualization=on,its=off,dumpdtb="$tmp/virt.dtb" \
	-cpu cortex-a53 -smp 4 -m 2G -nographic -nic none >/dev/null 2>&1 || { echo "1..0 # SKIP qemu cannot dump a DTB"; exit 0; }
. "${0%/*}/../tap/tap.sh"
# t COMMAND...: one test named by its command
t() { check "$*" "$@"; }
t "$cellctl" config create "$tmp/virt.dtb" -o "$tmp/system.yaml"
t "$cellctl" config check "$tmp/system.yaml"
t grep -q "gicd: 0x8000000$" "$tmp/system.yaml"
t grep -q "gicr: 0x80a0000$" "$tmp/system.yaml"
t grep -q "maintenance-irq: 25$" "$tmp/system.yaml"
t grep -q "cpus: \[0x0, 0x1, 0x2, 0x3\]" "$tmp/system.yaml"
t grep -q "type: pl011" "$tmp/system.yaml"
t grep -q "name: ram, phys: 0x40000000" "$tmp/system.yaml"
# All its RAM is Linux's (root-ram): a shipped cell fits in what it
# describes but for its RAM, which a person must first take from Linux.
t sh -c "! '$cellctl' config check --system '$tmp/system.yaml' '$3/configs/qemu-arm64/gic-demo.yaml' 2>'$tmp/err'"
t grep -q "is RAM the root cell uses" "$tmp/err"
t test "$(grep -c ': error: ' "$tmp/err")" = 1
t sh -c "! '$cellctl' config create /dev/null"
[ $tap_failed = 0 ] || sed 's/^/# /' "$tmp/system.yaml"
done_testing
