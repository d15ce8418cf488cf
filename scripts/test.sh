#!/usr/bin/env bash
# Installs what the tests need, then runs every test: unit tests, the shipped lessons' lint, end-to-end
# transcripts against the built binary, and the tmux-driven terminal test. `.ci/run` runs exactly this.
source "$(dirname "$0")/lib.sh"
require_swift
# tmux drives the interactive (TTY) test; locales gives C.UTF-8 on minimal images; Debian's nginx gives
# the `nginx -t` verdicts the parser is compared with; librsvg renders the map's SVG in a test.
# libcurl4 is what live AWS reads load at run time; openssh-client is the ssh the host reader runs, and
# openssh-server the sshd on loopback it is tested against (its service is not started: the test runs its own);
# openssl makes the test CA for the TLS the trace tests go through; chromium renders `report --html` headless;
# less is the pager the TTY tests see long output go through; libsixel-bin's img2sixel draws pictures for
# sixel terminals.
apt_install "${BUILD_PACKAGES[@]}" tmux locales nginx librsvg2-bin libcurl4 curl openssh-client openssh-server openssl chromium less libsixel-bin
pip_install() {
    echo "==> pip install $*" >&2
    python3 -m pip install -q --disable-pip-version-check "$@" 2>&1 | grep -v "^WARNING: Running pip as" >&2 || true
}
# crossplane 0.5.8 is the reference nginx parser for the differential test.
python3 -c 'import crossplane, sys; sys.exit(crossplane.__version__ != "0.5.8")' 2>/dev/null || pip_install crossplane==0.5.8
# moto_server stands in for AWS; the AWS CLI builds glowcorp's setup in it and is what our reader is
# compared with.
python3 -c 'import moto.server, flask, flask_cors' 2>/dev/null || pip_install 'moto[server]'
command -v aws >/dev/null 2>&1 || pip_install awscli
cd "$ROOT"

# Services the tests read, on loopback: moto_server (AWS) and nginx with the course's configuration.
# Each binds a port of its own choosing and says which. Both are stopped when this script ends, however it ends.
SERVICES="$(mktemp -d /tmp/glow-services.XXXXXX)"
stop_services() {
    [ -n "${MOTO_PID:-}" ] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null
    python3 "$ROOT/scripts/loopback-nginx.py" stop "$SERVICES/nginx" 2>/dev/null
    rm -rf "$SERVICES"
}
trap stop_services EXIT
MOTO_ACM_VALIDATION_WAIT=0 python3 -m moto.server -H 127.0.0.1 -p 0 >"$SERVICES/moto.log" 2>&1 &
MOTO_PID=$!
MOTO_PORT=""
for _ in $(seq 150); do
    MOTO_PORT="$(sed -n 's|.*Running on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$SERVICES/moto.log" | head -n 1)"
    [ -n "$MOTO_PORT" ] && curl -fs -o /dev/null "http://127.0.0.1:$MOTO_PORT/moto-api/" && break
    MOTO_PORT=""
    kill -0 "$MOTO_PID" 2>/dev/null || break
    sleep 0.2
done
if [ -z "$MOTO_PORT" ]; then
    echo "test: moto_server did not start or does not answer; its log:" >&2
    cat "$SERVICES/moto.log" >&2
    exit 1
fi
echo "==> moto_server on 127.0.0.1:$MOTO_PORT" >&2
export GLOW_MOTO_URL="http://127.0.0.1:$MOTO_PORT"
NGINX="$(python3 scripts/loopback-nginx.py start "$SERVICES/nginx")"
export GLOW_TEST_NGINX_CONF="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["conf"])' <<<"$NGINX")"
echo "==> nginx with the course's configuration: $NGINX" >&2
echo "==> swift build --build-tests" >&2
swift build --build-tests
echo "==> glow-onboard lessons lint --strict Lessons" >&2
.build/debug/glow-onboard lessons lint --strict Lessons
echo "==> glow-onboard lessons test (every answer, mistake and verify block of the shipped course)" >&2
.build/debug/glow-onboard lessons test --lessons Lessons
# The JMESPath compliance suite is read from ../shared; in CI its absence is a failure.
SHARED="${GLOW_SHARED:-$ROOT/../shared}"
if [ -n "${CI:-}" ] && [ ! -d "$SHARED/testdata/jmespath" ]; then
    echo "test: the JMESPath compliance suite is missing ($SHARED/testdata/jmespath)" >&2
    exit 1
fi
# What the tests start (sandboxes: moto, stand-in apps, nginx) they stop: anything of theirs still running
# afterwards is a failure, and is stopped here so that it does not outlive the run.
started_by_tests() { { pgrep -f 'sandbox_services\.py|^nginx: master process' || true; } | sort; }
BEFORE="$(started_by_tests)"
echo "==> swift test" >&2
status=0
swift test --skip-build --disable-xctest || status=$?  # the tests use Swift Testing only
LEFT="$(comm -13 <(echo "$BEFORE") <(started_by_tests) | grep . || true)"
if [ -n "$LEFT" ]; then
    echo "test: the tests left these running:" >&2
    ps -o pid=,args= -p "$(echo $LEFT | tr ' ' ',')" >&2 || true
    kill $LEFT 2>/dev/null || true
    [ "$status" -eq 0 ] && status=1
fi
[ "$status" -eq 0 ] || exit "$status"
# The fuzzers (Fuzz/README.md), briefly: each harness 20 s from the repo's own seeds; a finding fails the run.
# GLOW_FUZZ_SECONDS=0 skips them on a machine where a run is only for the unit tests.
if [ "${GLOW_FUZZ_SECONDS:-20}" != 0 ]; then
    echo "==> scripts/fuzz.sh ${GLOW_FUZZ_SECONDS:-20}" >&2
    bash scripts/fuzz.sh "${GLOW_FUZZ_SECONDS:-20}" || exit 1
fi
