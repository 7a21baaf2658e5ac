package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const processResultJSON = `{
	"$schema": "https://api.sonz.ai/schemas/ProcessResult.json",
	"success": true,
	"facts_extracted": 7,
	"side_effects": {"mood_updated": true, "personality_updated": true, "habits_observed": 2, "interests_detected": 3},
	"session_id": "sess_server_made"
}`

func TestProcessSendsTranscriptWithToolMessages(t *testing.T) {
	body := `{
		"userId": "user-123",
		"sessionId": "session-abc",
		"instanceId": "inst-1",
		"messages": [
			{"role": "user", "content": "Where did my last order ship from?"},
			{"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
				"function": {"name": "order-lookup", "arguments": "{\"limit\":1}"}}]},
			{"role": "tool", "tool_call_id": "call_1", "content": "{\"origin\":\"Tokyo\"}"},
			{"role": "assistant", "content": "Your last order shipped from Tokyo."}
		],
		"provider": "gemini",
		"model": "gemini-3.1-flash-lite-preview"
	}`
	c, n := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/My%20Agent%2Fv2/process", body: body}, 200, processResultJSON)
	got, err := c.Agents.Process(context.Background(), "My Agent/v2", sonzai.ProcessParams{
		UserID:     "user-123",
		SessionID:  "session-abc",
		InstanceID: "inst-1",
		Messages: []sonzai.Message{
			sonzai.UserMessage("Where did my last order ship from?"),
			sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
			sonzai.ToolResultMessage("call_1", `{"origin":"Tokyo"}`),
			sonzai.AssistantMessage("Your last order shipped from Tokyo."),
		},
		Provider: "gemini",
		Model:    "gemini-3.1-flash-lite-preview",
	})
	mustSucceed(t, err)
	want := &sonzai.ProcessResult{
		Success: true, FactsExtracted: 7, SessionID: "sess_server_made",
		SideEffects: sonzai.ProcessSideEffects{MoodUpdated: true, PersonalityUpdated: true, HabitsObserved: 2, InterestsDetected: 3},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Process = %+v, want %+v", got, want)
	}
	requireAllSet(t, "ProcessResult", *got)
	if n.total.Load() != 1 {
		t.Errorf("%d requests, want 1", n.total.Load())
	}
}

func TestProcessOmitsUnsetFields(t *testing.T) {
	// No session: the server makes one and says which.
	c, _ := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/process",
		body: `{"userId": "u1", "messages": [{"role": "user", "content": "hi"}]}`}, 200, processResultJSON)
	got, err := c.Agents.Process(context.Background(), "a1", sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("hi")},
	})
	mustSucceed(t, err)
	if got.SessionID != "sess_server_made" {
		t.Errorf("SessionID = %q", got.SessionID)
	}
}

func TestProcessIsNotRetriedAfterAServerError(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 502, "upstream failed")
	}))
	_, err := c.Agents.Process(context.Background(), "a1", sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("hi")},
	})
	if !errors.Is(err, sonzai.ErrServer) {
		t.Errorf("err = %v, want ErrServer", err)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("a POST that may have been processed was sent %d times", got)
	}
}

func TestProcessRetriedOn429(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if n.total.Load() == 1 {
			w.Header().Set("Retry-After", "0")
			writeProblem(w, 429, "slow down")
			return
		}
		checkCall(t, r, wantCall{method: "POST", path: "/api/v1/agents/a1/process",
			body: `{"userId": "u1", "messages": [{"role": "user", "content": "hi"}]}`})
		writeRaw(w, 200, processResultJSON)
	}))
	got, err := c.Agents.Process(context.Background(), "a1", sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("hi")},
	})
	mustSucceed(t, err)
	if got.FactsExtracted != 7 || n.total.Load() != 2 {
		t.Errorf("result %+v after %d requests", got, n.total.Load())
	}
}

func TestProcessPerCallOptions(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("X-Trace"); got != "t-1" {
			t.Errorf("X-Trace = %q, want the per-call header", got)
		}
		writeRaw(w, 200, processResultJSON)
	}))
	_, err := c.Agents.Process(context.Background(), "a1", sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("hi")},
	}, sonzai.WithHeader("X-Trace", "t-1"))
	mustSucceed(t, err)
	// An invalid per-call option fails before sending.
	_, err = c.Agents.Process(context.Background(), "a1", sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("hi")},
	}, sonzai.WithMaxRetries(-1))
	if !errors.Is(err, sonzai.ErrInvalidArgument) || n.total.Load() != 1 {
		t.Errorf("bad option: err %v after %d requests", err, n.total.Load())
	}
}
