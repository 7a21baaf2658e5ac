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
