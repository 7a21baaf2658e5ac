package sonzai

import (
	"math/rand/v2"
	"time"
)

// backoff returns the wait before retry number attempt+1: exponential from
// the initial wait, capped, and jittered between half and all of the nominal
// value so that many clients do not retry in step.
func (ep *endpoint) backoff(attempt int) time.Duration {
	return jitter(growth(ep.retryInitial, 2, ep.retryMax, attempt), 0.5)
}

// growth is initial·factor^n, capped at max.
func growth(initial time.Duration, factor float64, maxWait time.Duration, n int) time.Duration {
	d := float64(initial)
	for range n {
		d *= factor
		if d >= float64(maxWait) {
			return maxWait
		}
	}
	return min(time.Duration(d), maxWait)
}

// jitter picks a duration uniformly in [d·(1-fraction), d].
func jitter(d time.Duration, fraction float64) time.Duration {
	if d <= 0 || fraction <= 0 {
		return d
	}
	low := float64(d) * (1 - fraction)
	return time.Duration(low + rand.Float64()*(float64(d)-low))
}

// honorRetryAfter is the one rule for a server's Retry-After hint, the same
// for retries and for polls: a hint no longer than ceiling is honored as a
// lower bound on the wait (the wait is the longer of the hint and the
// scheduled wait); a longer hint is not slept on, and ok is false. Retries
// then stop and return the error that carries the hint; polls check again
// after ceiling (the poll schedule's longest wait).
func honorRetryAfter(hint, scheduled, ceiling time.Duration) (wait time.Duration, ok bool) {
	if hint > ceiling {
		return ceiling, false
	}
	return max(hint, scheduled), true
}
