#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cvlines must accept what a reader that lost nothing (or lost it with a
# marker that counts it) got, and refuse spliced lines, unmarked gaps and
# miscounted markers. usage: test-cvlines.sh CVLINES
. "${0%/*}/../tap/tap.sh"
cvlines=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
hello() { local i; for i in $(seq "$1" "$2"); do printf 'Hello %d from cell!\r\n' "$i"; done; }
bytes() { hello "$1" "$2" | wc -c; }
# expect RC OUTPUT-PATTERN ARGS... (the capture is $t/in)
expect() {
	local rc=$1 pat=$2 out got
	shift 2
	out=$("$cvlines" "$@" "$t/in" 2>&1); got=$?
	if [ $got = "$rc" ] && printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		pass "$rc /$pat/"
	else
		fail "want $rc /$pat/, got $got: $out"
	fi
}
hello 1 100 > "$t/in"
expect 0 'hello=100 first=1 last=100 missing=0'
expect 0 'last=100' --snapshot
{ hello 1 50; printf '[cellvisor: %d bytes dropped]\r\n' "$(bytes 51 80)"; hello 81 100; } > "$t/in"
expect 0 'missing=30 markers=1 .* dropped=51-80'
{ hello 1 50; printf '[cellvisor: %d bytes dropped]\r\n' "$(( $(bytes 51 80) - 1 ))"; hello 81 100; } > "$t/in"
expect 1 'without a marker that counts them'
{ hello 1 50; hello 52 100; } > "$t/in"
expect 1 'without a marker'
{ hello 1 50; printf "[cellmgrd: %d bytes of uart-demo's console skipped: this reader fell behind]\r\n" "$(bytes 51 60)"; hello 61 70; } > "$t/in"
expect 0 'notices=1'
{ hello 1 50; printf 'Hello 51 from Hello 52 from cell!\r\n'; hello 53 60; } > "$t/in"
expect 1 'not a whole line'
{ hello 1 50; printf 'rom cell!\r\n'; hello 51 60; } > "$t/in"
expect 1 'not a whole line'
{ hello 1 20; hello 19 30; } > "$t/in"
expect 1 'out of order'
{ hello 1 20; printf 'Hello 21 fr'; } > "$t/in"
expect 0 'unfinished=11'
expect 1 'middle of a line' --snapshot
# the journal: CRs gone, a note for what the rate limit held back; the
# marker itself may be among the lines a note counts
note() { echo "$1 lines of uart-demo's console were not sent to the journal (more than 100 a second)"; }
{ hello 1 10; note 5; hello 16 40; echo '[cellvisor: 460 bytes dropped]'; hello 61 70; } | tr -d '\r' > "$t/in"
expect 0 'missing=25 markers=1 .*suppressed=5' --journal
{ hello 1 40; note 1; hello 61 70; } | tr -d '\r' > "$t/in"
expect 0 'missing=20 markers=0 .*suppressed=1' --journal
{ hello 1 10; note 5; hello 16 40; hello 61 70; } | tr -d '\r' > "$t/in"
expect 1 'without a note' --journal
done_testing
