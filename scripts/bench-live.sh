#!/usr/bin/env bash
# Live-read benchmark (issue 5, target ≤ 0.3 s whole process): glow-onboard snapshot vs boto3 vs the AWS
# CLI against the same moto_server state on loopback. Release build; scripts/bench-live.py does the timing.
source "$(dirname "$0")/lib.sh"
require_swift
cd "$ROOT"
swift build -c release --product glow-onboard >&2
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
MOTO_ACM_VALIDATION_WAIT=0 python3 -m moto.server -H 127.0.0.1 -p "$PORT" >/dev/null 2>&1 &
MOTO=$!
trap 'kill $MOTO 2>/dev/null' EXIT
for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/moto-api/', timeout=1)" 2>/dev/null && break
    sleep 0.2
done
python3 scripts/moto-glowcorp.py --endpoint "http://127.0.0.1:$PORT"
python3 scripts/bench-live.py .build/release/glow-onboard "http://127.0.0.1:$PORT" "${RUNS:-5}"
