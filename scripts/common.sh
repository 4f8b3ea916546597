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
kernel_abi() {
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\(.*\)-arm64:arm64$/\1/p' | head -n1
}
