// Command benchtable turns the output of `go test -bench` on the bench/
// package (the benchstat format, several samples per benchmark) into the
// tables `make bench` prints: the median of every metric, SDK against the
// net/http baseline, and each target marked PASS or MISS.
//
//	benchtable [file]    (standard input when no file is given)
//
// It exits 0 whatever the targets say; a missing benchmark is shown as "-"
// and its target as MISS.
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchtable:", err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	r, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	render(os.Stdout, r)
}

// results maps a benchmark name (without the -GOMAXPROCS suffix) and a unit
// to its samples.
type results map[string]map[string][]float64

// parse reads benchmark lines; every other line is ignored, as benchstat does.
func parse(in io.Reader) (results, error) {
	benchLine := regexp.MustCompile(`^Benchmark(\S+)\s+\d+\s+(.+)$`)
	procs := regexp.MustCompile(`-\d+$`)
	r := results{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		name := procs.ReplaceAllString(m[1], "")
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				break
			}
			if r[name] == nil {
				r[name] = map[string][]float64{}
			}
			r[name][fields[i+1]] = append(r[name][fields[i+1]], v)
		}
	}
	return r, sc.Err()
}

// median of the samples of name in unit; ok is false when there are none.
func (r results) median(name, unit string) (float64, bool) {
	s := slices.Clone(r[name][unit])
	if len(s) == 0 {
		return 0, false
	}
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}

// max of the samples of name in unit.
func (r results) max(name, unit string) (float64, bool) {
	s := r[name][unit]
	if len(s) == 0 {
		return 0, false
	}
	return slices.Max(s), true
}

func (r results) samples(name, unit string) int { return len(r[name][unit]) }

