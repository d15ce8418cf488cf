#!/usr/bin/env bash
# Quick start for learners: install what is missing, build, and start (or resume) the course on the
# bundled lessons. Arguments are passed to glow-onboard (e.g. `scripts/start.sh goto vpc`).
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}"
cd "$ROOT"
echo "==> building glow-onboard (release)" >&2
swift build -c release --static-swift-stdlib --product glow-onboard >&2
exec "$ROOT/.build/release/glow-onboard" --lessons "$ROOT/Lessons" "$@"
