#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellctl config check/compile as scripts use them: output, exit codes, blobs.
set -u
cellctl=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${0%/*}/../tap/tap.sh"
t() {	# t DESCRIPTION EXPECTED_RC COMMAND...: its output is kept for has
	desc=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass "$desc"
	else
		fail "$desc (exit $rc, wanted $want)"
		sed 's/^/# /' "$tmp/out" "$tmp/err"
	fi
}
has() {	# has DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1"; sed 's/^/# /' "$2"; fi
}
sys=$src/configs/qemu-arm64/system.yaml

t "check accepts the shipped QEMU configs" 0 "$cellctl" config check --system "$sys" \
	"$src/configs/qemu-arm64/gic-demo.yaml" "$src/configs/qemu-arm64/uart-demo.yaml"
has "check prints OK per file" "$tmp/out" "uart-demo.yaml: OK"
t "check rejects a bad cell with exit 1" 1 "$cellctl" config check --system "$sys" \
	"$src/tests/configs/invalid/cell-overlap-hypervisor.yaml"
has "the error names file:line:column" "$tmp/err" "cell-overlap-hypervisor.yaml:6:5: error: memory region 0x7fbf0000 +0x20000 overlaps the hypervisor's memory"
t "check finds clashes between cells" 1 "$cellctl" config check --system "$sys" \
	"$src/tests/configs/together/cpu-a.yaml" "$src/tests/configs/together/cpu-b.yaml"
has "the clash names the other cell" "$tmp/err" "CPUs 2 are also given to cell 'cpu-a'"
evk=$src/configs/imx8mm-evk
t "check accepts the EVK's system config and cells on the command line together" 0 \
	"$cellctl" config check "$evk/system.yaml" "$evk/gic-demo.yaml"
t "check refuses a second cell on the EVK's CPU 3" 1 "$cellctl" config check "$evk/system.yaml" \
	"$evk/gic-demo.yaml" "$src/tests/configs/boards/imx8mm-evk/cpu3-twice.yaml"
has "the clash names the shipped cell" "$tmp/err" "cpu3-twice.yaml:7:7: error: CPUs 3 are also given to cell 'gic-demo'"
t "check refuses a cell on the hypervisor's console UART" 1 "$cellctl" config check "$evk/system.yaml" \
	"$src/tests/configs/boards/imx8mm-evk/uart2-hv-console.yaml"
has "the error says why" "$tmp/err" "holds the hypervisor's debug-console UART (0x30890000)"
sed 's/type: pl011/type: 8250/' "$sys" >"$tmp/sys-8250.yaml"
t "a debug console without a hypervisor driver is accepted" 0 "$cellctl" config check "$tmp/sys-8250.yaml"
has "with a warning that says where the log goes" "$tmp/err" "warning: the hypervisor drives only pl011 and imx debug consoles"
t "check of a missing file fails" 1 "$cellctl" config check "$tmp/nonexistent.yaml"
has "missing file is named" "$tmp/err" "nonexistent.yaml: error: cannot open: No such file or directory"
t "check without files is a usage error" 2 "$cellctl" config check
t "unknown subcommand is a usage error" 2 "$cellctl" config frobnicate
t "unknown verb is a usage error" 2 "$cellctl" frobnicate
t "unknown option is a usage error" 2 "$cellctl" --frobnicate list
t "compile without -o is a usage error" 2 "$cellctl" config compile "$src/configs/qemu-arm64/gic-demo.yaml"
t "compile a cell" 0 "$cellctl" config compile --system "$sys" "$src/configs/qemu-arm64/gic-demo.yaml" -o "$tmp/gic-demo.bin"
# struct cv_cell_config (288 bytes) + RAM region + comm region (32 bytes each)
size=$(stat -c %s "$tmp/gic-demo.bin")
magic=$(head -c 6 "$tmp/gic-demo.bin")
[ "$size" = 352 ] && [ "$magic" = CVCELL ] && pass "cell blob has the ABI size and signature" ||
	fail "cell blob has the ABI size and signature (size $size, magic $magic)"
t "compile the system config" 0 "$cellctl" config compile "$sys" -o "$tmp/system.bin"
check "system blob signature" test "$(head -c 7 "$tmp/system.bin")" = CVSYSTM
t "compile refuses an invalid config" 1 "$cellctl" config compile --system "$sys" "$src/tests/configs/invalid/cell-all-cpus.yaml" -o "$tmp/x.bin"
check "no output for an invalid config" test ! -e "$tmp/x.bin"
done_testing
