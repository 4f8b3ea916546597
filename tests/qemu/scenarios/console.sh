#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Consoles that lose nothing, through the whole stack: uart-demo floods
# ("Hello N from cell!" without pause) on CPU 2 while gic-demo ticks on
# CPU 3, read at once by the journal, a `cellctl console -f`, a second one
# and the pty:
#   - each reader holds every line, whole, in order (cvlines checks it);
#     the journal's gaps (its rate limit) each come with a note;
#   - the second client stopped for 10 s: it alone misses lines (once it
#     is 64 KiB behind, past its socket's buffer), with a notice that
#     counts them; the others and the cell go on;
#   - every reader stopped (cellmgrd stopped for 3 s): the cell waits 1 s,
#     then the hypervisor drops, and every reader shows a marker that
#     counts exactly the lines it dropped, the same lines for all;
#   - `cellctl console NAME` returns within 2 s (beyond what a `cellctl
#     status` takes) with at most 64 KiB of whole lines while both cells
#     print;
#   - a 4 KiB paste, through a client and through the pty, is echoed whole
#     and in order;
# and the figures: lines per second that reach a `cellctl console -f`
# reader, root CPU time per MB of console output.
. /usr/lib/cellvisor-test/tap.sh
. /usr/lib/cellvisor-test/hv.sh
plan 24

CVLINES=/usr/lib/cellvisor/tests/cvlines
PTY=/run/cellvisor/console/uart-demo
out=/var/tmp/console
mkdir -p $out

check "enable; gic-demo runs on CPU 3" sh -c \
	"cellctl enable && cellctl create gic-demo && cellctl load gic-demo && cellctl start gic-demo"
check "uart-demo, loaded to flood (flood=1)" sh -c \
	"cellctl create uart-demo && cellctl load uart-demo $INM/uart-demo.bin@0 -s flood=1 -a 0x1000"

# The readers, from before the first line.
cellctl console -f -n 0 uart-demo < /dev/null > $out/client & client=$!
cellctl console -f -n 0 uart-demo < /dev/null > $out/stopped & stopped=$!
cat $PTY > $out/pty & pty=$!
sleep 1
since=$(date +%s)
check "start uart-demo with three readers and the journal" cellctl start uart-demo

# root_busy: jiffies the root's CPUs (all online ones) were busy, in all.
root_busy() {
	local sum=0 cpu user nice sys idle iowait irq softirq rest
	while read -r cpu user nice sys idle iowait irq softirq rest; do
		case $cpu in cpu[0-9]*) sum=$((sum + user + nice + sys + irq + softirq)) ;; esac
	done < /proc/stat
	echo $sum
}
sleep 3

# --- cellctl console NAME: a snapshot, whole lines, at once ---
# ms OUT COMMAND...: run COMMAND with its output to OUT; say in ms how long
# it took (no fork to read the clock) and, in $out/rc, its exit status.
ms() {
	local out_file=$1 t0=${EPOCHREALTIME/./}
	shift
	"$@" > "$out_file"; echo $? > $out/rc
	echo $(( (${EPOCHREALTIME/./} - t0) / 1000 ))
}
# snap NAME: how long `cellctl console NAME` took (ms) next to `cellctl
# status NAME` (status_ms) just before, the snapshot's size and last
# byte; the snapshot in $out/snap.NAME. Merely starting cellctl (and
# asking polkit) can take seconds on a loaded TCG guest: the status call
# says how long.
snap() {
	local st ms
	st=$(ms /dev/null cellctl status "$1")
	ms=$(ms $out/snap.$1 timeout 20 cellctl console "$1")
	echo "rc=$(cat $out/rc) ms=$ms status_ms=$st bytes=$(wc -c < $out/snap.$1)" \
	     "last=$(tail -c 1 $out/snap.$1 | od -An -tx1 | tr -d ' ')"
}
for c in uart-demo gic-demo; do
	s=$(snap $c)
	diag "cellctl console $c while it prints: $s"
	check "cellctl console $c returns within 2 s (beyond a status call), at most 64 KiB, ending with a whole line" sh -c \
		"[ $(hv_field rc $s) = 0 ] && [ $(( $(hv_field ms $s) - $(hv_field status_ms $s) )) -lt 2000 ] &&
		 [ $(hv_field bytes $s) -gt 0 ] && [ $(hv_field bytes $s) -le 65536 ] && [ $(hv_field last $s) = 0a ]"
done
check "the uart-demo snapshot: whole lines, in order, none missing" $CVLINES --snapshot $out/snap.uart-demo
check "the gic-demo snapshot: whole lines only" sh -c \
	"! tr -d '\r' < $out/snap.gic-demo |
	 grep -Ev '^(|Timer fired, jitter: +[0-9]+ ns, min: +[0-9]+ ns, max: +[0-9]+ ns|gic-demo: .*)\$'"

# --- throughput: 10 s with every reader keeping up ---
b0=$(wc -c < $out/client) l0=$(grep -c '^Hello' $out/client) j0=$(root_busy) t0=$(date +%s%N)
sleep 10
b1=$(wc -c < $out/client) l1=$(grep -c '^Hello' $out/client) j1=$(root_busy) t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
hz=$(getconf CLK_TCK)
lps=$(( (l1 - l0) * 1000 / ms ))
diag "throughput: $((l1 - l0)) lines ($((b1 - b0)) bytes) in $ms ms reached cellctl console -f:" \
     "$lps lines/s, $(( (b1 - b0) * 1000 / ms / 1024 )) KiB/s (QEMU TCG)"
diag "root CPU time: $(( (j1 - j0) * 1000 / hz )) ms busy on the root's CPUs in those $ms ms:" \
     "$(( (j1 - j0) * 1000 / hz * 1048576 / (b1 - b0 + 1) )) ms per MB of console output"
