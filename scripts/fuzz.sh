#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ (swiftc -sanitize=fuzzer, into .build-fuzz) and runs each for a
# bounded time, seeded from the repo's own files. What a run finds is kept in Fuzz/findings/NAME/ and the
# script exits 1; turn each finding into a unit test.
#   scripts/fuzz.sh                 every harness, 20 s each (what CI runs)
#   scripts/fuzz.sh 1800            every harness, 30 minutes each
#   scripts/fuzz.sh 60 json         one harness
#   GLOW_FUZZ_PARALLEL=1 scripts/fuzz.sh 1800    all at once
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
require_swift
apt_install "${BUILD_PACKAGES[@]}"
seconds=${1:-20}
shift || true
all=(json jmespath nginx xml lesson markdown progress answer)
harnesses=("${@:-${all[@]}}")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
shared=${GLOW_SHARED:-../shared}

echo "building the harnesses (debug, -sanitize=fuzzer) into .build-fuzz"
mkdir -p .build-fuzz
GLOW_FUZZ=1 swift build --scratch-path .build-fuzz --product glow-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library > .build-fuzz/build.log 2>&1 || { tail -40 .build-fuzz/build.log; exit 2; }
bin=$(GLOW_FUZZ=1 swift build --scratch-path .build-fuzz --show-bin-path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Seeds: the repo's own files for each reader (copied: libFuzzer writes new inputs into its corpus folder).
seeds() {
    local name=$1; shift
    mkdir -p "$work/corpus-$name"
    local n=0
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$work/corpus-$name/seed-$n"; n=$((n + 1))
    done
    [ -d "Fuzz/seeds/$name" ] && cp Fuzz/seeds/"$name"/* "$work/corpus-$name/" 2>/dev/null || true
}
mapfile -t jsons < <(find Fixtures -name '*.json' | sort)
mapfile -t confs < <(find Fixtures -name '*.conf' | sort)
mapfile -t lessons < <(find Lessons -name '*.md' | sort)
if [ -d "$shared/testdata" ]; then
    mapfile -t -O "${#confs[@]}" confs < <(find "$shared/testdata" -name '*.conf' | sort | head -200)
else
    echo "note: $shared/testdata is absent; the nginx harness is seeded from the fixtures only"
fi
seeds json "${jsons[@]}"
seeds nginx "${confs[@]}"
seeds lesson "${lessons[@]}"
seeds markdown "${lessons[@]}"
seeds xml
seeds progress
seeds answer
# JMESPath: the lessons' and checks' own queries over a fixture document.
mkdir -p "$work/corpus-jmespath"
n=0
while IFS= read -r q; do
    { printf '%s\n' "$q"; cat Fixtures/glowcorp/elbv2-describe-target-groups.json; } > "$work/corpus-jmespath/seed-$n"
    n=$((n + 1))
done < <(grep -rhoE "(query|answer-query): *'[^']+'" Lessons Sources/Checks | sed -E "s/^[a-z-]+: *'(.*)'$/\1/" | sort -u | head -100)
[ -d Fuzz/seeds/jmespath ] && cp Fuzz/seeds/jmespath/* "$work/corpus-jmespath/"

run() {  # run HARNESS: one bounded run; prints one line, returns 1 on a finding
    local h=$1
    mkdir -p "Fuzz/findings/$h"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: growth without bound is a finding too.
    # SWIFT_BACKTRACE off: Swift's own crash handler would end the process before libFuzzer writes the input.
    if SWIFT_BACKTRACE=enable=no "$bin/glow-fuzz" "$h" "$work/corpus-$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="Fuzz/findings/$h/" -print_final_stats=1 > "$work/$h.log" 2>&1; then
        runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/$h.log" | grep -oE '[0-9]+$' || echo '?')
        echo "✔ $h: ${seconds} s, $runs inputs, nothing found"
        rmdir "Fuzz/findings/$h" 2>/dev/null || true
    else
        echo "✘ $h: found something (Fuzz/findings/$h/):"
        grep -E 'ERROR|Fatal error|Test unit written|==[0-9]+==' "$work/$h.log" | head -20
        return 1
    fi
}

status=0
if [ -n "${GLOW_FUZZ_PARALLEL:-}" ]; then
    # All at once (a long run on a machine with cores to spare): the same lines, when each ends.
    pids=()
    for h in "${harnesses[@]}"; do run "$h" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p" || status=1; done
else
    for h in "${harnesses[@]}"; do run "$h" || status=1; done
fi
rmdir Fuzz/findings 2>/dev/null || true
exit $status
