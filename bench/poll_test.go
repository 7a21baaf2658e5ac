package bench

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// reportPoll makes TestPollFakeClock print its results as benchmark lines,
// for make bench's table.
var reportPoll = flag.Bool("report-poll", false, "print TestPollFakeClock's results in benchmark format")

// job is a turn extraction that finishes a fixed time after it starts. Its
// status handler counts the checks and reads the clock with time.Now, so in
// a synctest bubble it runs on the bubble's fake clock.
type job struct {
	start  time.Time
	after  time.Duration
	checks atomic.Int64
}

func (j *job) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	j.checks.Add(1)
	state := "running"
	if time.Since(j.start) >= j.after {
		state = "done"
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, `{"extraction_id":%q,"state":%q}`, r.PathValue("ext"), state)
}

func (j *job) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /api/v1/agents/{agent}/turns/{ext}/status", j)
	return mux
}

// pollResult is one wait for a job.
type pollResult struct {
	checks   int
	elapsed  time.Duration
	overshot time.Duration // how long after the job finished the wait returned
}

func (r pollResult) pct() float64 { return 100 * r.overshot.Seconds() / r.elapsed.Seconds() }

// waitFor starts a job that finishes after d and waits for it with the
// SDK's default poll settings (Session.WaitTurn with no options).
func waitFor(ctx context.Context, c *sonzai.Client, j *job, d time.Duration) (pollResult, error) {
	s, err := c.Sessions.Resume(agentID, sonzai.StartParams{UserID: userID, SessionID: sessionID})
	if err != nil {
		return pollResult{}, err
	}
	j.checks.Store(0)
	j.after = d
	j.start = time.Now()
	st, err := s.WaitTurn(ctx, "ext_1")
	elapsed := time.Since(j.start)
	if err == nil && st.State != sonzai.ExtractionDone {
		err = fmt.Errorf("state %q", st.State)
	}
	return pollResult{checks: int(j.checks.Load()), elapsed: elapsed, overshot: elapsed - d}, err
}

// BenchmarkPoll2s waits, in real time over loopback HTTP, for a job that
// finishes after 2 s (one wait per op; make bench runs it once per round).
func BenchmarkPoll2s(b *testing.B) {
	b.Run("sdk", func(b *testing.B) {
		j := &job{}
		srv := httptest.NewServer(j.handler())
		defer srv.Close()
		c, err := sonzai.NewClient(sonzai.WithAPIKey(apiKey), sonzai.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		var checks, pct, over float64
		for b.Loop() {
			r, err := waitFor(context.Background(), c, j, 2*time.Second)
			if err != nil {
				b.Fatal(err)
			}
			checks += float64(r.checks)
			pct += r.pct()
			over += r.overshot.Seconds() * 1000
		}
		n := float64(b.N)
		b.ReportMetric(checks/n, "checks")
		b.ReportMetric(pct/n, "overshoot-%")
		b.ReportMetric(over/n, "overshoot-ms")
	})
}

// handlerTransport serves requests in memory with a handler, so a whole SDK
// call runs inside a synctest bubble without network I/O.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

// TestPollFakeClock waits for jobs that finish after 2 s and after 30 s
// with the SDK's real Poll loop, through the real request pipeline, on
// synctest's fake clock, so a 30 s wait takes microseconds. Poll jitters
// its waits at random, so each duration is waited for many times; the test
// fails when any wait misses a target (overshoot under 20% of the elapsed
// time; at most 15 status requests for the 30 s job).
func TestPollFakeClock(t *testing.T) {
	const trials = 200
	for _, d := range []time.Duration{2 * time.Second, 30 * time.Second} {
		var results []pollResult
		synctest.Test(t, func(t *testing.T) {
			j := &job{}
			c, err := sonzai.NewClient(sonzai.WithAPIKey(apiKey), sonzai.WithBaseURL("http://127.0.0.1:9"),
				sonzai.WithHTTPClient(&http.Client{Transport: handlerTransport{j.handler()}}))
			if err != nil {
				t.Fatal(err)
			}
			for range trials {
				r, err := waitFor(t.Context(), c, j, d)
				if err != nil {
					t.Fatal(err)
				}
				results = append(results, r)
			}
		})
		slices.SortFunc(results, func(a, b pollResult) int { return cmp.Compare(a.overshot, b.overshot) })
		med, worst := results[len(results)/2], results[len(results)-1]
		maxChecks := slices.MaxFunc(results, func(a, b pollResult) int { return a.checks - b.checks }).checks
		slices.SortFunc(results, func(a, b pollResult) int { return a.checks - b.checks })
		medChecks := results[len(results)/2].checks
		name := fmt.Sprintf("job%ds", int(d.Seconds()))
		if *reportPoll {
			fmt.Printf("BenchmarkPollFakeClock/%s \t%d\t%.3f elapsed-s\t%d checks\t%d max-checks\t%.2f overshoot-%%\t%.2f max-overshoot-%%\n",
				name, trials, med.elapsed.Seconds(), medChecks, maxChecks, med.pct(), worst.pct())
		}
		t.Logf("%s: checks median %d max %d; overshoot median %.1f%% (%v) max %.1f%% (%v)",
			name, medChecks, maxChecks, med.pct(), med.overshot, worst.pct(), worst.overshot)
		if worst.pct() >= 20 {
			t.Errorf("%s: a wait overshot by %.1f%% of its elapsed time (%v of %v), want under 20%%", name, worst.pct(), worst.overshot, worst.elapsed)
		}
		if d == 30*time.Second && maxChecks > 15 {
			t.Errorf("%s: %d status requests, want at most 15", name, maxChecks)
		}
	}
}
