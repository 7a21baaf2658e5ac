package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// The identifiers every request uses.
const (
	apiKey    = "sk_bench_0123456789abcdef"
	agentID   = "agt_2f9c1e7a"
	userID    = "user-42"
	sessionID = "sess_6b1d0c5e"
	pageSize  = 20
	pages     = 10
	// userAgent is what the SDK sends; the baseline sends it too so the
	// requests are the same bytes.
	userAgent  = "sonzai-go/" + sonzai.Version
	acceptJSON = "application/json, application/problem+json"
)

// mustJSON encodes v, for fixtures.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

var benchTime = time.Date(2025, 11, 3, 14, 25, 7, 123456000, time.UTC)

// moodBody is the getMood answer (~600 bytes).
func moodBody() []byte {
	return mustJSON(map[string]any{"mood": map[string]any{
		"agent_id": agentID, "user_id": userID, "label": "content",
		"valence": 0.61, "arousal": 0.42, "tension": 0.18, "affiliation": 0.73,
		"baseline_valence": 0.55, "baseline_arousal": 0.4, "baseline_tension": 0.2, "baseline_affiliation": 0.6,
		"user_baseline_valence": 0.58, "user_baseline_arousal": 0.41, "user_baseline_tension": 0.19, "user_baseline_affiliation": 0.66,
		"last_interaction_at": benchTime, "last_decay_at": benchTime.Add(-time.Hour),
		"created_at": benchTime.Add(-90 * 24 * time.Hour), "updated_at": benchTime,
	}})
}

const prose = "She grew up by the sea, and still measures distances in tides; she is patient with questions and quick to laugh, " +
	"keeps a notebook of small kindnesses, and will happily talk about trail maps, bread starters and old radio plays. "

// contextObject is an enriched context of about size bytes of JSON, with
// every layer the SDK types and a few it does not; it grows with the
// number of recalled facts and recent turns, as real contexts do.
func contextObject(size int) map[string]any {
	ctx := map[string]any{
		"personality_prompt":        strings.Repeat(prose, 6),
		"bio":                       prose,
		"speech_patterns":           []string{"uses nautical metaphors", "asks one question at a time", "short sentences when excited"},
		"true_interests":            []string{"hiking", "sourdough", "radio drama", "tide pools", "astronomy"},
		"true_dislikes":             []string{"rushing", "loud restaurants"},
		"big5":                      map[string]any{"openness": map[string]any{"score": 0.8, "confidence": 0.7, "level": "high", "facets": []string{"curiosity"}}, "neuroticism": map[string]any{"score": 0.3, "confidence": 0.6, "level": "low"}},
		"dimensions":                map[string]float64{"intellect": 0.7, "aesthetic": 0.8, "industriousness": 0.5, "orderliness": 0.4, "enthusiasm": 0.6, "assertiveness": 0.5, "compassion": 0.8, "politeness": 0.7, "withdrawal": 0.2, "volatility": 0.3},
		"preferences":               map[string]string{"conversation_pace": "relaxed", "formality": "casual", "humor_style": "gentle", "emotional_expression": "open"},
		"behaviors":                 map[string]string{"response_length": "medium", "question_frequency": "often", "empathy_style": "reflective", "conflict_approach": "curious"},
		"current_mood":              map[string]any{"valence": 0.61, "arousal": 0.42, "tension": 0.18, "affiliation": 0.73, "label": "content"},
		"emotional_state":           map[string]any{"primary": "calm", "intensity": 0.4},
		"recent_personality_shifts": []map[string]any{{"trait": "openness", "delta": 0.02, "reason": "shared a new hobby"}},
		"significant_moments":       []map[string]any{{"description": "First hike together", "trigger_type": "shared_experience", "created_at": benchTime}},
		"active_goals":              []map[string]any{{"title": "Learn the user's favourite trails", "priority": 2, "status": "active"}},
		"habits":                    []map[string]any{{"name": "morning_checkin", "strength": 0.7, "formed": true}},
		"long_term_summaries":       []string{"They talked about moving to the coast.", "They planned a weekend hike."},
		"proactive_memories":        []map[string]any{{"content": "Ask how the job interview went", "due": benchTime}},
		"constellation_patterns":    []map[string]any{{"pattern": "seeks reassurance before decisions", "confidence": 0.6}},
		"relationship_narrative":    "Friends who bonded over long walks and longer conversations.",
		"chemistry_score":           0.82,
		"love_from_agent":           0.64,
		"love_from_user":            0.58,
		"knowledge":                 map[string]any{"results": []map[string]any{{"title": "Coastal trails", "snippet": prose, "score": 0.91}}},
		"backend_context":           map[string]any{"level": 7, "inventory": []string{"map", "compass", "thermos"}},
		"future_layer":              map[string]any{"x": true},
	}
	var facts []map[string]any
	var turns []map[string]any
	grow := func(blocks int) { // 64 facts and 64 turns a block
		for range blocks {
			for range 64 {
				k := len(facts)
				facts = append(facts, map[string]any{
					"atomic_text": fmt.Sprintf("Fact %d: the user mentioned that their sister visits every %d weeks and likes tea.", k, k%7+1),
					"fact_type":   "relationship", "importance": float64(k%10) / 10,
				})
				role := "user"
				if k%2 == 1 {
					role = "assistant"
				}
				turns = append(turns, map[string]any{"role": role, "content": fmt.Sprintf("Turn %d: that sounds lovely, tell me more about it.", k), "timestamp": benchTime.Add(time.Duration(k) * time.Second)})
			}
		}
		ctx["loaded_facts"], ctx["recent_turns"] = facts, turns
	}
	for n := len(mustJSON(ctx)); n < size; n = len(mustJSON(ctx)) {
		// Estimate how many blocks are missing, so big contexts take few
		// encodings; the last step adds one block at a time.
		grow(1)
		if perBlock := len(mustJSON(ctx)) - n; size-n > 4*perBlock {
			grow((size-n)/perBlock - 2)
		}
	}
	return ctx
}

