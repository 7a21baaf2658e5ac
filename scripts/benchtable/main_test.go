package main

import (
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
