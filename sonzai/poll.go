package sonzai

import (
	"context"
	"fmt"
	"math"
	"time"
)

// pollConfig controls how the Wait methods poll a status endpoint. The zero
// value of a field means its default. poll refuses a configuration outside
// the ranges below with a *ValidationError, before the first check.
type pollConfig struct {
	// Initial is the wait after the first status check (default 500ms;
	// must not be negative).
	Initial time.Duration
	// Multiplier grows the wait after each check (default 1.5; otherwise a
	// finite number of at least 1).
	Multiplier float64
	// Max caps the wait between two checks (default 5s; must not be
	// negative), a server's Retry-After hint included: a longer hint makes
	// the next check come after Max.
	Max time.Duration
	// Jitter is the fraction by which each wait is randomly shortened, so
	// that many waiters do not poll in step (default 0.1; negative for none;
	// at most 1).
	Jitter float64
	// Timeout bounds the whole wait on top of the context's deadline
	// (default: only the context; must not be negative).
	Timeout time.Duration
	// progress, when set, sees every state read (WithProgress).
	progress func(state any)
}

// validate refuses settings that cannot describe a schedule. Only
// WithPollInterval sets fields from outside, so its errors name it; the
// other checks guard the package's own settings.
func (c pollConfig) validate() error {
	switch {
	case c.Initial < 0:
		return invalid("WithPollInterval.initial", "must not be negative; 0 means the default (500ms)")
	case c.Max < 0:
		return invalid("WithPollInterval.maxWait", "must not be negative; 0 means the default (5s)")
	case c.Timeout < 0:
		return invalid("pollConfig.Timeout", "must not be negative; 0 means only the context's deadline")
	case math.IsNaN(c.Multiplier) || math.IsInf(c.Multiplier, 0) || (c.Multiplier != 0 && c.Multiplier < 1):
		return invalid("pollConfig.Multiplier", fmt.Sprintf("%v is not a finite number of at least 1; 0 means the default (1.5)", c.Multiplier))
	case math.IsNaN(c.Jitter) || c.Jitter > 1:
		return invalid("pollConfig.Jitter", fmt.Sprintf("%v is not a fraction of at most 1; 0 means the default (0.1), a negative value none", c.Jitter))
	}
	return nil
}

// PollOption shapes how a Wait method (Session.WaitTurn,
// SessionsService.WaitEnd, ChatService.WaitAsync) polls: WithPollInterval
// makes one. Without options the schedule starts at 500ms and grows to 5s
// between checks; the context bounds the whole wait. A nil PollOption is
// ignored.
type PollOption func(*pollConfig)

// WithPollInterval sets the first wait and the cap on the wait between checks.
func WithPollInterval(initial, maxWait time.Duration) PollOption {
	return func(c *pollConfig) { c.Initial, c.Max = initial, maxWait }
}

// WithProgress makes a Wait method call f with every state it reads, the
// final one included, from the waiting goroutine: to show how far a job
// is (PrimingService.WaitImport reads *ImportJob, whose ProcessedUsers
// counts the users done so far). f is called only for states of type T, so
// it must take the waiter's state type (*ImportJob, *SessionEndStatus,
// ...); it should return quickly, since the next check waits for it.
// Several WithProgress options all apply.
func WithProgress[T any](f func(T)) PollOption {
	return func(c *pollConfig) {
		prev := c.progress
		c.progress = func(state any) {
			if prev != nil {
				prev(state)
			}
			if s, ok := state.(T); ok && f != nil {
				f(s)
			}
		}
	}
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

// newPollConfig applies opts to the zero config. Defaults are filled in by
// poll, after validate has seen what the options set.
func newPollConfig(opts []PollOption) pollConfig {
	var c pollConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
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
// checks at once, then waits Initial, growing by Multiplier up to Max. A
// RetryAfter hint longer than the scheduled wait is honored up to Max: the
// next check never comes later than Max, whatever the server says. A cfg
// outside its documented ranges is refused with a *ValidationError before
// any check. An error from check ends the wait at once and is returned,
// with State when the step is Done (a failed terminal state) and with the
// last good state otherwise. When time runs out it returns the last state
// and a *PollTimeoutError; when ctx is canceled, the context's error.
func poll[T any](ctx context.Context, cfg pollConfig, check func(context.Context) (pollStep[T], error)) (T, error) {
	if err := cfg.validate(); err != nil {
		var zero T
		return zero, err
	}
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
		if cfg.progress != nil && (err == nil || step.Done) {
			cfg.progress(step.State)
		}
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
		if step.RetryAfter > 0 {
			// Past Max the hint is not honored: check again after Max.
			wait, _ = honorRetryAfter(step.RetryAfter, wait, cfg.Max)
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