// turnBody is the submitTurn answer: mood, extraction and a ~20 KB next_context.
func turnBody() []byte {
	return mustJSON(map[string]any{
		"success":           true,
		"mood":              map[string]any{"valence": 0.62, "arousal": 0.44, "tension": 0.17, "affiliation": 0.74, "reason": "the user shared good news", "trigger_type": "positive_event"},
		"extraction_id":     "ext_9d8c7b6a",
		"extraction_status": "queued",
		"next_context":      contextObject(20 << 10),
	})
}

// contextBody is the getContext answer (~50 KB).
func contextBody() []byte { return mustJSON(contextObject(50 << 10)) }

// agentPages are the listAgents answers: pages pages of pageSize agents,
// linked by cursors "c1".."c9".
func agentPages() [][]byte {
	out := make([][]byte, pages)
	for p := range pages {
		items := make([]map[string]any, pageSize)
		for i := range items {
			n := p*pageSize + i
			items[i] = map[string]any{
				"agent_id": fmt.Sprintf("agt_%08d", n), "name": fmt.Sprintf("Agent %d", n),
				"tenant_id": "ten_1", "project_id": "prj_1", "owner_user_id": "usr_owner",
				"owner_display_name": "Owner", "owner_email": "owner@example.com",
				"instance_count": n % 5, "is_active": true, "proactive_mode": "scheduled_only",
				"mcp_enabled": []string{"calendar"}, "last_seen_at": benchTime, "created_at": benchTime.Add(-time.Duration(n) * time.Hour),
			}
		}
		page := map[string]any{"items": items, "has_more": p < pages-1}
		if p < pages-1 {
			page["next_cursor"] = "c" + strconv.Itoa(p+1)
		}
		out[p] = mustJSON(page)
	}
	return out
}

// fixtures are the answers, encoded once per process.
var fixtures = sync.OnceValue(func() (f struct {
	mood, turn, context []byte
	agents              [][]byte
}) {
	f.mood, f.turn, f.context, f.agents = moodBody(), turnBody(), contextBody(), agentPages()
	return f
})

// benchServer is a loopback server that answers every operation with
// pre-encoded bytes, so its cost is the same whichever client calls it.
// It reads each request body in full first.
type benchServer struct {
	*httptest.Server
	mood, turn, context, tools []byte
	agents                     [][]byte
	stream                     []byte // the chat answer, an SSE body
	conns                      atomic.Int64
}

func newBenchServer(tb testing.TB, stream []byte) *benchServer {
	return newWrappedServer(tb, stream, nil)
}

// newTLSBenchServer is newBenchServer over HTTPS with HTTP/2, as the real
// API is served.
func newTLSBenchServer(tb testing.TB) *benchServer {
	s := newUnstarted(tb, nil, nil)
	s.EnableHTTP2 = true
	s.StartTLS()
	return s
}

