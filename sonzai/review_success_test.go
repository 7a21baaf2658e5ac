package sonzai_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewSuccessFalseIsAnError: the calls that return only an error
// used to discard the server's {"success": false} and report a change
// that was not made as done (Personality.Update and Memory.Consolidate
// already refused it).
func TestReviewSuccessFalseIsAnError(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"success":false}`)
	cases := map[string]func() error{
		"updateAgentProfile": func() error {
			return c.Agents.UpdateProfile(ctx, "a1", sonzai.AgentProfileUpdateParams{Bio: sonzai.Ptr("")})
		},
		"updateCustomTool": func() error {
			return c.Agents.UpdateCustomTool(ctx, "a1", "lookup", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr("finds")})
		},
		"deleteCustomTool": func() error { return c.Agents.DeleteCustomTool(ctx, "a1", "lookup") },
		"deleteInstance":   func() error { return c.Instances.Delete(ctx, "a1", "i1") },
		"deleteWisdomFact": func() error { return c.Memory.DeleteWisdomFact(ctx, "a1", "f1") },
	}
	for op, call := range cases {
		if err := call(); err == nil || !strings.Contains(err.Error(), op) || !strings.Contains(err.Error(), "success: false") {
			t.Errorf("%s: err = %v, want an error saying the server answered success: false", op, err)
		}
	}
	if got := n.total.Load(); got != int64(len(cases)) {
		t.Errorf("%d requests for %d calls: a success: false answer must not be retried", got, len(cases))
	}

	ok, _ := serveCallAny(t, `{"success":true,"fact_id":"f1"}`)
	if err := ok.Memory.DeleteWisdomFact(ctx, "a1", "f1"); err != nil {
		t.Errorf("success: true: %v", err)
	}
	if err := ok.Agents.UpdateProfile(ctx, "a1", sonzai.AgentProfileUpdateParams{Bio: sonzai.Ptr("x")}); err != nil {
		t.Errorf("success: true: %v", err)
	}
}

// serveCallAny answers every request with 200 and body.
func serveCallAny(t *testing.T, body string) (*sonzai.Client, *counter) {
	t.Helper()
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, body)
	}))
	return c, &n
}

// TestReviewSuccessEmptyBodyStillAccepted: the calls that used to discard
// their answer still accept an empty 2xx body (a 204).
func TestReviewSuccessEmptyBodyStillAccepted(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	ctx := context.Background()
	if err := c.Agents.DeleteCustomTool(ctx, "a1", "lookup"); err != nil {
		t.Errorf("DeleteCustomTool: %v", err)
	}
	if err := c.Agents.UpdateProfile(ctx, "a1", sonzai.AgentProfileUpdateParams{Bio: sonzai.Ptr("x")}); err != nil {
		t.Errorf("UpdateProfile: %v", err)
	}
	if err := c.Agents.UpdateCustomTool(ctx, "a1", "lookup", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr("finds")}); err != nil {
		t.Errorf("UpdateCustomTool: %v", err)
	}
}
