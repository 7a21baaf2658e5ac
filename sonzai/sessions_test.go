package sonzai_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// sessionServer records the bodies of session calls and plays scripted
// extraction and session-end states.
type sessionServer struct {
	mu         sync.Mutex
	bodies     map[string][]map[string]any // by route
	queries    map[string][]string
	turnStates []string // returned by successive status polls
	endStates  []string
	endAsync   bool
	polls      atomic.Int64
}

func (s *sessionServer) handler(t *testing.T) http.Handler {
	mux := http.NewServeMux()
	record := func(route string, r *http.Request) {
		var body map[string]any
		if r.Method != http.MethodGet {
			body = decodeBody(t, r)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.bodies == nil {
			s.bodies, s.queries = map[string][]map[string]any{}, map[string][]string{}
		}
		s.bodies[route] = append(s.bodies[route], body)
		s.queries[route] = append(s.queries[route], r.URL.RawQuery)
	}
	next := func(states []string) string {
		i := int(s.polls.Add(1)) - 1
		return states[min(i, len(states)-1)]
	}
	mux.HandleFunc("POST /api/v1/agents/{agent}/sessions/start", func(w http.ResponseWriter, r *http.Request) {
		record("start", r)
		writeJSON(w, 200, map[string]any{"success": true})
	})
	mux.HandleFunc("POST /api/v1/agents/{agent}/sessions/{session}/turn", func(w http.ResponseWriter, r *http.Request) {
		record("turn", r)
		resp := map[string]any{
			"success": true, "extraction_id": "ext_1", "extraction_status": "queued",
			"mood": map[string]any{"valence": 0.4, "arousal": 0.2, "tension": -0.1, "affiliation": 0.3, "reason": "kind words"},
		}
		if strings.Contains(r.URL.Path, "/sessions/ctx/") {
			resp["next_context"] = map[string]any{"personality_prompt": "You are Mia.", "custom_layer": []int{1, 2}}
		}
		writeJSON(w, 200, resp)
	})
	mux.HandleFunc("GET /api/v1/agents/{agent}/turns/{id}/status", func(w http.ResponseWriter, r *http.Request) {
		state := next(s.turnStates)
		body := map[string]any{"extraction_id": r.PathValue("id"), "state": state}
		if state == "failed" {
			body["error"] = "extractor crashed"
		}
		writeJSON(w, 200, body)
	})
	mux.HandleFunc("PUT /api/v1/agents/{agent}/sessions/{session}/tools", func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		r.URL.RawQuery = string(raw) // recorded as the "query" so the test sees the bare body
		record("tools", &http.Request{Method: http.MethodGet, URL: r.URL})
		writeJSON(w, 200, map[string]any{"success": true})
	})
	mux.HandleFunc("POST /api/v1/agents/{agent}/sessions/end", func(w http.ResponseWriter, r *http.Request) {
		record("end", r)
		if s.endAsync {
			writeJSON(w, 200, map[string]any{"success": true, "async": true, "processing_id": "proc_9",
				"status_url": "/api/v1/sessions/end/status/proc_9", "session_id": "s1"})
			return
		}
		writeJSON(w, 200, map[string]any{"success": true, "async": false})
	})
	mux.HandleFunc("GET /api/v1/sessions/end/status/{id}", func(w http.ResponseWriter, r *http.Request) {
		state := next(s.endStates)
		body := map[string]any{"state": state, "enqueued_at": "2026-11-23T00:00:00Z", "session_id": "s1", "agent_id": "a"}
		if state == "failed" {
			body["error"] = "dispatch failed"
		}
		writeJSON(w, 200, body)
	})
	mux.HandleFunc("GET /api/v1/agents/{agent}/context", func(w http.ResponseWriter, r *http.Request) {
		record("context", r)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"personality_prompt":"You are Mia.","bio":"A hiker.","speech_patterns":["warm"],
			"loaded_facts":[{"atomic_text":"User likes hiking","fact_type":"preference","importance":0.8}],
			"chemistry_score":"not-a-number","knowledge":{"results":[{"title":"Trails"}]},
			"recent_turns":[{"role":"user","content":"hi","timestamp":"2026-11-23T00:00:00Z"}],
			"current_mood":{"valence":0.4,"label":"content","glow":1},
			"active_goals":[{"goal_id":"g1","title":"Learn about the user's hikes","created_at":"2026-11-01T00:00:00Z"}],
			"habits":[{"name":"morning_run","formed":true,"formed_at":"last spring"}],
			"game_context":{"level":3},"constellation_patterns":[{"p":1}],"future_layer":{"x":true}}`))
	})
	return mux
}

func (s *sessionServer) body(route string, i int) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodies[route][i]
}

func (s *sessionServer) count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies[route])
}

var fastPoll = sonzai.WithPollInterval(time.Millisecond, 5*time.Millisecond)

func TestStartSendsTheSessionAndGeneratesAnID(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, err := c.Sessions.Start(context.Background(), "agent-1", sonzai.StartParams{
		UserID: "user-123", UserDisplayName: "Alice",
		Tools:    []sonzai.Tool{{Name: "order-lookup", Description: "Find orders", Parameters: map[string]any{"type": "object"}}},
		Provider: "gemini", Model: "gemini-3.1-flash-lite-preview",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.ID(), "sess_") || len(s.ID()) != 37 {
		t.Errorf("generated session id %q", s.ID())
	}
	b := srv.body("start", 0)
	if b["user_id"] != "user-123" || b["session_id"] != s.ID() || b["user_display_name"] != "Alice" ||
		b["provider"] != "gemini" || b["model"] != "gemini-3.1-flash-lite-preview" {
		t.Errorf("start body = %v", b)
	}
	tools, _ := b["tool_definitions"].([]any)
	if len(tools) != 1 || tools[0].(map[string]any)["name"] != "order-lookup" {
		t.Errorf("tool_definitions = %v", b["tool_definitions"])
	}
	if _, ok := b["instance_id"]; ok {
		t.Errorf("unset instance_id was sent: %v", b)
	}
	if s.AgentID() != "agent-1" || s.UserID() != "user-123" {
		t.Errorf("handle ids: %s %s", s.AgentID(), s.UserID())
	}
}

func TestTurnSendsOnlyWhatIsSetAndDecodesTheAnswer(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1"})
	res, err := s.Turn(context.Background(), sonzai.TurnParams{Messages: []sonzai.Message{
		sonzai.UserMessage("Where did my last order ship from?"),
		sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
		sonzai.ToolResultMessage("call_1", `{"order_id":"42","origin":"Tokyo"}`),
		sonzai.AssistantMessage("It shipped from Tokyo."),
	}})
	if err != nil {
		t.Fatal(err)
	}
	b := srv.body("turn", 0)
	for key := range b {
		if key != "userId" && key != "messages" {
			t.Errorf("turn body sends %q although it was not set: %v", key, b)
		}
	}
	msgs := b["messages"].([]any)
	call := msgs[1].(map[string]any)["tool_calls"].([]any)[0].(map[string]any)
	if call["id"] != "call_1" || call["type"] != "function" ||
		call["function"].(map[string]any)["name"] != "order-lookup" || call["function"].(map[string]any)["arguments"] != `{"limit":1}` {
		t.Errorf("tool call = %v", call)
	}
	if _, hasContent := msgs[1].(map[string]any)["content"]; hasContent {
		t.Errorf("tool-call message sent empty content: %v", msgs[1])
	}
	if tr := msgs[2].(map[string]any); tr["role"] != "tool" || tr["tool_call_id"] != "call_1" {
		t.Errorf("tool result = %v", tr)
	}
	if res.ExtractionID != "ext_1" || res.ExtractionStatus != sonzai.ExtractionQueued || res.Mood == nil ||
		res.Mood.Valence != 0.4 || res.Mood.Tension != -0.1 || res.Mood.Reason != "kind words" || res.NextContext != nil {
		t.Errorf("turn result = %+v mood %+v", res, res.Mood)
	}
}

func TestTurnFetchNextContext(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "ctx"})
	res, err := s.Turn(context.Background(), sonzai.TurnParams{
		Messages:         []sonzai.Message{sonzai.UserMessage("hi")},
		FetchNextContext: &sonzai.ContextParams{Query: "hiking"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := srv.body("turn", 0)["fetchNextContext"].(map[string]any); f["query"] != "hiking" || len(f) != 1 {
		t.Errorf("fetchNextContext = %v", f)
	}
	if res.NextContext == nil || res.NextContext.PersonalityPrompt != "You are Mia." || string(res.NextContext.Layer("custom_layer")) != "[1,2]" {
		t.Errorf("next context = %+v", res.NextContext)
	}
}

// Provider and model fall back to the session's defaults as a pair, never
// one from the call and one from the session.
func TestProviderModelPairRule(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	msgs := []sonzai.Message{sonzai.UserMessage("hi")}
	withDefaults, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1", Provider: "gemini", Model: "g-1"})
	noDefaults, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s2"})

	cases := []struct {
		s                     *sonzai.Session
		p                     sonzai.TurnParams
		wantProvider, wantMod any
	}{
		{withDefaults, sonzai.TurnParams{Messages: msgs}, "gemini", "g-1"},
		{withDefaults, sonzai.TurnParams{Messages: msgs, Provider: "anthropic", Model: "claude-haiku-4-5"}, "anthropic", "claude-haiku-4-5"},
		{noDefaults, sonzai.TurnParams{Messages: msgs}, nil, nil},
	}
	for i, tc := range cases {
		if _, err := tc.s.Turn(context.Background(), tc.p); err != nil {
			t.Fatal(err)
		}
		b := srv.body("turn", i)
		if b["provider"] != tc.wantProvider || b["model"] != tc.wantMod {
			t.Errorf("case %d: sent provider %v model %v, want %v %v", i, b["provider"], b["model"], tc.wantProvider, tc.wantMod)
		}
	}
	for _, half := range []sonzai.TurnParams{{Messages: msgs, Provider: "anthropic"}, {Messages: msgs, Model: "claude-haiku-4-5"}} {
		_, err := withDefaults.Turn(context.Background(), half)
		if !errors.Is(err, sonzai.ErrInvalidArgument) || !strings.Contains(err.Error(), "Provider/TurnParams.Model") {
			t.Errorf("half pair %+v: got %v", half, err)
		}
	}
	if _, err := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s", Model: "m"}); !errors.Is(err, sonzai.ErrInvalidArgument) {
		t.Errorf("half pair on start: %v", err)
	}
	if srv.count("turn") != len(cases) {
		t.Errorf("invalid turns reached the server: %d turns", srv.count("turn"))
	}
}

func TestTurnValidationFailsBeforeAnyRequest(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
	cases := map[string]struct {
		msgs  []sonzai.Message
		field string
	}{
		"no messages":              {nil, "TurnParams.Messages"},
		"tool without call id":     {[]sonzai.Message{{Role: sonzai.RoleTool, Content: "42"}}, "TurnParams.Messages[0].ToolCallID"},
		"unknown role":             {[]sonzai.Message{{Role: "robot", Content: "beep"}}, "TurnParams.Messages[0].Role"},
		"empty user message":       {[]sonzai.Message{sonzai.UserMessage("")}, "TurnParams.Messages[0].Content"},
		"tool call without id":     {[]sonzai.Message{sonzai.ToolCallMessage(sonzai.FunctionCall("", "f", "{}"))}, "TurnParams.Messages[0].ToolCalls[0].ID"},
		"author on a turn message": {[]sonzai.Message{{Role: sonzai.RoleUser, Content: "x", Author: "Al"}}, "TurnParams.Messages[0].Author"},
	}
	for name, tc := range cases {
		_, err := s.Turn(context.Background(), sonzai.TurnParams{Messages: tc.msgs})
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: got %v, want a ValidationError on %s", name, err, tc.field)
		}
	}
	for name, f := range map[string]func() error{
		"empty agent": func() error {
			_, err := c.Sessions.Start(context.Background(), "", sonzai.StartParams{UserID: "u"})
			return err
		},
		"empty user": func() error { _, err := c.Sessions.Start(context.Background(), "a", sonzai.StartParams{}); return err },
	} {
		if err := f(); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if srv.count("turn")+srv.count("start") != 0 {
		t.Errorf("invalid input reached the server")
	}
}

func TestWaitTurn(t *testing.T) {
	srv := &sessionServer{turnStates: []string{"queued", "running", "running", "done"}}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
	st, err := s.WaitTurn(context.Background(), "ext_1", fastPoll)
	if err != nil || st.State != sonzai.ExtractionDone || st.ExtractionID != "ext_1" || srv.polls.Load() != 4 {
		t.Errorf("got %+v %v after %d polls", st, err, srv.polls.Load())
	}

	srv = &sessionServer{turnStates: []string{"queued", "running", "failed"}}
	c, _ = newTestServer(t, srv.handler(t))
	st, err = c.Sessions.WaitTurn(context.Background(), "a", "ext_2", fastPoll)
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) || failed.Reason != "extractor crashed" || failed.ID != "ext_2" {
		t.Fatalf("failed extraction: %v", err)
	}
	if final, ok := failed.Final.(*sonzai.TurnStatus); !ok || final.State != sonzai.ExtractionFailed || st != final {
		t.Errorf("final state %#v, returned %#v", failed.Final, st)
	}

	srv = &sessionServer{turnStates: []string{"running"}}
	c, _ = newTestServer(t, srv.handler(t))
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err = c.Sessions.WaitTurn(ctx, "a", "ext_3", sonzai.WithPollInterval(10*time.Millisecond, 20*time.Millisecond))
	var timeout *sonzai.PollTimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout: got %v", err)
	}
	if last, ok := timeout.Last.(*sonzai.TurnStatus); !ok || last.State != sonzai.ExtractionRunning || timeout.Checks < 3 {
		t.Errorf("timeout error carries %#v after %d checks", timeout.Last, timeout.Checks)
	}
	if el := time.Since(start); el < 150*time.Millisecond || el > time.Second {
		t.Errorf("timed out after %s, want about 150ms", el)
	}
}

func TestEndCountsWaitsAndReports(t *testing.T) {
	srv := &sessionServer{endAsync: true, endStates: []string{"pending", "processing", "done"}}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1", Provider: "gemini", Model: "g-1"})
	for range 3 {
		if _, err := s.Turn(context.Background(), sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi"), sonzai.AssistantMessage("hey")}}); err != nil {
			t.Fatal(err)
		}
	}
	end, err := s.End(context.Background(), sonzai.EndParams{})
	if err != nil {
		t.Fatal(err)
	}
	b := srv.body("end", 0)
	if b["total_messages"] != 6.0 || b["user_id"] != "u" || b["session_id"] != "s1" || b["provider"] != "gemini" || b["model"] != "g-1" {
		t.Errorf("end body = %v", b)
	}
	if _, ok := b["duration_seconds"].(float64); !ok {
		t.Errorf("duration_seconds missing: %v", b)
	}
	if _, ok := b["messages"]; ok {
		t.Errorf("end without a transcript sent messages: %v", b)
	}
	if !end.Async || end.ProcessingID != "proc_9" || end.Status == nil || end.Status.State != sonzai.SessionEndDone || srv.polls.Load() != 3 {
		t.Errorf("end = %+v status %+v after %d polls", end, end.Status, srv.polls.Load())
	}

	// Failed pipeline → JobFailedError with the final status.
	srv = &sessionServer{endAsync: true, endStates: []string{"processing", "failed"}}
	c, _ = newTestServer(t, srv.handler(t))
	s, _ = c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1"})
	_, err = s.End(context.Background(), sonzai.EndParams{
		Messages:      []sonzai.Message{sonzai.UserMessage("bye"), {Role: sonzai.RoleAssistant, Content: "see you", Author: "Mia"}},
		TotalMessages: 12, DurationSeconds: 600, Synchronous: true,
	})
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) || failed.Reason != "dispatch failed" {
		t.Fatalf("failed end: %v", err)
	}
	if final := failed.Final.(*sonzai.SessionEndStatus); final.State != sonzai.SessionEndFailed {
		t.Errorf("final = %+v", final)
	}
	b = srv.body("end", 0)
	if b["total_messages"] != 12.0 || b["duration_seconds"] != 600.0 || len(b["messages"].([]any)) != 2 ||
		b["messages"].([]any)[1].(map[string]any)["author"] != "Mia" || b["wait"] != true {
		t.Errorf("end body = %v", b)
	}
	if q := srv.queries["end"][0]; q != "force_sync=true" {
		t.Errorf("query = %q, want force_sync=true", q)
	}

	// EndAsync returns the processing id without polling; WaitEnd resumes.
	srv = &sessionServer{endAsync: true, endStates: []string{"done"}}
	c, _ = newTestServer(t, srv.handler(t))
	s, _ = c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1"})
	end, err = s.EndAsync(context.Background(), sonzai.EndParams{})
	if err != nil || end.ProcessingID != "proc_9" || srv.polls.Load() != 0 {
		t.Fatalf("EndAsync: %+v %v, %d polls", end, err, srv.polls.Load())
	}
	st, err := c.Sessions.WaitEnd(context.Background(), end.ProcessingID, fastPoll)
	if err != nil || st.State != sonzai.SessionEndDone {
		t.Errorf("WaitEnd: %+v %v", st, err)
	}
}

func TestSetTools(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1"})
	if err := s.SetTools(context.Background(), []sonzai.Tool{{Name: "weather"}}); err != nil {
		t.Fatal(err)
	}
	if got := srv.queries["tools"][0]; got != `[{"name":"weather"}]` {
		t.Errorf("tools body = %q, want a bare JSON array", got)
	}
	if err := s.SetTools(context.Background(), []sonzai.Tool{{Description: "nameless"}}); !errors.Is(err, sonzai.ErrInvalidArgument) {
		t.Errorf("nameless tool: %v", err)
	}
}

func TestContextLayers(t *testing.T) {
	srv := &sessionServer{}
	c, _ := newTestServer(t, srv.handler(t))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "user 1", SessionID: "s1", InstanceID: "i1"})
	ctx, err := s.Context(context.Background(), sonzai.ContextParams{Query: "What should we talk about?"})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := url.ParseQuery(srv.queries["context"][0]); q.Encode() != "instanceId=i1&query=What+should+we+talk+about%3F&sessionId=s1&userId=user+1" {
		t.Errorf("context query = %q", srv.queries["context"][0])
	}
	if ctx.PersonalityPrompt != "You are Mia." || ctx.Bio != "A hiker." || len(ctx.SpeechPatterns) != 1 ||
		len(ctx.LoadedFacts) != 1 || ctx.LoadedFacts[0].AtomicText != "User likes hiking" || ctx.LoadedFacts[0].Importance != 0.8 ||
		len(ctx.RecentTurns) != 1 || ctx.RecentTurns[0].Content != "hi" ||
		string(ctx.KnowledgeResults) != `[{"title":"Trails"}]` || string(ctx.BackendContext) != `{"level":3}` ||
		string(ctx.ConstellationPatterns) != `[{"p":1}]` {
		t.Errorf("typed layers: %+v", ctx)
	}
	if m := ctx.CurrentMood; m == nil || m.Valence != 0.4 || m.Label != "content" ||
		len(ctx.ActiveGoals) != 1 || ctx.ActiveGoals[0].GoalID != "g1" || ctx.ActiveGoals[0].CreatedAt.IsZero() {
		t.Errorf("mood and goals: %+v %+v", ctx.CurrentMood, ctx.ActiveGoals)
	}
	// A layer that does not fit its type (a timestamp in another format)
	// is left zero without failing the context, and is still in Layer;
	// so are the fields the types do not model.
	if ctx.Habits != nil || !strings.Contains(string(ctx.Layer("habits")), "last spring") || !strings.Contains(string(ctx.Layer("current_mood")), "glow") {
		t.Errorf("habits = %+v, layers %s %s", ctx.Habits, ctx.Layer("habits"), ctx.Layer("current_mood"))
	}
	// A mistyped layer is left zero but kept raw; unknown layers are kept.
	if ctx.ChemistryScore != 0 || string(ctx.Layer("chemistry_score")) != `"not-a-number"` || string(ctx.Layer("future_layer")) != `{"x":true}` {
		t.Errorf("lenient decoding lost data: %v %s", ctx.ChemistryScore, ctx.Layer("future_layer"))
	}
}
