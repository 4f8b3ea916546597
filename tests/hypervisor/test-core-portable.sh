#!/bin/sh
# The portable core (hypervisor/core, include/hv) builds against the fake
# arch and knows nothing of arm64: every header a core file pulls in,
# with the include path of the host build, lies outside arch/arm64; no
# core or fake-arch file holds inline assembly or names an arm64 system
# register. Usage: test-core-portable.sh HYPERVISOR-DIR ABI-INCLUDE-DIR CC...
hv=$1 abi=$2
shift 2
. "${0%/*}/../tap/tap.sh"

result() { if [ "$1" = ok ]; then pass "$2"; else fail "$2"; fi; }

for f in "$hv"/core/*.c; do
	deps=$("$@" -M -I"$hv/include" -I"$hv/arch/fake/include" -I"$abi" "$f") ||
		{ result fail "$(basename "$f") does not preprocess with the fake arch"; continue; }
	arm=$(echo "$deps" | tr ' \\' '\n\n' | grep 'arch/arm64')
	if [ -z "$arm" ]; then
		result ok "core/$(basename "$f") includes no arm64 header"
	else
		result fail "core/$(basename "$f") includes $arm"
	fi
done
files="$hv/core/*.c $hv/include/hv/*.h $hv/arch/fake/include/asm/*.h"
asm=$(grep -nE '\b(asm|__asm__)\b[[:space:]a-z_]*\(' $files)
[ -z "$asm" ] && result ok "no inline assembly in the core or the fake arch" ||
	result fail "inline assembly in the core: $asm"
regs=$(grep -nE '\b[a-z0-9]+_el[0-3]\b' $files)
[ -z "$regs" ] && result ok "no arm64 system register named in the core" ||
	result fail "arm64 system registers in the core: $regs"
done_testing
exit $failed
