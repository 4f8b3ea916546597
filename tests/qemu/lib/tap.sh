# TAP helpers for in-guest scenarios: . /usr/lib/cellvisor-test/tap.sh
# The test counter lives on disk, so a scenario that reboots (cv_reboot) goes
# on numbering where it left off.
_cv_state=/var/lib/cv-test
mkdir -p "$_cv_state"

_cv_next() {
	local n
	n=$(( $(cat "$_cv_state/tapcount" 2>/dev/null || echo 0) + 1 ))
	echo "$n" > "$_cv_state/tapcount"
	echo "$n"
}

# plan N: announce the number of tests (first boot only).
plan() { [ "${CV_BOOT:-1}" != 1 ] || echo "1..$1"; }

diag() { printf '# %s\n' "$*"; }

# A known gap is marked by setting TAP_TODO for one check, e.g.
#   TAP_TODO="vUART RX not emulated yet" check "a typed line is echoed" ...
# which adds a TAP "# TODO" directive: reported, never counted as a failure.
_cv_todo() { [ -z "${TAP_TODO:-}" ] || printf ' # TODO %s' "$TAP_TODO"; }
pass() { echo "ok $(_cv_next) - $*$(_cv_todo)"; }
fail() { echo "not ok $(_cv_next) - $*$(_cv_todo)"; }

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

# wait_for SECONDS COMMAND...: retry COMMAND until it succeeds or time is up.
wait_for() {
	local end=$(( $(date +%s) + $1 ))
	shift
	until "$@" > /dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.5
	done
}

# cv_reboot: reboot the guest; the scenario runs again with CV_BOOT+1.
cv_reboot() {
	sync
	systemctl reboot
	sleep infinity
}
