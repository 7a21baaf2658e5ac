package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// Every identifier that becomes a path segment stays inside its segment and
// reaches the server exactly as given, whatever it contains.
func TestHostileIdentifiersStayInTheirSegment(t *testing.T) {
	hostile := []string{
		"a/b", "../..", "..%2F", "x?y=1", "x#frag", "100%", "%2e%2e", "with space", "tab\there",
		"日本語", "emoji 🤖", "semi;colon", "plus+sign", "a\\b", "\u202e", "...", ".a", "a.",
	}
	type seen struct {
		path   string
		values []string
	}
	var got seen
	mux := http.NewServeMux()
	handle := func(pattern string, names ...string) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			got = seen{path: r.URL.EscapedPath()}
			for _, n := range names {
				got.values = append(got.values, r.PathValue(n))
			}
			writeJSON(w, 200, map[string]any{"success": true, "extraction_id": "e", "extraction_status": "queued", "state": "done",
				"enqueued_at": "t", "session_id": "s", "agent_id": "a", "status": "complete",
				"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
		})
	}
	handle("POST /api/v1/agents/{agent}/sessions/{session}/turn", "agent", "session")
	handle("GET /api/v1/agents/{agent}/turns/{id}/status", "agent", "id")
	handle("GET /api/v1/sessions/end/status/{id}", "id")
	handle("POST /api/v1/agents/{agent}/notifications/{msg}/consume", "agent", "msg")
	handle("GET /api/v1/agents/{agent}/chat/result/{id}", "agent", "id")
	c, _ := newTestServer(t, mux)
	ctx := context.Background()

	for _, id := range hostile {
		calls := map[string]func() error{
			"turn": func() error {
				s, err := c.Sessions.Resume(id, sonzai.StartParams{UserID: "u", SessionID: id})
				if err != nil {
					return err
				}
				_, err = s.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
				return err
			},
			"turn status":  func() error { _, err := c.Sessions.TurnStatus(ctx, id, id); return err },
			"end status":   func() error { _, err := c.Sessions.EndStatus(ctx, id); return err },
			"consume":      func() error { return c.Notifications.Consume(ctx, id, id) },
			"async result": func() error { _, err := c.Chat.AsyncResult(ctx, id, id); return err },
		}
		for name, call := range calls {
			got = seen{}
			if err := call(); err != nil {
				t.Errorf("%s with %q: %v", name, id, err)
				continue
			}
			for _, v := range got.values {
				if v != id {
					t.Errorf("%s with %q: the server decoded %q (path %s)", name, id, v, got.path)
				}
			}
			if len(got.values) == 0 {
				t.Errorf("%s with %q: the request reached another route (path %s)", name, id, got.path)
			}
			if !strings.HasPrefix(got.path, "/api/v1/") {
				t.Errorf("%s with %q: escaped the API prefix: %s", name, id, got.path)
			}
		}
	}
	for _, id := range []string{".", "..", ""} {
		if _, err := c.Sessions.EndStatus(ctx, id); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("processing id %q: got %v, want ErrInvalidArgument", id, err)
		}
	}
}
