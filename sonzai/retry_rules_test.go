package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// A 200 with a Retry-After of an hour does not make a poll sleep an hour:
// the hint is honored only up to the cap on the wait between checks.
func TestPollRetryAfterIsCapped(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		state := "running"
		if n.Add(1) == 3 {
			state = "done"
		}
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": state})
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st, err := c.Sessions.WaitTurn(ctx, "a", "x", sonzai.WithPollInterval(10*time.Millisecond, 50*time.Millisecond))
	if err != nil || st.State != sonzai.ExtractionDone || n.Load() != 3 {
		t.Fatalf("Retry-After: 3600 on a 200: %v after %d checks", err, n.Load())
	}
}

// Nonsense poll settings are refused before the first check, and nothing
// is sent.
func TestPollIntervalValidated(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "done"})
	}))
	for field, opt := range map[string]sonzai.PollOption{
		"WithPollInterval.initial": sonzai.WithPollInterval(-time.Second, time.Second),
		"WithPollInterval.maxWait": sonzai.WithPollInterval(time.Second, -time.Second),
	} {
		_, err := c.Sessions.WaitTurn(context.Background(), "a", "x", opt)
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: got %v, want a ValidationError naming it", field, err)
		}
	}
	if n.Load() != 0 {
		t.Fatalf("%d status checks were sent for refused settings", n.Load())
	}
}

// A Retry-After too large for an int64 of seconds is "too long to wait",
// not absent: no immediate retry, and the error carries the hint.
func TestRetryAfterBeyondInt64IsTooLong(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "99999999999999999999999")
		writeProblem(w, 503, "down for a while")
	}))
	_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || n.Load() != 1 || apiErr.RetryAfter < 24*time.Hour {
		t.Errorf("got %v after %d requests (RetryAfter %s), want one request and a long hint", err, n.Load(), retryAfterOf(apiErr))
	}
}

func retryAfterOf(e *sonzai.APIError) time.Duration {
	if e == nil {
		return 0
	}
	return e.RetryAfter
}

// A DELETE whose first attempt failed ambiguously and whose retry found
// nothing to delete says the earlier attempt may have succeeded.
func TestRetriedDeleteThatFindsNothingIsAmbiguous(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeProblem(w, 502, "the agent was deleted, but the gateway timed out")
			return
		}
		writeProblem(w, 404, "no such agent")
	}))
	_, err := c.Agents.Delete(context.Background(), "a")
	var amb *sonzai.AmbiguousResultError
	var apiErr *sonzai.APIError
	if !errors.As(err, &amb) || !errors.Is(err, sonzai.ErrMaybeApplied) || !errors.Is(err, sonzai.ErrNotFound) ||
		!errors.As(err, &apiErr) || apiErr.StatusCode != 404 || n.Load() != 2 {
		t.Fatalf("got %v after %d requests", err, n.Load())
	}
	if !errors.Is(amb.Earlier, sonzai.ErrServer) {
		t.Errorf("Earlier = %v, want the 502", amb.Earlier)
	}

	// A 404 on the first attempt is a plain not-found, and a 429 before it
	// says the server did not act.
	for name, first := range map[string]int{"first attempt": 404, "after 429": 429} {
		n.Store(0)
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 && first != 404 {
				writeProblem(w, first, "")
				return
			}
			writeProblem(w, 404, "no such agent")
		}))
		_, err := c.Agents.Delete(context.Background(), "a")
		if !errors.Is(err, sonzai.ErrNotFound) || errors.Is(err, sonzai.ErrMaybeApplied) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}
