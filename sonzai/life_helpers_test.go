package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// lifeInvalid is a call with bad input and the field its ValidationError
// must name, for the schedules, notifications, inventory, personality,
// insights, constellation, events, diary and dialogue tables.
type lifeInvalid struct {
	name, field string
	do          func(ctx context.Context, c *sonzai.Client) error
}

// checkLifeInvalidSendsNothing runs each case against a server that must not
// be reached, and checks the error names the field.
func checkLifeInvalidSendsNothing(t *testing.T, cases []lifeInvalid) {
	t.Helper()
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "must not be reached") }))
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}

func errOnly[T any](_ T, err error) error { return err }
