package sonzai_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// A page that says more follow but carries no cursor ends Agents.List and
// Webhooks.ListAttempts with an error, not quietly: a truncated list must
// not pass for a complete one.
func TestListsRefuseHasMoreWithoutACursor(t *testing.T) {
	ctx := context.Background()
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/webhooks/") {
			writeRaw(w, http.StatusOK, `{"attempts":[{"attempt_id":"a1"}],"has_more":true}`)
			return
		}
		writeRaw(w, http.StatusOK, `{"items":[{"agent_id":"a1","name":"Mia"}],"has_more":true}`)
	}))
	var n int
	var last error
	for _, err := range c.Agents.List(ctx, sonzai.AgentListParams{}) {
		n++
		last = err
	}
	if n != 2 || last == nil || !strings.Contains(last.Error(), "no cursor") {
		t.Errorf("Agents.List: %d yields, last error %v", n, last)
	}
	n, last = 0, nil
	for _, err := range c.Webhooks.ListAttempts(ctx, "session.end", sonzai.DeliveryAttemptListParams{}) {
		n++
		last = err
	}
	if n != 2 || last == nil || !strings.Contains(last.Error(), "no cursor") {
		t.Errorf("Webhooks.ListAttempts: %d yields, last error %v", n, last)
	}
}

// A hostile cursor repeated to stop the walk is quoted bounded in the
// error, not whole.
func TestRepeatedCursorErrorIsBounded(t *testing.T) {
	cursor := strings.Repeat("c", 100_000)
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"items":[{"agent_id":"a1","name":"Mia"}],"has_more":true,"next_cursor":"`+cursor+`"}`)
	}))
	var last error
	for _, err := range c.Agents.List(context.Background(), sonzai.AgentListParams{}) {
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "a second time") || len(last.Error()) > 400 {
		t.Errorf("got %d bytes: %.200v", len(fmt_(last)), last)
	}
}

func fmt_(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A batch the server answers with failed items and an explanation keeps
// the explanation in the result, with the batch it belongs to.
func TestInventoryImportKeepsEachBatchsError(t *testing.T) {
	var calls int
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 2 {
			writeRaw(w, http.StatusOK, `{"status":"partial","added":1,"failed":1,"total":2,"error":"item 1: unknown item_type"}`)
			return
		}
		writeRaw(w, http.StatusOK, `{"status":"ok","added":2,"failed":0,"total":2}`)
	}))
	items := []sonzai.InventoryImportItem{{ItemType: "book"}, {ItemType: "book"}, {ItemType: "book"}, {ItemType: "bok"}}
	res, err := c.Inventory.Import(context.Background(), "a1", "u1", sonzai.InventoryImportParams{Items: items, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Batches != 2 || res.Added != 3 || res.Failed != 1 || len(res.Errors) != 1 || res.Errors[0] != "batch 1: item 1: unknown item_type" {
		t.Errorf("Import = %+v", res)
	}
}

// The batch errors print whatever they hold, even built by hand.
func TestBatchErrorsPrintWhenEmpty(t *testing.T) {
	for _, err := range []error{&sonzai.UserImportError{}, &sonzai.FactBatchError{}, &sonzai.InventoryBatchError{}} {
		if msg := err.Error(); !strings.HasPrefix(msg, "sonzai: ") {
			t.Errorf("%T: %q", err, msg)
		}
	}
}