check "lines keep reaching the reader ($lps a second)" test "$lps" -gt 100

# --- one reader stopped for 10 s ---
kill -STOP $stopped
l0=$(grep -c '^Hello' $out/client) t0=$(date +%s%N)
sleep 10
l1=$(grep -c '^Hello' $out/client) t1=$(date +%s%N)
kill -CONT $stopped
lps2=$(( (l1 - l0) * 1000000000 / (t1 - t0) ))
diag "with one client stopped: $lps2 lines/s to the other (before: $lps)"
check "the cell and the other readers are not slowed by it ($lps2 lines/s vs $lps)" \
	test $((lps2 * 2)) -gt "$lps"
sleep 3

# --- every reader stopped: cellmgrd itself, for 3 s ---
mgr=$(systemctl show -p MainPID --value cellmgrd)
kill -STOP "$mgr"
sleep 3
kill -CONT "$mgr"
sleep 3
check "destroy uart-demo" cellctl destroy uart-demo
# running PID: not ended (a zombie has ended: it is ours to reap)
running() { [ -e /proc/$1 ] && ! grep -q '^State:.Z' /proc/$1/status; }
clients_ended() { ! running $client && ! running $stopped; }
check "its console clients end with it" wait_for 10 clients_ended
kill $client $stopped $pty 2>/dev/null
wait $client $stopped $pty 2>/dev/null

# The stop of cellmgrd costs one marker; a root starved for over a second
# on a loaded TCG host costs another, each counting what it dropped.
r=$($CVLINES $out/client); rc=$?
diag "client: $r"
m=$(hv_field markers $r) dropped=$(hv_field dropped $r)
diag "the hypervisor dropped lines $m time(s): 1 for the stop of cellmgrd, the others for stalls of the root"
check "the client that kept reading: every line whole, in order, each gap counted by a marker" \
	sh -c "[ $rc = 0 ] && echo '$r' | grep -q 'first=1 .*markers=[1-9][0-9]* notices=0 .*bad=0 .*dropped='"
check "the hypervisor dropped lines ($dropped) while cellmgrd was stopped" test -n "$dropped"
r2=$($CVLINES $out/stopped); rc=$?
diag "stopped client: $r2"
check "the client stopped for 10 s: whole lines, what it missed (if any) counted in a notice, the same markers" \
	sh -c "[ $rc = 0 ] && echo '$r2' | grep -q 'first=1 .*markers=$m notices=[01] .*bad=0 .*dropped=$dropped\$'"
r3=$($CVLINES $out/pty); rc=$?
diag "pty: $r3"
check "the pty: every line whole, in order, the same markers" \
	sh -c "[ $rc = 0 ] && echo '$r3' | grep -q 'first=1 .*markers=$m notices=0 .*bad=0 .*dropped=$dropped\$'"
# The pty's reader may lag: what was still on its way when the cell went is not sent.
check "both clients got the same lines up to the end, the pty the same up to where it got" sh -c \
	"[ $(hv_field last $r) = $(hv_field last $r2) ] && [ $(hv_field last $r3) -le $(hv_field last $r) ]"
journalctl --sync
# (the last line is cut where the cell was destroyed: cvlines ignores it in the others)
journalctl CELL=uart-demo --since=@$since -o cat | sed '$ { /^Hello [0-9]* from cell!$/!d }' > $out/journal
r4=$($CVLINES --journal $out/journal); rc=$?
diag "journal: $r4"
check "the journal: whole lines in order, each gap announced by a note or the marker" \
	sh -c "[ $rc = 0 ] && echo '$r4' | grep -q 'first=1 .*bad=0'"
check "no line of the flood reached the hypervisor's log (the vUART is its console)" sh -c \
	"! cellctl console | grep -q 'Hello 1 from cell'"

# --- a 4 KiB paste, through a client and through the pty ---
check "uart-demo again, echoing (its config's images)" sh -c \
	"cellctl create uart-demo && cellctl load uart-demo && cellctl start uart-demo"
prompt() { cellctl console uart-demo | grep -q 'uart-demo> '; }
wait_for 30 prompt
# paste TAG: 64 lines of 64 bytes, CR-terminated as a terminal sends them
paste() {
	local i
	for i in $(seq -w 1 64); do
		printf '%s%s:%s\r' "$1" "$i" 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW
	done
}
paste c > $out/paste.c
paste p > $out/paste.p
# echoed TAG: the lines uart-demo echoed back, as pasted
echoed() { sed -n "s/^echo: \($1[0-9][0-9]:.*\)\r\$/\1/p" $out/echo | tr '\n' '\r'; }
all_echoed() { [ "$(echoed $1 | wc -c)" -ge 4096 ]; }
check "the paste is 4096 bytes" test "$(wc -c < $out/paste.c)" = 4096
cellctl console -f -n 0 uart-demo < $out/paste.c > $out/echo & reader=$!
wait_for 60 all_echoed c
echoed c > $out/got.c
check "pasted into cellctl console -f: all 64 lines echoed, whole and in order" cmp $out/got.c $out/paste.c
kill $reader; wait $reader 2>/dev/null
cellctl console -f -n 0 uart-demo < /dev/null > $out/echo & reader=$!
sleep 1
cat $out/paste.p > $PTY
wait_for 60 all_echoed p
echoed p > $out/got.p
check "pasted into the pty: all 64 lines echoed, whole and in order" cmp $out/got.p $out/paste.p
kill $reader; wait $reader 2>/dev/null

check "destroy both; disable" sh -c "cellctl destroy uart-demo gic-demo && cellctl disable"
check_output "every CPU back in Linux" '^0-3$' cat /sys/devices/system/cpu/online
rm -rf $out
