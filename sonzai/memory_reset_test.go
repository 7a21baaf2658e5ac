package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func TestResetMemoryThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, user := range []string{"gone", "kept"} {
		if _, err := c.Memory.CreateFacts(ctx, agentID, sonzai.FactBulkCreateParams{UserID: user,
			Facts: []sonzai.FactCreateParams{{Content: user + " likes tea."}, {Content: user + " hates rain.", FactType: "preference"}}}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := c.Memory.ResetMemory(ctx, agentID, sonzai.MemoryResetParams{UserID: "gone"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Success || res.FactsDeleted != 2 || res.NodesDeleted != 2 {
		t.Errorf("ResetMemory = %+v, want 2 facts and 2 nodes", res)
	}
	for user, want := range map[string]int64{"gone": 0, "kept": 2} {
		page, err := c.Memory.ListFactsPage(ctx, agentID, sonzai.FactListParams{UserID: user})
		if err != nil || page.TotalCount != want {
			t.Errorf("%s: %d facts after the reset (%v), want %d", user, page.TotalCount, err, want)
		}
	}
	if _, err := c.Memory.ResetMemory(ctx, "no-such-agent", sonzai.MemoryResetParams{UserID: "u"}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent: %v", err)
	}
}

// TestResetMemoryIsNeverRetried: a DELETE is normally retried after a
// 5xx; a reset is not, even when the caller asks for retries.
func TestResetMemoryIsNeverRetried(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodDelete || r.URL.Path != "/api/v1/agents/a1/memory" || r.URL.Query().Get("user_id") != "u1" || r.URL.Query().Get("instance_id") != "i1" {
			t.Errorf("request = %s %s", r.Method, r.URL)
		}
		writeProblem(w, http.StatusServiceUnavailable, "try later")
	}), sonzai.WithMaxRetries(3))
	_, err := c.Memory.ResetMemory(context.Background(), "a1", sonzai.MemoryResetParams{UserID: "u1", InstanceID: "i1"}, sonzai.WithMaxRetries(5))
	if !errors.Is(err, sonzai.ErrServer) {
		t.Errorf("err = %v, want the 503", err)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("the server saw %d resets, want 1", got)
	}
}

func TestResetMemoryInvalidInputSendsNothing(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "must not be reached") }))
	for field, p := range map[string]struct {
		agent string
		p     sonzai.MemoryResetParams
	}{
		"agentID":                  {"", sonzai.MemoryResetParams{UserID: "u"}},
		"MemoryResetParams.UserID": {"a1", sonzai.MemoryResetParams{InstanceID: "i"}},
	} {
		_, err := c.Memory.ResetMemory(context.Background(), p.agent, p.p)
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: err = %v", field, err)
		}
	}
	if n.total.Load() != 0 {
		t.Errorf("invalid input sent %d requests", n.total.Load())
	}
}
