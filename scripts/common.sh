# Shared settings for the set-up and test scripts. Sourced, not executed.

CV_CACHE=${CV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cellvisor}
CV_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Content key of a list of files and strings: changes when any input does.
content_key() {
	{ for f in "$@"; do if [ -f "$f" ]; then cat "$f"; else printf '%s\n' "$f"; fi; done; } |
		sha256sum | cut -c1-16
}

# The Debian kernel ABI ("6.1.0-56") that linux-image-arm64 currently points at.
# apt-cache takes about 2 s and every build and guest boot asks: the answer
# is kept with the state of apt's package lists it came from, and asked
# again when they change (apt-get update).
kernel_abi() {
	local lists memo=$CV_CACHE/kernel-abi key abi
	lists=$(ls -l --time-style=+%s /var/lib/apt/lists 2>/dev/null | sha256sum | cut -c1-16)
	if [ -f "$memo" ] && read -r key abi < "$memo" && [ "$key" = "$lists" ] && [ -n "$abi" ]; then
		echo "$abi"
		return
	fi
	abi=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\(.*\)-arm64:arm64$/\1/p' | head -n1)
	if [ -n "$abi" ] && mkdir -p "$CV_CACHE"; then
		echo "$lists $abi" > "$memo.$$" && mv -f "$memo.$$" "$memo"
	fi
	echo "$abi"
}