// newWrappedServer is newBenchServer with wrap, when not nil, around its
// handler (for the tests that look at the requests).
func newWrappedServer(tb testing.TB, stream []byte, wrap func(http.Handler) http.Handler) *benchServer {
	s := newUnstarted(tb, stream, wrap)
	s.Start()
	return s
}

func newUnstarted(tb testing.TB, stream []byte, wrap func(http.Handler) http.Handler) *benchServer {
	f := fixtures()
	s := &benchServer{
		mood: f.mood, turn: f.turn, context: f.context,
		tools: []byte(`{"success":true}`), agents: f.agents, stream: stream,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/agents/{agent}/mood", s.answer(func(*http.Request) []byte { return s.mood }))
	mux.HandleFunc("POST /api/v1/agents/{agent}/sessions/{session}/turn", s.answer(func(*http.Request) []byte { return s.turn }))
	mux.HandleFunc("GET /api/v1/agents/{agent}/context", s.answer(func(*http.Request) []byte { return s.context }))
	mux.HandleFunc("PUT /api/v1/agents/{agent}/sessions/{session}/tools", s.answer(func(*http.Request) []byte { return s.tools }))
	mux.HandleFunc("GET /api/v1/agents", s.answer(func(r *http.Request) []byte {
		p, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Query().Get("cursor"), "c"))
		return s.agents[p]
	}))
	mux.HandleFunc("POST /api/v1/agents/{agent}/chat", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("X-Session-ID", sessionID)
		_, _ = w.Write(s.stream)
	})
	var h http.Handler = mux
	if wrap != nil {
		h = wrap(mux)
	}
	s.Server = httptest.NewUnstartedServer(h)
	s.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.conns.Add(1)
		}
	}
	tb.Cleanup(s.Close)
	return s
}

func (s *benchServer) answer(body func(*http.Request) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		b := body(r)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{strconv.Itoa(len(b))}
		_, _ = w.Write(b)
	}
}

// newTransport is the transport each side gets: the standard library's
// defaults, with room to keep a connection per concurrent caller.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

// newSDK is the SDK client under test. It uses the SDK's own default
// transport, as a user who passes no http.Client gets.
func newSDK(tb testing.TB, srv *benchServer) *sonzai.Client {
	c, err := sonzai.NewClient(sonzai.WithAPIKey(apiKey), sonzai.WithBaseURL(srv.URL))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func sdkSession(tb testing.TB, c *sonzai.Client) *sonzai.Session {
	s, err := c.Sessions.Resume(agentID, sonzai.StartParams{UserID: userID, SessionID: sessionID})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// The inputs of the calls, shared by both sides.
var (
	turnMessages = []sonzai.Message{
		sonzai.UserMessage("What's the weather like in Lisbon tomorrow?"),
		sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "get_weather", `{"city":"Lisbon","day":"tomorrow"}`)),
		sonzai.ToolResultMessage("call_1", `{"temp_c":21,"sky":"sunny","wind_kmh":12}`),
		sonzai.AssistantMessage("Sunny and 21°C tomorrow in Lisbon, with a light breeze."),
	}
	contextParams = sonzai.ContextParams{Query: "weekend plans", Language: "en", Timezone: "Europe/Lisbon"}
	sessionTools  = []sonzai.Tool{
		{Name: "get_weather", Description: "Current weather and forecast for a city.", Parameters: map[string]any{
			"type": "object", "required": []any{"city"},
			"properties": map[string]any{"city": map[string]any{"type": "string"}, "day": map[string]any{"type": "string", "enum": []any{"today", "tomorrow"}}},
		}},
		{Name: "set_reminder", Description: "Remind the user of something later.", Parameters: map[string]any{
			"type": "object", "required": []any{"text", "at"},
			"properties": map[string]any{"text": map[string]any{"type": "string"}, "at": map[string]any{"type": "string", "format": "date-time"}},
		}},
		{Name: "search_trails", Description: "Find hiking trails near a place.", Parameters: map[string]any{
			"type": "object", "properties": map[string]any{"near": map[string]any{"type": "string"}, "max_km": map[string]any{"type": "number"}},
		}},
	}
	chatParams = sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("Tell me a long story.")}}
)

// drain is what a careful minimal client does with a body it is done with.
func drain(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, body)
	_ = body.Close()
}
