#!/usr/bin/env bash
# Installs what the tests need, then runs every test: unit tests, the shipped lessons' lint, end-to-end
# transcripts against the built binary, and the tmux-driven terminal test. `.ci/run` runs exactly this.
source "$(dirname "$0")/lib.sh"
require_swift
# tmux drives the interactive (TTY) test; locales gives C.UTF-8 on minimal images.
apt_install "${BUILD_PACKAGES[@]}" tmux locales
cd "$ROOT"
echo "==> swift build --build-tests" >&2
swift build --build-tests
echo "==> glow-onboard lessons lint --strict Lessons" >&2
.build/debug/glow-onboard lessons lint --strict Lessons
echo "==> swift test" >&2
swift test --skip-build
