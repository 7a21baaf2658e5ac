package sonzai_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2TimesJSONCannotCarryAreInvalid: a time.Time outside the years
// 0..9999 cannot be encoded as JSON (RFC 3339 has four-digit years), so
// Priming.ImportUsers sent the batches before a user with such a
// FirstMetAt and then failed building that batch with a plain error, part
// of the import stored; Prime failed the same way on a message's
// OccurredAt. Both are now a *ValidationError before the first request.
func TestReview2TimesJSONCannotCarryAreInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"job_id":"j1","status":"queued","total_users":1}`)
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	users := []sonzai.ImportUser{{UserID: "u1"}, {UserID: "u2", FirstMetAt: far}}
	_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: users, BatchSize: 1})
	var ve *sonzai.ValidationError
	if !errors.As(err, &ve) || ve.Field != "UserImportParams.Users[1].FirstMetAt" {
		t.Errorf("ImportUsers: err = %v, want a *ValidationError naming UserImportParams.Users[1].FirstMetAt", err)
	}
	_, err = c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "Ann",
		Messages: []sonzai.PrimeMessage{{Role: "user", Content: "hi", OccurredAt: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	if !errors.As(err, &ve) || ve.Field != "PrimeParams.Messages[0].OccurredAt" {
		t.Errorf("Prime: err = %v, want a *ValidationError naming PrimeParams.Messages[0].OccurredAt", err)
	}
	_, err = c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "Ann", FirstMetAt: far})
	if !errors.As(err, &ve) || ve.Field != "PrimeParams.FirstMetAt" {
		t.Errorf("Prime: err = %v, want a *ValidationError naming PrimeParams.FirstMetAt", err)
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for times that cannot be encoded", got)
	}
}
