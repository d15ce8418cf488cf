#!/usr/bin/env bash
# Start-up figures for the README (targets: --help and first prompt <= 20 ms, lint <= 50 ms, verify --all <= 30 ms).
# Release build; each command runs RUNS times as a new process (warm file cache); the median is printed.
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}"
cd "$ROOT"
RUNS="${RUNS:-30}"
swift build -c release --static-swift-stdlib --product glow-onboard >&2
BIN="$ROOT/.build/release/glow-onboard"
STATE="$(mktemp -d)"
trap 'rm -rf "$STATE"' EXIT

python3 - "$BIN" "$RUNS" "$STATE" <<'PY'
import os, statistics, subprocess, sys, time
binary, runs, state = sys.argv[1], int(sys.argv[2]), sys.argv[3]
env = dict(os.environ, HOME=state, XDG_STATE_HOME=state, NO_COLOR="1")
cases = [
    ("glow-onboard --help", [binary, "--help"], 20),
    # Piped stdin at EOF: loads and lints all lessons, reads progress, renders the first step, then exits.
    ("first prompt (bundled course)", [binary, "--lessons", "Lessons"], 20),
    ("glow-onboard lessons lint Lessons", [binary, "lessons", "lint", "Lessons"], 50),
    # Every lesson's verify blocks against the bundled fixture (load, parse nginx, run the catalogue).
    ("glow-onboard verify --all", [binary, "verify", "--all"], 30),
]
print(f"{'command':40} {'median':>9} {'min':>9} {'max':>9} {'target':>8}")
failed = False
for name, argv, target in cases:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    ok = median <= target
    failed |= not ok
    print(f"{name:40} {median:7.1f}ms {min(times):7.1f}ms {max(times):7.1f}ms {'<= ' + str(target) + 'ms':>8} {'ok' if ok else 'SLOW'}")
print(f"({runs} runs each, release build, {os.cpu_count()} cores)")
sys.exit(1 if failed else 0)
PY
