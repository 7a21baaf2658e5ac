// Package bench measures what the SDK costs over the physical floor: a
// minimal hand-written client that uses only net/http and encoding/json
// against the same loopback server, in the same run.
//
// Everything lives in _test.go files; run it with `make bench`, which runs
// the benchmarks in interleaved rounds into bench/results/latest.txt and
// prints one table of medians with scripts/benchtable (and the raw
// benchstat view).
//
// What is measured, and how it is kept fair:
//
//   - Unary calls (BenchmarkGetMood, BenchmarkSubmitTurn, BenchmarkGetContext,
//     BenchmarkListAgents10Pages, BenchmarkSetTools) each have a /sdk and a
//     /baseline sub-benchmark. Both sides talk to the same httptest server,
//     whose handler answers with pre-encoded bytes, so the server's cost is
//     the same for both. Both put the same request on the wire (same method,
//     URI, body bytes and Authorization, Content-Type, Accept and User-Agent
//     headers; TestWireParity checks it), and both decode the answer into
//     structs with the same typed fields. Each side has its own
//     http.Client, reused across calls. Allocation counts include the
//     server's (it runs in the same process), which are the same for both.
//     A third sub-benchmark, /paired, runs both sides in one run,
//     alternating every 5 ms, and reports the ratio of their time and
//     of the process CPU time per call: on a shared machine a small call's
//     time drifts by tens of percent between the separate runs, and the
//     paired ratio is what the time target is judged on.
//   - Streaming (BenchmarkStream10kDeltas, BenchmarkStream8MiBFrame,
//     BenchmarkStreamHeap100k) compares Chat.Stream + Next with a bufio line
//     reader that json.Unmarshals every data line into the same frame struct.
//     Heap growth is the live heap (sampled right after a collection), so
//     it shows memory kept, not garbage awaiting collection. x-frame-alloc
//     is bytes allocated per byte of the 8 MiB stream: every frame-sized
//     buffer, each filled by one copy, counts about 1.
//   - Connection reuse (BenchmarkConns*) counts the TCP connections the
//     server accepts over 1,000 calls, with a fresh server and client each
//     time; the concurrent one also over HTTPS with HTTP/2 (sdk-https).
//   - Polling runs the SDK's real Session.WaitTurn with its default
//     settings: BenchmarkPoll2s in real time over loopback HTTP, and
//     TestPollFakeClock, 200 waits each for a 2 s and a 30 s job on
//     testing/synctest's fake clock (its results reach the table when run
//     with -report-poll). It counts status requests and measures how far
//     past the job's end each wait returns.
package bench
