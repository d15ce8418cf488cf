#!/usr/bin/env bash
# JMESPath evaluation speed: every case of the compliance suite's benchmarks.json, evaluated by our
# engine (release build, timed inside the process) and by Python's jmespath (the one the AWS CLI uses,
# compiled once, timed with timeit), in one run; prints the time per evaluation and the ratio per case.
# Target: >= 10x faster than Python per evaluation.
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}"
cd "$ROOT"
SUITE="${GLOW_SHARED:-$ROOT/../shared}/testdata/jmespath/benchmarks.json"
[ -f "$SUITE" ] || { echo "bench-jmespath: $SUITE not found" >&2; exit 2; }
python3 -c 'import jmespath' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check jmespath >&2
BIN="$(release_binary)"
python3 - "$BIN" "$SUITE" <<'PY'
import json, os, statistics, subprocess, sys, tempfile, timeit
import jmespath
binary, suite = sys.argv[1], sys.argv[2]
cases = [(s["given"], c["expression"]) for s in json.load(open(suite)) for c in s["cases"]]
ratios = []
print(f"{'expression':52} {'ours us':>9} {'python us':>10} {'ratio':>7}")
with tempfile.TemporaryDirectory() as tmp:
    for n, (given, expression) in enumerate(cases):
        path = os.path.join(tmp, f"given-{n}.json")
        json.dump(given, open(path, "w"))
        compiled = jmespath.compile(expression)
        timer = timeit.Timer(lambda: compiled.search(given))
        loops, _ = timer.autorange()
        python = min(timer.repeat(5, loops)) / loops * 1e6
        runs = max(1000, int(loops * 20))
        ours = []
        for _ in range(5):
            out = subprocess.run([binary, "query", "--benchmark", str(runs), "--compact", expression, "-i", path],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(f"{expression}: {out.stderr}")
            ours.append(float(out.stderr.split()[0]))
        mine = statistics.median(ours)
        ratio = python / mine if mine > 0 else float("inf")
        ratios.append(ratio)
        label = expression if len(expression) <= 50 else expression[:47] + "..."
        print(f"{label:52} {mine:9.3f} {python:10.3f} {ratio:6.1f}x")
print(f"median ratio {statistics.median(ratios):.1f}x, lowest {min(ratios):.1f}x over {len(cases)} cases")
PY