// num formats a value with three significant digits, grouping thousands.
func num(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	if v == math.Trunc(v) && v < 1000 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	switch a := v; {
	case a >= 1000:
		s := strconv.FormatFloat(v, 'f', 0, 64)
		for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

// check is one target: a measured value against a limit.
type check struct {
	name     string
	value    float64
	ok       bool // the value was measured
	limit    float64
	atMost   bool // value <= limit passes; otherwise value >= limit passes
	strictly bool // value < limit (or > limit)
}

func (c check) pass() bool {
	switch {
	case !c.ok:
		return false
	case c.atMost && c.strictly:
		return c.value < c.limit
	case c.atMost:
		return c.value <= c.limit
	case c.strictly:
		return c.value > c.limit
	}
	return c.value >= c.limit
}

// unaryOps are the benchmarks of the first table, with their names in it.
func unaryOps() []struct{ bench, op string } {
	return []struct{ bench, op string }{
		{"GetMood", "getMood (small GET)"},
		{"GetMoodRaw", "getMood via Client.Raw"},
		{"SubmitTurn", "submitTurn (4 msgs, ~20 KB answer)"},
		{"GetContext", "getContext (~50 KB answer)"},
		{"ListAgents10Pages", "listAgents (10 pages)"},
		{"SetTools", "SetTools (PUT 3 tools)"},
	}
}

func render(w io.Writer, r results) {
	var checks []check
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "Unary calls: medians of %d samples; SDK against a minimal net/http + encoding/json client on the same loopback server\n", r.samples("GetMood/sdk", "ns/op"))
	fmt.Fprintf(w, "ratio: of the medians of the separate /sdk and /baseline runs; paired: both sides alternating every 5 ms in one run (/paired), time and process CPU.\n")
	fmt.Fprintf(w, "The time target is judged on the paired ratio, which drift on the machine between runs does not move (bench/paired_test.go).\n\n")
	fmt.Fprintf(tw, "%-36s\tSDK ns/op\tbaseline ns/op\tratio\tpaired\tpaired CPU\tSDK allocs/op\tbaseline allocs/op\tratio\ttime <= 1.10x\tallocs <= 1.5x\t\n", "operation")
	for _, o := range unaryOps() {
		sdkT, ok1 := r.median(o.bench+"/sdk", "ns/op")
		baseT, ok2 := r.median(o.bench+"/baseline", "ns/op")
		pairT, okP := r.median(o.bench+"/paired", "time-ratio")
		pairC, okC := r.median(o.bench+"/paired", "cpu-ratio")
		sdkA, ok3 := r.median(o.bench+"/sdk", "allocs/op")
		baseA, ok4 := r.median(o.bench+"/baseline", "allocs/op")
		tr, ar := sdkT/baseT, sdkA/baseA
		tc := check{name: o.op + " time", value: tr, ok: ok1 && ok2, limit: 1.10, atMost: true}
		if okP {
			tc = check{name: o.op + " time (paired)", value: pairT, ok: true, limit: 1.10, atMost: true}
		}
		ac := check{name: o.op + " allocs", value: ar, ok: ok3 && ok4, limit: 1.5, atMost: true}
		checks = append(checks, tc, ac)
		fmt.Fprintf(tw, "%-36s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", o.op,
			num(sdkT, ok1), num(baseT, ok2), num(tr, ok1 && ok2), num(pairT, okP), num(pairC, okC),
			num(sdkA, ok3), num(baseA, ok4), num(ar, ac.ok),
			verdict(tc.pass()), verdict(ac.pass()))
	}
	tw.Flush()

	fmt.Fprintf(w, "\nStreaming, connections, polling: medians (max where noted)\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-46s\tSDK\tbaseline\tratio\ttarget\tresult\t\n", "measure")
	row := func(measure string, sdk, base float64, sok, bok bool, withRatio bool, c check, target string) {
		ratio := "-"
		if withRatio && sok && bok {
			ratio = num(sdk/base, true)
		}
		checks = append(checks, c)
		res := verdict(c.pass())
		if target == "" {
			res = ""
		}
		fmt.Fprintf(tw, "%-46s\t%s\t%s\t%s\t%s\t%s\t\n", measure, num(sdk, sok), num(base, bok), ratio, target, res)
	}
	info := func(measure, name, unit string, withRatio bool) {
		s, sok := r.median(name+"/sdk", unit)
		b, bok := r.median(name+"/baseline", unit)
		row(measure, s, b, sok, bok, withRatio, check{ok: true}, "")
	}

	// 10,000 deltas.
	s, sok := r.median("Stream10kDeltas/sdk", "events/s")
	b, bok := r.median("Stream10kDeltas/baseline", "events/s")
	row("10k-delta stream: events/s", s, b, sok, bok, true,
		check{name: "stream events/s", value: s / b, ok: sok && bok, limit: 0.9}, ">= 0.9x baseline")
	info("10k-delta stream: MB/s", "Stream10kDeltas", "MB/s", true)
	info("10k-delta stream: allocs/event", "Stream10kDeltas", "allocs/event", true)
	info("10k-delta stream: live heap growth, B", "Stream10kDeltas", "heap-growth-B", true)
	// One 8 MiB frame.
	info("8 MiB frame: events/s", "Stream8MiBFrame", "events/s", true)
	info("8 MiB frame: MB/s", "Stream8MiBFrame", "MB/s", true)
	info("8 MiB frame: allocs/event", "Stream8MiBFrame", "allocs/event", true)
	info("8 MiB frame: live heap growth, B", "Stream8MiBFrame", "heap-growth-B", true)
	info("8 MiB frame: B/op", "Stream8MiBFrame", "B/op", true)
	s, sok = r.median("Stream8MiBFrame/sdk", "x-frame-alloc")
	b, bok = r.median("Stream8MiBFrame/baseline", "x-frame-alloc")
	row("8 MiB frame: bytes allocated per frame byte", s, b, sok, bok, true,
		check{name: "8 MiB frame copies", value: s, ok: sok, limit: 2.1, atMost: true}, "<= 2 copies (2.1: chunk slack)")
	// Heap over 100,000 events.
	s, sok = r.max("StreamHeap100k/sdk", "heap-growth-B")
	b, bok = r.max("StreamHeap100k/baseline", "heap-growth-B")
	row("100k-event stream: live heap growth, B (max)", s, b, sok, bok, false,
		check{name: "stream heap growth", value: s, ok: sok, limit: 1 << 20, atMost: true, strictly: true}, "< 1 MiB")
	// Connections.
	s, sok = r.median("ConnsSequential1000/sdk", "conns")
	b, bok = r.median("ConnsSequential1000/baseline", "conns")
	row("TCP conns, 1,000 sequential calls", s, b, sok, bok, false,
		check{name: "sequential conns", value: s, ok: sok, limit: 2, atMost: true}, "<= 2")
	s, sok = r.median("ConnsConcurrent1000/sdk", "conns")
	b, bok = r.median("ConnsConcurrent1000/baseline", "conns")
	row("TCP conns, 1,000 calls from 32 goroutines", s, b, sok, bok, false,
		check{name: "concurrent conns", value: s, ok: sok, limit: 32, atMost: true}, "<= 32")
	s, sok = r.max("ConnsConcurrent1000/sdk", "conns")
	b, bok = r.max("ConnsConcurrent1000/baseline", "conns")
	row("  (max over rounds)", s, b, sok, bok, false, check{ok: true}, "")
	s, sok = r.max("ConnsConcurrent1000/sdk", "conns-used")
	b, bok = r.max("ConnsConcurrent1000/baseline", "conns-used")
	row("  of them carrying a request (max)", s, b, sok, bok, false, check{ok: true}, "")
	s, sok = r.median("ConnsConcurrent1000/sdk-https", "conns")
	row("  the same over HTTPS (HTTP/2)", s, 0, sok, false, false, check{ok: true}, "")
	// Polling.
	pollRow := func(measure, name, unit string, c check, target string) {
		v, ok := r.median(name, unit)
		c.value, c.ok = v, ok
		row(measure, v, 0, ok, false, false, c, target)
	}
	pollRow("2 s job, real time: status requests", "Poll2s/sdk", "checks", check{ok: true}, "")
	pollRow("2 s job, real time: overshoot % of elapsed", "Poll2s/sdk", "overshoot-%",
		check{name: "2 s job overshoot (real)", limit: 20, atMost: true, strictly: true}, "< 20%")
	for _, job := range []string{"2", "30"} {
		name := "PollFakeClock/job" + job + "s"
		if job == "30" {
			pollRow(job+" s job, fake clock: status requests (max)", name, "max-checks",
				check{name: "30 s job requests", limit: 15, atMost: true}, "<= 15")
		} else {
			pollRow(job+" s job, fake clock: status requests (max)", name, "max-checks", check{ok: true}, "")
		}
		pollRow(job+" s job, fake clock: overshoot % (median)", name, "overshoot-%", check{ok: true}, "")
		pollRow(job+" s job, fake clock: overshoot % (max)", name, "max-overshoot-%",
			check{name: job + " s job overshoot", limit: 20, atMost: true, strictly: true}, "< 20%")
	}
	tw.Flush()

	var missed []string
	for _, c := range checks {
		if c.name != "" && !c.pass() {
			missed = append(missed, c.name)
		}
	}
	if len(missed) == 0 {
		fmt.Fprintln(w, "\nAll targets met.")
	} else {
		fmt.Fprintf(w, "\nTargets missed: %s\n", strings.Join(missed, "; "))
	}
}
