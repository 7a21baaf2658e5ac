package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewInventoryUpdateItemRetryNotFoundIsAmbiguous: UpdateItem is a
// PUT that replaces the item's version id, so when the first attempt was
// applied but answered 503, the transport's retry finds factID superseded
// and the server answers 404. The call used to return that bare 404: the
// caller was told the item does not exist although its update was made.
// Like a retried DELETE, it is now an *AmbiguousResultError (ErrMaybeApplied,
// still ErrNotFound).
func TestReviewInventoryUpdateItemRetryNotFoundIsAmbiguous(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if n.total.Load() == 1 {
			writeProblem(w, http.StatusServiceUnavailable, "applied, then the proxy timed out")
			return
		}
		writeProblem(w, http.StatusNotFound, "no such fact")
	}))
	_, err := c.Inventory.UpdateItem(context.Background(), "a1", "u1", "fact-1",
		sonzai.InventoryItemUpdateParams{Properties: map[string]any{"quantity": 2}})
	if !errors.Is(err, sonzai.ErrMaybeApplied) || !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("err = %v; want an *AmbiguousResultError (ErrMaybeApplied and ErrNotFound)", err)
	}
	if got := n.total.Load(); got != 2 {
		t.Errorf("%d attempts, want 2", got)
	}

	// A 404 on the first attempt is a plain 404.
	var m counter
	c2, _ := newTestServer(t, m.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, "no such fact")
	}))
	_, err = c2.Inventory.UpdateItem(context.Background(), "a1", "u1", "fact-1",
		sonzai.InventoryItemUpdateParams{Properties: map[string]any{"quantity": 2}})
	if !errors.Is(err, sonzai.ErrNotFound) || errors.Is(err, sonzai.ErrMaybeApplied) {
		t.Errorf("first-attempt 404: err = %v", err)
	}
}
