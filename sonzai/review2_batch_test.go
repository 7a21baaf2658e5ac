package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2FactBatchErrorCountsCreated: the server may answer a batch
// with facts_created and a null facts list (the contract allows null);
// FactBatchError's message then counted the facts returned, not the facts
// stored, and said "after 0 facts were stored" while Accepted.Created said
// 2. The message now counts what the server said it created.
func TestReview2FactBatchErrorCountsCreated(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			writeRaw(w, http.StatusOK, `{"facts_created":1,"facts":null}`)
			return
		}
		writeProblem(w, http.StatusBadRequest, "no")
	}))
	facts := []sonzai.FactCreateParams{{Content: "a"}, {Content: "b"}, {Content: "c"}}
	_, err := c.Memory.CreateFacts(context.Background(), "a1", sonzai.FactBulkCreateParams{Facts: facts, BatchSize: 1})
	var be *sonzai.FactBatchError
	if !errors.As(err, &be) || be.Accepted.Created != 2 {
		t.Fatalf("err = %v, want a *FactBatchError with Accepted.Created 2", err)
	}
	if !strings.Contains(err.Error(), "after 2 facts were stored") {
		t.Errorf("message %q does not say the 2 facts stored", err.Error())
	}
}
