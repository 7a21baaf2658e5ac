package main

import (
	"fmt"
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: github.com/sonzai-oss/sonzai-go/bench
BenchmarkGetMood/sdk-2         	    5727	     62000 ns/op	   11071 B/op	     108 allocs/op
BenchmarkGetMood/baseline-2    	    5163	     60000 ns/op	    9759 B/op	      94 allocs/op
BenchmarkGetMood/sdk-2         	    5727	     64000 ns/op	   11071 B/op	     108 allocs/op
BenchmarkGetMood/baseline-2    	    5163	     58000 ns/op	    9759 B/op	      94 allocs/op
BenchmarkGetMood/sdk-2         	    5727	     90000 ns/op	   11071 B/op	     108 allocs/op
BenchmarkGetMood/baseline-2    	    5163	     59000 ns/op	    9759 B/op	      94 allocs/op
BenchmarkGetMood/paired-2      	    5875	     63245 ns/op	     60835 baseline-ns/call	         1.097 cpu-ratio	     65640 sdk-ns/call	         1.079 time-ratio	    8518 B/op	      95 allocs/op
BenchmarkGetMood/paired-2      	    5875	     63245 ns/op	     60835 baseline-ns/call	         0.950 cpu-ratio	     65640 sdk-ns/call	         0.930 time-ratio	    8518 B/op	      95 allocs/op
BenchmarkGetMood/paired-2      	    5875	     63245 ns/op	     60835 baseline-ns/call	         1.030 cpu-ratio	     65640 sdk-ns/call	         1.040 time-ratio	    8518 B/op	      95 allocs/op
BenchmarkConnsConcurrent1000/sdk-2 	       1	  38261650 ns/op	        36.00 conns
BenchmarkPollFakeClock/job30s 	200	33.630 elapsed-s	12 checks	12 max-checks	10.80 overshoot-%	13.28 max-overshoot-%
PASS
`

func TestParseAndMedians(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := r.median("GetMood/sdk", "ns/op"); !ok || m != 64000 {
		t.Errorf("sdk median = %v, %v; want 64000", m, ok)
	}
	if m, _ := r.median("GetMood/baseline", "ns/op"); m != 59000 {
		t.Errorf("baseline median = %v; want 59000", m)
	}
	if m, _ := r.median("PollFakeClock/job30s", "max-checks"); m != 12 {
		t.Errorf("poll max-checks = %v; want 12", m)
	}
	if _, ok := r.median("GetContext/sdk", "ns/op"); ok {
		t.Error("a missing benchmark has a median")
	}
}

func TestRender(t *testing.T) {
	r, _ := parse(strings.NewReader(sample))
	var out strings.Builder
	render(&out, r)
	got := out.String()
	for _, want := range []string{"getMood (small GET)", "1.08", "PASS", "Targets missed:", "concurrent conns", "getContext (~50 KB answer) time"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// The time target follows the paired ratio when there is one: separate runs
// far apart can disagree with it either way.
func TestTimeTargetUsesThePairedRatio(t *testing.T) {
	lines := func(sdk, base int, paired float64) string {
		return fmt.Sprintf("BenchmarkGetMood/sdk-2 100 %d ns/op 90 allocs/op\n"+
			"BenchmarkGetMood/baseline-2 100 %d ns/op 90 allocs/op\n"+
			"BenchmarkGetMood/paired-2 100 60000 ns/op 1.0 cpu-ratio %.3f time-ratio 90 allocs/op\n", sdk, base, paired)
	}
	missed := func(in string) string {
		r, err := parse(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		render(&out, r)
		_, after, _ := strings.Cut(out.String(), "Targets missed:")
		return after
	}
	if m := missed(lines(70000, 59000, 1.04)); strings.Contains(m, "getMood (small GET) time") {
		t.Errorf("separate runs 1.19x apart, paired 1.04x: the time target is reported missed:%s", m)
	}
	if m := missed(lines(59000, 59000, 1.20)); !strings.Contains(m, "getMood (small GET) time (paired)") {
		t.Errorf("separate runs level, paired 1.20x: the time target is not reported missed:%s", m)
	}
}
