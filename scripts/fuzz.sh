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
  ./sonzai/webhook:FuzzVerify
  ./sonzai/webhook:FuzzHandler
)
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  corpus="$pkg/testdata/fuzz/$name"
  before=$(ls "$corpus" 2>/dev/null | sort || true)
  log=$(mktemp)
  rc=0
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time" "$pkg" >"$log" 2>&1 || rc=$?
  after=$(ls "$corpus" 2>/dev/null | sort || true)
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -n 1 || true)
  if [ "$rc" -ne 0 ]; then
    if [ "$before" = "$after" ] && grep -q 'context deadline exceeded' "$log" && ! grep -q -e 'panic:' -e 'Failing input' "$log"; then
      # Go's fuzz coordinator can report its own -fuzztime deadline as a
      # failure, writing no input (go.dev/issue/75804, fixed in Go 1.27).
      # That is not a finding; a real one always writes a reproducer.
      printf 'fuzz: %-26s %s (ended by the Go 1.26 fuzztime race, no input written: not a finding)\n' "$name" "${last#fuzz: }"
      rm -f "$log"
      continue
    fi
    cat "$log"; rm -f "$log"
    echo "fuzz: $name found a failure (see above; the input is saved under $corpus)" >&2
    exit 1
  fi
  printf 'fuzz: %-26s %s\n' "$name" "${last#fuzz: }"
  rm -f "$log"
done
