#!/usr/bin/env bash
# fuzz.sh: run every fuzz target for FUZZTIME each (default 5s; CI uses a
# few seconds as a smoke, a real session uses minutes: FUZZTIME=5m).
# New crashers are written under the package's testdata/fuzz/ by go test;
# commit them, they become regression seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${FUZZTIME:-5s}
targets=(
  ./sonzai/internal/sse:FuzzDecoder
  ./sonzai:FuzzDecodeFrame
  ./sonzai:FuzzDecodeProblem
  ./sonzai:FuzzParseRetryAfter
  ./sonzai:FuzzListCursors
  ./sonzai:FuzzTurnResultFastDecode
)
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  log=$(mktemp)
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time" "$pkg" >"$log" 2>&1; then
    cat "$log"; rm -f "$log"
    echo "fuzz: $name found a failure (see above; the input is saved under $pkg/testdata/fuzz/$name)" >&2
    exit 1
  fi
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -n 1 || true)
  printf 'fuzz: %-22s %s\n' "$name" "${last#fuzz: }"
  rm -f "$log"
done
