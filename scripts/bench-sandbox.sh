#!/usr/bin/env bash
# The lab's figures for the README (targets: `sandbox start` until the account answers <= 3 s, a lesson's
# `verify --sandbox` <= 0.5 s, `sandbox nginx reload` <= 1 s). Release build; glowcorp is built once in a
# throwaway sandbox with the AWS CLI and nginx files written; then each command runs RUNS times as a new
# process and the median is printed. Needs moto[server], the AWS CLI and nginx (scripts/test.sh installs them).
source "$(dirname "$0")/lib.sh"
require_swift
cd "$ROOT"
RUNS="${RUNS:-5}"
BIN="$(release_binary)"
STATE="$(mktemp -d)"
trap 'XDG_STATE_HOME="$STATE" "$BIN" sandbox stop >/dev/null 2>&1; rm -rf "$STATE"' EXIT
python3 - "$BIN" "$RUNS" "$STATE" "$ROOT" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time, urllib.request
binary, runs, state, root = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
env = dict(os.environ, XDG_STATE_HOME=state, NO_COLOR="1")
def glow(*args, check=True):
    done = subprocess.run([binary, *args], env=env, cwd=root, capture_output=True, text=True)
    if check and done.returncode != 0:
        sys.exit(f"glow-onboard {' '.join(args)}: {done.stdout}{done.stderr}")
    return done
def timed(*args):
    start = time.perf_counter(); glow(*args, check=False); return (time.perf_counter() - start) * 1000
def endpoint():
    return json.loads(glow("sandbox", "status", "--json").stdout)["endpoint"]
def answers(url):
    body = b"Action=DescribeVpcs&Version=2016-11-15"
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/ap-northeast-2/ec2/aws4_request, SignedHeaders=host, Signature=0"})
    return urllib.request.urlopen(request, timeout=5).status == 200

first = time.perf_counter(); glow("sandbox", "start"); first = (time.perf_counter() - first) * 1000
subprocess.run([sys.executable, f"{root}/scripts/moto-glowcorp.py", "--endpoint", endpoint()], check=True, capture_output=True)
conf = os.path.join(state, "glow-onboard/sandbox/host/etc/nginx/conf.d")
for name in ("app.glowcorp.io.conf", "api.glowcorp.io.conf"):
    shutil.copy(f"{root}/Fixtures/host/etc/nginx/conf.d/{name}", conf)
glow("sandbox", "nginx", "reload")
changes = json.loads(glow("sandbox", "status", "--json").stdout)["changes"]

starts = []
for _ in range(runs):
    glow("sandbox", "stop")
    start = time.perf_counter()
    glow("sandbox", "start")
    assert answers(endpoint())
    starts.append((time.perf_counter() - start) * 1000)
verifies = [timed("verify", "--sandbox", "--lesson", "alb", "--step", "build") for _ in range(runs)]
whole = [timed("verify", "--sandbox") for _ in range(runs)]
reloads = [timed("sandbox", "nginx", "reload") for _ in range(runs)]
print(f"{'command':58} {'median':>9} {'min':>9} {'max':>9} {'target':>8}")
failed = False
for name, times, target in [
    (f"sandbox start until the account answers ({changes} changes)", starts, 3000),
    ("verify --sandbox --lesson alb --step build", verifies, 500),
    ("verify --sandbox (every lesson's blocks)", whole, 500),
    ("sandbox nginx reload", reloads, 1000),
]:
    median = statistics.median(times)
    ok = median <= target
    failed |= not ok
    print(f"{name:58} {median:7.0f}ms {min(times):7.0f}ms {max(times):7.0f}ms {'<= ' + str(target) + 'ms':>8} {'ok' if ok else 'SLOW'}")
print(f"first start of an empty sandbox: {first:.0f} ms ({runs} runs each, release build, {os.cpu_count()} cores)")
sys.exit(1 if failed else 0)
PY
