#!/usr/bin/env bash
# Start-up figures for the README (targets: --help and first prompt <= 20 ms, lint <= 50 ms, verify --all <= 30 ms).
# Release build; each command runs RUNS times as a new process (warm file cache); the median is printed.
# BASELINE=REV also builds that commit (in .build-baseline/, a checkout of its own) and times both binaries
# in the same run, alternating, each in its own tree, with the ratio: a change's cost, side by side.
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}"
cd "$ROOT"
RUNS="${RUNS:-30}"
release_binary >/dev/null
TREES=("$ROOT")
if [ -n "${BASELINE:-}" ]; then
    BASE="$ROOT/.build-baseline"
    rm -rf "$BASE/src"
    mkdir -p "$BASE/src"
    git -C "$ROOT" archive "$BASELINE" | tar -x -C "$BASE/src"
    echo "==> building $BASELINE in $BASE/src" >&2
    (cd "$BASE/src" && swift build -c release --static-swift-stdlib --product glow-onboard --scratch-path "$BASE/build" >&2)
    TREES+=("$BASE/src")
fi
STATE="$(mktemp -d)"
trap 'rm -rf "$STATE"' EXIT

python3 - "$RUNS" "$STATE" "${BASELINE:-}" "${TREES[@]}" <<'PY'
import os, statistics, subprocess, sys, time
runs, state, baseline, trees = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
binaries = [os.path.join(trees[0], ".build/release/glow-onboard")] + [os.path.join(os.path.dirname(t), "build/release/glow-onboard") for t in trees[1:]]
env = dict(os.environ, HOME=state, XDG_STATE_HOME=state, NO_COLOR="1")
cases = [
    ("glow-onboard --help", ["--help"], 20),
    # Piped stdin at EOF: loads and lints all lessons, reads progress, renders the first step, then exits.
    ("first prompt (bundled course)", ["--lessons", "Lessons"], 20),
    ("glow-onboard lessons lint Lessons", ["lessons", "lint", "Lessons"], 50),
    # Every lesson's verify blocks against the bundled fixture (load, parse nginx, run the catalogue).
    ("glow-onboard verify --all", ["verify", "--all"], 30),
]
head = f"{'command':40} {'median':>9} {'min':>9} {'max':>9} {'target':>8}"
print(head + (f" {baseline + ' median':>16} {'ratio':>6}" if baseline else ""))
failed = False
for name, argv, target in cases:
    times = [[] for _ in binaries]
    for _ in range(runs):
        for i, (binary, tree) in enumerate(zip(binaries, trees)):
            start = time.perf_counter()
            subprocess.run([binary] + argv, env=env, cwd=tree, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[i].append((time.perf_counter() - start) * 1000)
    median = statistics.median(times[0])
    ok = median <= target
    failed |= not ok
    line = f"{name:40} {median:7.1f}ms {min(times[0]):7.1f}ms {max(times[0]):7.1f}ms {'<= ' + str(target) + 'ms':>8} {'ok' if ok else 'SLOW'}"
    if baseline:
        base = statistics.median(times[1])
        line += f" {base:14.1f}ms {median / base:5.2f}x"
    print(line)
print(f"({runs} runs each, release build, {os.cpu_count()} cores)")
sys.exit(1 if failed else 0)
PY
