# SPDX-License-Identifier: GPL-2.0-only
# TAP for the shell tests, on the host and in the guest:
#   host:  . "$SRC/tests/tap/tap.sh"  ...  done_testing
#   guest: . /usr/lib/cellvisor-test/tap.sh; plan N  ...
# In the guest the counter lives on disk (TAP_STATE, set by the rig's
# runner), so a scenario that reboots (cv_reboot) goes on numbering where it
# left off and a check run in a subshell still counts. On the host it is a
# shell variable. tap_failed is 1 once a test has failed.
_tap_n=0
tap_failed=0
[ -z "${TAP_STATE:-}" ] || mkdir -p "$TAP_STATE"

# Nothing here starts a process per test: under TCG each costs the guest
# 0.1-0.3 s of CPU, and a make check runs ~600 tests.
_tap_next() {
	if [ -n "${TAP_STATE:-}" ]; then
		_tap_n=0
		[ ! -e "$TAP_STATE/tapcount" ] || read -r _tap_n < "$TAP_STATE/tapcount"
		_tap_n=$((_tap_n + 1))
		echo "$_tap_n" > "$TAP_STATE/tapcount"
	else
		_tap_n=$((_tap_n + 1))
	fi
}

# plan N: announce the number of tests up front (first boot only).
plan() { [ "${CV_BOOT:-1}" != 1 ] || echo "1..$1"; }

# done_testing: the plan at the end, for scripts that count as they go;
# exits 1 if a test failed.
done_testing() {
	echo "1..$_tap_n"
	exit $((tap_failed != 0))
}

diag() { printf '# %s\n' "$*"; }

# A known gap is marked by setting TAP_TODO for one check, e.g.
#   TAP_TODO="vUART RX not emulated yet" check "a typed line is echoed" ...
# which adds a TAP "# TODO" directive: reported, never counted as a failure.
pass() {
	_tap_next
	echo "ok $_tap_n - $*${TAP_TODO:+ # TODO $TAP_TODO}"
}
fail() {
	_tap_next
	tap_failed=1
	echo "not ok $_tap_n - $*${TAP_TODO:+ # TODO $TAP_TODO}"
}

# check DESCRIPTION COMMAND...: one test, passing when COMMAND succeeds;
# on failure its output is shown as diagnostics.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$desc"
	else
		fail "$desc"
		printf '%s\n' "$out" | sed 's/^/#   /' | tail -n 20
	fi
}

# check_output DESCRIPTION PATTERN COMMAND...: COMMAND succeeds and its
# output matches the extended regular expression PATTERN.
check_output() {
	local desc=$1 pat=$2 out
	shift 2
	if out=$("$@" 2>&1) && printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		pass "$desc"
	else
		fail "$desc"
		diag "expected /$pat/ from: $*"
		printf '%s\n' "$out" | sed 's/^/#   /' | tail -n 20
	fi
}

# check_exit DESCRIPTION RC COMMAND...: COMMAND exits with status RC.
check_exit() {
	local desc=$1 want=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass "$desc"
	else
		fail "$desc (exit $rc, wanted $want)"
		printf '%s\n' "$out" | sed 's/^/#   /' | tail -n 20
	fi
}

# wait_for SECONDS COMMAND...: retry COMMAND until it succeeds or time is up.
wait_for() {
	local end
	_tap_now
	end=$((_tap_t + $1))
	shift
	until "$@" > /dev/null 2>&1; do
		_tap_now
		[ "$_tap_t" -lt "$end" ] || return 1
		sleep 0.5
	done
}

# _tap_t = a clock in seconds: bash counts them itself, sh asks date.
if [ -n "${BASH_VERSION:-}" ]; then
	_tap_now() { _tap_t=$SECONDS; }
else
	_tap_now() { _tap_t=$(date +%s); }
fi

# cv_reboot (guest): reboot; the scenario runs again with CV_BOOT+1.
cv_reboot() {
	sync
	systemctl reboot
	sleep infinity
}
