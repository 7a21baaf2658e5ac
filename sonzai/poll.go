package sonzai

import (
	"context"
	"fmt"
	"time"
)

// pollConfig controls how the Wait methods poll a status endpoint. The zero
// value of a field means its default.
type pollConfig struct {
	// Initial is the wait after the first status check (default 500ms).
	Initial time.Duration
	// Multiplier grows the wait after each check (default 1.5).
	Multiplier float64
	// Max caps the wait between two checks (default 5s).
	Max time.Duration
	// Jitter is the fraction by which each wait is randomly shortened, so
	// that many waiters do not poll in step (default 0.1; negative for none).
	Jitter float64
	// Timeout bounds the whole wait on top of the context's deadline
	// (default: only the context).
	Timeout time.Duration
}

// PollOption shapes how a Wait method (Session.WaitTurn,
// SessionsService.WaitEnd, ChatService.WaitAsync) polls: WithPollInterval
// makes one. Without options the schedule starts at 500ms and grows to 5s
// between checks; the context bounds the whole wait.
type PollOption func(*pollConfig)

// WithPollInterval sets the first wait and the cap on the wait between checks.
func WithPollInterval(initial, maxWait time.Duration) PollOption {
	return func(c *pollConfig) { c.Initial, c.Max = initial, maxWait }
}

// The default schedule checks at once, then after 0.5, 1.25, 2.4, 4.1,
// 6.6, 10.4 s and every 5 s from 15.4 s on (each wait up to 10% shorter).
// It used to start at 250ms, which put the fifth check at 2.03 s nominal:
// jitter almost always pulled it before 2 s, so a job taking 2 s was seen
// done only at ~3.7 s, 45% late. From 500ms, the fourth check falls between
// 2.14 and 2.38 s whatever the jitter, so a 2 s job is seen at most 16%
// late; a 30 s job under 15% late, after at most 12 checks. (Bench:
// TestPollFakeClock in bench/.) Any growing schedule overshoots some
// durations more: with ×1.5 growth, up to a third of the elapsed time.
func (c pollConfig) withDefaults() pollConfig {
	if c.Initial <= 0 {
		c.Initial = 500 * time.Millisecond
	}
	if c.Multiplier < 1 {
		c.Multiplier = 1.5
	}
	if c.Max <= 0 {
		c.Max = 5 * time.Second
	}
	if c.Max < c.Initial {
		c.Max = c.Initial
	}
	if c.Jitter == 0 {
		c.Jitter = 0.1
	}
	return c
}

func newPollConfig(opts []PollOption) pollConfig {
	var c pollConfig
	for _, o := range opts {
		o(&c)
	}
	return c.withDefaults()
}

// pollStep is what one status check saw.
type pollStep[T any] struct {
	// State is the status as read.
	State T
	// Done is true once the state is terminal; poll then returns State.
	Done bool
	// RetryAfter is the server's hint for the next check, zero when none.
	RetryAfter time.Duration
}

// PollTimeoutError is a wait that ran out of time (the context's deadline)
// before the work finished. It matches
// context.DeadlineExceeded with errors.Is.
type PollTimeoutError struct {
	// Last is the last state read, nil when no check succeeded.
	Last any
	// Checks is how many status checks were made.
	Checks int
	// Elapsed is how long the wait took.
	Elapsed time.Duration
}

// Error says how long the wait took and what the last state was.
func (e *PollTimeoutError) Error() string {
	return fmt.Sprintf("sonzai: still not finished after %s and %d checks (last state: %s)",
		e.Elapsed.Round(time.Millisecond), e.Checks, describeState(e.Last))
}

// Is makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *PollTimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// poll calls check until it reports Done, and returns the final state. It
// checks at once, then waits Initial, growing by Multiplier up to Max, and
// honors a RetryAfter hint when it is longer. An error from check ends the
// wait at once and is returned, with State when the step is Done (a failed
// terminal state) and with the last good state otherwise. When time runs out it returns the last
// state and a *PollTimeoutError; when ctx is canceled, the context's error.
func poll[T any](ctx context.Context, cfg pollConfig, check func(context.Context) (pollStep[T], error)) (T, error) {
	cfg = cfg.withDefaults()
	start := time.Now()
	if cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.Timeout)
		defer cancel()
	}
	var (
		last   T
		seen   bool
		checks int
	)
	timedOut := func() (T, error) {
		var lastState any
		if seen {
			lastState = last
		}
		return last, &PollTimeoutError{Last: lastState, Checks: checks, Elapsed: time.Since(start)}
	}
	for n := 0; ; n++ {
		step, err := check(ctx)
		checks++
		if err != nil {
			if step.Done {
				// A terminal state that is an error, e.g. "failed".
				return step.State, err
			}
			if ctx.Err() == context.DeadlineExceeded {
				return timedOut()
			}
			return last, err
		}
		last, seen = step.State, true
		if step.Done {
			return last, nil
		}
		wait := jitter(growth(cfg.Initial, cfg.Multiplier, cfg.Max, n), cfg.Jitter)
		if step.RetryAfter > wait {
			wait = step.RetryAfter
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			// The next check would come after the deadline: wait until
			// then and report the timeout with the last state.
			<-ctx.Done()
		} else {
			_ = sleep(ctx, wait) // ctx.Err below says why it ended early
		}
		switch ctx.Err() {
		case nil:
		case context.DeadlineExceeded:
			return timedOut()
		default:
			return last, fmt.Errorf("sonzai: waiting: %w", context.Cause(ctx))
		}
	}
}

func describeState(v any) string {
	switch s := v.(type) {
	case nil:
		return "none read"
	case interface{ pollState() string }:
		return s.pollState()
	default:
		return fmt.Sprintf("%v", s)
	}
}
