#!/usr/bin/env bash
# Installs what the tests need, then runs every test: unit tests, the shipped lessons' lint, end-to-end
# transcripts against the built binary, and the tmux-driven terminal test. `.ci/run` runs exactly this.
source "$(dirname "$0")/lib.sh"
require_swift
# tmux drives the interactive (TTY) test; locales gives C.UTF-8 on minimal images; Debian's nginx gives
# the `nginx -t` verdicts the parser is compared with; librsvg renders the map's SVG in a test.
apt_install "${BUILD_PACKAGES[@]}" tmux locales nginx librsvg2-bin
# crossplane 0.5.8 is the reference nginx parser for the differential test.
if ! python3 -c 'import crossplane, sys; sys.exit(crossplane.__version__ != "0.5.8")' 2>/dev/null; then
    echo "==> pip install crossplane==0.5.8" >&2
    python3 -m pip install -q --disable-pip-version-check crossplane==0.5.8 2>&1 | grep -v "^WARNING: Running pip as" >&2 || true
fi
cd "$ROOT"
echo "==> swift build --build-tests" >&2
swift build --build-tests
echo "==> glow-onboard lessons lint --strict Lessons" >&2
.build/debug/glow-onboard lessons lint --strict Lessons
# The JMESPath compliance suite is read from ../shared; in CI its absence is a failure.
SHARED="${GLOW_SHARED:-$ROOT/../shared}"
if [ -n "${CI:-}" ] && [ ! -d "$SHARED/testdata/jmespath" ]; then
    echo "test: the JMESPath compliance suite is missing ($SHARED/testdata/jmespath)" >&2
    exit 1
fi
echo "==> swift test" >&2
swift test --skip-build --disable-xctest  # the tests use Swift Testing only
