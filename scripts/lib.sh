# Shared by the scripts: install Debian packages only when missing, with sudo when not root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages every build needs (libedit and cmark-gfm are linked as system libraries).
BUILD_PACKAGES=(libedit-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> installing Debian packages: ${missing[*]}" >&2
    # A fresh machine's package lists may be empty: update before the first install.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || {
        echo "glow-onboard needs Swift 6 (https://www.swift.org/install/linux/); 'swift' is not on PATH." >&2
        exit 2
    }
}

# The release binary every benchmark and the quick start use (static Swift standard library).
release_binary() {
    swift build -c release --static-swift-stdlib --product glow-onboard >&2
    echo "$ROOT/.build/release/glow-onboard"
}
