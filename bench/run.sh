#!/usr/bin/env bash
# run.sh is `make bench`: the SDK against a minimal net/http client (see
# doc.go). It builds the bench/ test binary once and runs it in ROUNDS
# rounds (default 6), each running every benchmark once (-test.count 1), so
# each benchmark gets ROUNDS samples and the SDK and baseline sub-benchmarks
# alternate through the run: drift on the machine hits both sides alike,
# which one -count 6 run (six SDK samples, then six baseline ones) would
# not do. Timed benchmarks run for BENCHTIME (default 300ms); the fixed-work
# ones (heap, connections, the 2 s poll) once per round. The raw output
# (benchstat format) goes to bench/results/latest.txt; then benchtable
# prints the table of medians and targets, and benchstat the raw view.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-6}
benchtime=${BENCHTIME:-300ms}
out=bench/results
mkdir -p "$out"

go test -c -o "$out/bench.test" ./bench
go -C scripts build -o "../$out/benchtable" ./benchtable
[ -x .bin/benchstat ] || bash scripts/tools.sh benchstat >/dev/null

timed='^Benchmark(GetMood|GetMoodRaw|SubmitTurn|GetContext|ListAgents10Pages|SetTools|Stream10kDeltas|Stream8MiBFrame)$'
once='^Benchmark(StreamHeap100k|ConnsSequential1000|ConnsConcurrent1000|Poll2s)$'
: >"$out/latest.txt"
for round in $(seq "$rounds"); do
  echo "bench: round $round of $rounds" >&2
  # A failure (TestPollFakeClock fails when a polling target is missed) is
  # reported, and the run goes on: the table names what is missing.
  "$out/bench.test" -test.run '^$' -test.bench "$timed" -test.benchtime "$benchtime" \
    -test.count 1 -test.benchmem >>"$out/latest.txt" || echo "bench: round $round: a benchmark failed" >&2
  "$out/bench.test" -test.run '^$' -test.bench "$once" \
    -test.benchtime 1x -test.count 1 -test.benchmem >>"$out/latest.txt" || echo "bench: round $round: a benchmark failed" >&2
  "$out/bench.test" -test.run '^TestPollFakeClock$' -report-poll \
    >>"$out/latest.txt" || echo "bench: round $round: TestPollFakeClock failed" >&2
done

# The bulk benchmarks live beside the code they measure, in sonzai/: a
# 50,000-user import and a 256 MiB document upload through the fake, each
# reporting its peak heap. They have no baseline to alternate with, so
# they run once, after the rounds.
echo "bench: the bulk benchmarks (import, upload)" >&2
go test -run '^$' -bench '^Benchmark(ImportUsers50k|KnowledgeUpload256MiB)$' -benchtime 2x -count 1 -benchmem ./sonzai/ \
  >"$out/bulk.txt" || echo "bench: a bulk benchmark failed" >&2

echo
"$out/benchtable" "$out/latest.txt"
echo
echo "bulk benchmarks ($out/bulk.txt):"
grep '^Benchmark' "$out/bulk.txt" || true
echo
echo "benchstat $out/latest.txt (the raw view):"
.bin/benchstat "$out/latest.txt"
