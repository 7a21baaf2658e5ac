package sonzai_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestEventsDiaryDialogueInvalidInputSendsNothing(t *testing.T) {
	msgs := []sonzai.DialogueMessage{{Role: sonzai.RoleUser, Content: "hi"}}
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"Trigger agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Events.Trigger(ctx, "", sonzai.EventTriggerParams{UserID: "u", EventType: "x"}))
		}},
		{"Trigger user", "EventTriggerParams.UserID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Events.Trigger(ctx, "a1", sonzai.EventTriggerParams{EventType: "x"}))
		}},
		{"Trigger type", "EventTriggerParams.EventType", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Events.Trigger(ctx, "a1", sonzai.EventTriggerParams{UserID: "u"}))
		}},
		{"Trigger message role", "EventTriggerParams.Messages[0].Role", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Events.Trigger(ctx, "a1", sonzai.EventTriggerParams{UserID: "u", EventType: "x", Messages: []sonzai.Message{{Content: "x"}}}))
		}},
		{"Diary.List limit", "DiaryListParams.Limit", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Diary.List(ctx, "a1", sonzai.DiaryListParams{Limit: 101}))
		}},
		{"Diary.List agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Diary.List(ctx, "", sonzai.DiaryListParams{}))
		}},
		{"Diary.Get date", "DiaryGetParams.Date", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Diary.Get(ctx, "a1", sonzai.DiaryGetParams{}))
		}},
		{"Reply user", "DialogueParams.UserID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{Messages: msgs}))
		}},
		{"Reply messages", "DialogueParams.Messages", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "u"}))
		}},
		{"Reply role", "DialogueParams.Messages[0].Role", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "u", Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleTool, Content: "x"}}}))
		}},
		{"Reply content", "DialogueParams.Messages[0].Content", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "u", Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleUser}}}))
		}},
		{"Reply context", "DialogueParams.EnrichedContext", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "u", Messages: msgs, EnrichedContext: json.RawMessage("{")}))
		}},
	})
}

// TestDiaryAndDialogueWire: Get sends the date only, List the limit as a
// number, Reply the messages with their times and the raw JSON as is.
func TestDiaryAndDialogueWire(t *testing.T) {
	var queries []string
	var body map[string]any
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		if r.Method == http.MethodPost {
			body = decodeBody(t, r)
			writeJSON(w, 200, map[string]any{"response": "Ten coins.", "side_effects": map[string]any{"mood": "up"}})
			return
		}
		writeJSON(w, 200, map[string]any{"entry": map[string]any{"entry_id": "d1", "agent_id": "a1", "date": "2026-07-03", "content": "x", "created_at": "2026-07-03T18:00:00Z"}})
	}))
	ctx := context.Background()
	e, err := c.Diary.Get(ctx, "a1", sonzai.DiaryGetParams{Date: time.Date(2026, 7, 3, 23, 30, 0, 0, time.FixedZone("", -5*3600)), UserID: "u1"})
	if err != nil || e == nil || e.EntryID != "d1" {
		t.Fatalf("Get = %+v, %v", e, err)
	}
	if _, err := c.Diary.List(ctx, "a1", sonzai.DiaryListParams{Limit: 7}); err != nil {
		t.Fatal(err)
	}
	if queries[0] != "date=2026-07-03&user_id=u1" || queries[1] != "limit=7" {
		t.Errorf("queries = %q", queries)
	}
	at := time.Date(2026, 7, 3, 18, 0, 0, 0, time.UTC)
	r, err := c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "npc-2", ToolConfig: json.RawMessage(`{"tools":[]}`),
		Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleUser, Content: "Price?", Time: at}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Response != "Ten coins." || string(r.SideEffects) != `{"mood":"up"}` {
		t.Errorf("Reply = %+v", r)
	}
	m := body["messages"].([]any)[0].(map[string]any)
	if m["time"] != "2026-07-03T18:00:00Z" || m["role"] != "user" || body["tool_config"] == nil || body["enriched_context"] != nil {
		t.Errorf("body = %v", body)
	}
}
