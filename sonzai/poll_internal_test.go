package sonzai

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

// poll applies the one Retry-After rule to any check's hint: honoured up
// to Max, never an hour's sleep.
func TestPollCapsAnyHint(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	checks := 0
	_, err := poll(ctx, pollConfig{Initial: time.Millisecond, Max: 20 * time.Millisecond},
		func(context.Context) (pollStep[int], error) {
			checks++
			return pollStep[int]{State: checks, Done: checks == 3, RetryAfter: time.Hour}, nil
		})
	if err != nil || checks != 3 {
		t.Errorf("poll with an hour-long hint: %v after %d checks", err, checks)
	}
}

// Settings that describe no schedule are refused before the first check.
func TestPollConfigValidated(t *testing.T) {
	for name, cfg := range map[string]pollConfig{
		"Multiplier NaN":  {Multiplier: math.NaN()},
		"Multiplier +Inf": {Multiplier: math.Inf(1)},
		"Multiplier 0.5":  {Multiplier: 0.5},
		"Jitter 1.5":      {Jitter: 1.5},
		"Jitter NaN":      {Jitter: math.NaN()},
		"Initial < 0":     {Initial: -time.Second},
		"Max < 0":         {Max: -time.Second},
		"Timeout < 0":     {Timeout: -time.Second},
	} {
		checks := 0
		_, err := poll(context.Background(), cfg, func(context.Context) (pollStep[int], error) {
			checks++
			return pollStep[int]{Done: true}, nil
		})
		if !errors.Is(err, ErrInvalidArgument) || checks != 0 {
			t.Errorf("%s: got %v after %d checks, want a ValidationError and no check", name, err, checks)
		}
	}
}
