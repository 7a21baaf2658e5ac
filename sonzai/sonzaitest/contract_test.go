package sonzaitest

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestContractViolations sends raw requests that break the contract (the
// SDK would refuse them before sending) and checks the problem answers
// name the offending field.
func TestContractViolations(t *testing.T) {
	h := newHarness(t)
	const turn = "/agents/agent-mia/sessions/s1/turn"
	cases := []struct {
		name, method, path, body string
		status                   int
		locations                []string // every errors[].location, in order
		value                    any      // errors[0].value, when not nil
	}{
		{"enum", "POST", turn, `{"userId":"u","messages":[{"role":"robot","content":"beep"}]}`,
			422, []string{"body.messages[0].role"}, "robot"},
		{"enum in a later message", "POST", turn, `{"userId":"u","messages":[{"role":"user","content":"hi"},{"role":"human","content":"x"}]}`,
			422, []string{"body.messages[1].role"}, "human"},
		{"required", "POST", turn, `{"messages":[{"role":"user","content":"hi"}]}`,
			422, []string{"body.userId"}, nil},
		{"unknown field", "POST", turn, `{"userId":"u","messages":[{"role":"user","content":"hi"}],"user_id":"u"}`,
			422, []string{"body.user_id"}, "u"},
		{"unknown nested field", "POST", turn, `{"userId":"u","messages":[{"role":"user","content":"hi","name":"bob"}]}`,
			422, []string{"body.messages[0].name"}, "bob"},
		{"wrong type", "POST", "/agents/agent-mia/sessions/start", `{"user_id":5,"session_id":"s"}`,
			422, []string{"body.user_id"}, float64(5)},
		{"array body", "PUT", "/agents/agent-mia/sessions/s1/tools", `[{"nam":"x"}]`,
			422, []string{"body[0].nam", "body[0].name"}, "x"},
		{"create enum", "POST", "/agents", `{"name":"Z","proactiveMode":"sometimes"}`,
			422, []string{"body.proactiveMode"}, "sometimes"},
		{"missing query parameter", "GET", "/agents/agent-mia/memory/search", "",
			400, []string{"query.q"}, nil},
		{"query maximum", "GET", "/agents/agent-mia/memory?limit=1000", "",
			400, []string{"query.limit"}, "1000"},
		{"query minimum", "GET", "/agents/agent-mia/notifications?limit=0", "",
			400, []string{"query.limit"}, "0"},
		{"query type", "POST", "/agents/agent-mia/sessions/end?force_sync=maybe",
			`{"user_id":"u","session_id":"s","total_messages":1,"duration_seconds":1}`,
			400, []string{"query.force_sync"}, "maybe"},
		{"missing required query", "GET", "/agents/agent-mia/context", "",
			400, []string{"query.userId"}, nil},
		{"not JSON", "POST", turn, `{"userId":`, 400, []string{"body"}, nil},
		{"no body", "POST", turn, "", 400, []string{"body"}, nil},
		{"no message", "POST", turn, `{"userId":"u","messages":[]}`, 422, []string{"body.messages"}, nil},
		{"chat without a user message", "POST", "/agents/agent-mia/chat", `{"messages":[{"role":"system","content":"x"}]}`,
			422, []string{"body.messages"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, header, body := h.raw(tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			p := problemOf(t, header, body)
			if p.Status != tc.status || p.Title != http.StatusText(tc.status) {
				t.Errorf("problem status/title = %d %q", p.Status, p.Title)
			}
			var locs []string
			for _, e := range p.Errors {
				locs = append(locs, e.Location)
				if e.Message == "" || strings.Contains(e.Message, "\n") {
					t.Errorf("message for %s = %q, want one line", e.Location, e.Message)
				}
			}
			if !slices.Equal(locs, tc.locations) {
				t.Fatalf("locations = %q, want %q (%s)", locs, tc.locations, body)
			}
			if tc.value != nil && p.Errors[0].Value != tc.value {
				t.Errorf("value = %#v, want %#v", p.Errors[0].Value, tc.value)
			}
		})
	}
	if n := h.fake.Requests("submitTurn"); n != 8 {
		t.Errorf("submitTurn requests = %d, want 8 (violations count too)", n)
	}

	t.Run("wrong content type", func(t *testing.T) {
		req, _ := http.NewRequest("POST", h.url+apiPrefix+turn, strings.NewReader("userId=u"))
		req.Header.Set("Authorization", "Bearer "+h.fake.APIKey())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := h.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("status %d, want 415", resp.StatusCode)
		}
	})
	t.Run("no such operation", func(t *testing.T) {
		status, header, body := h.raw("GET", "/agents/agent-mia/nothing", "")
		if status != http.StatusNotFound || problemOf(t, header, body).Status != 404 {
			t.Errorf("status %d: %s", status, body)
		}
		status, header, body = h.raw("PATCH", "/agents/agent-mia", "")
		if status != http.StatusMethodNotAllowed || problemOf(t, header, body).Status != 405 {
			t.Errorf("status %d: %s", status, body)
		}
		status, _, _ = h.raw("GET", "/../../elsewhere", "")
		if status != http.StatusNotFound {
			t.Errorf("outside the API: status %d", status)
		}
	})
	t.Run("a rule the schema cannot state is said once", func(t *testing.T) {
		// The problem's detail summarizes, its errors say what is wrong:
		// the SDK prints both, so the same sentence in both reads twice.
		status, header, body := h.raw("POST", "/agents/agent-mia/chat", `{"messages":[{"role":"assistant","content":"hi"}]}`)
		p := problemOf(t, header, body)
		if status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Location != "body.messages" {
			t.Fatalf("status %d: %s", status, body)
		}
		_, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, sonzai.ChatParams{Messages: []sonzai.Message{sonzai.AssistantMessage("hi")}})
		if err == nil || strings.Count(err.Error(), "needs a user message") != 1 || strings.Contains(err.Error(), ".;") {
			t.Errorf("the SDK's message should say it once, and read as one sentence: %v", err)
		}
	})
	t.Run("unknown agent", func(t *testing.T) {
		status, header, body := h.raw("GET", "/agents/nobody/mood", "")
		if status != http.StatusNotFound || !strings.Contains(problemOf(t, header, body).Detail, "nobody") {
			t.Errorf("status %d: %s", status, body)
		}
	})
}

// TestValidRequestsPass makes sure the checks do not refuse what the
// contract allows: nulls where a type array permits them, free-form
// objects, the chat body's undeclared fields.
func TestValidRequestsPass(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/agents/agent-mia/sessions/start", `{"user_id":"u","session_id":"s1","tool_definitions":[{"type":"function","function":{"name":"f"}}]}`},
		{"PUT", "/agents/agent-mia/sessions/s1/tools", `null`},
		{"PUT", "/agents/agent-mia/sessions/s1/tools", `[{"name":"f","parameters":{"type":"object","properties":{}}}]`},
		{"POST", "/agents/agent-mia/chat/async", `{"messages":[{"role":"user","content":"hi"}],"game_context":{"level":3},"something_new":true}`},
		{"GET", "/agents/Mia/goals", ""},
		{"GET", "/agents/mia/memory?include_contents=true&limit=200", ""},
	} {
		status, _, body := h.raw(tc.method, tc.path, tc.body)
		if status >= 300 {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, status, body)
		}
	}
}

func TestAuth(t *testing.T) {
	h := newHarness(t, WithAPIKey("sk_live_custom"))
	ctx := ctxT(t)
	wrong := h.newClient(sonzai.WithAPIKey("sk_wrong"))
	if _, err := wrong.Agents.Get(ctx, DemoAgentID); !errors.Is(err, sonzai.ErrUnauthorized) {
		t.Errorf("wrong key: %v, want ErrUnauthorized", err)
	}
	if _, err := h.client.Agents.Get(ctx, DemoAgentID); err != nil {
		t.Errorf("right key: %v", err)
	}
	if n := h.fake.Requests(""); n != 1 {
		t.Errorf("requests = %d, want 1 (refused ones are not counted)", n)
	}
	if h.fake.APIKey() != "sk_live_custom" {
		t.Errorf("APIKey() = %q", h.fake.APIKey())
	}
	req, _ := http.NewRequest("GET", h.url+apiPrefix+"/agents", nil)
	resp, err := h.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" ||
		resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("no key: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestServerClient uses the fake directly, as a user's test would.
func TestServerClient(t *testing.T) {
	fake := NewServer(t)
	c, err := fake.Client(sonzai.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Agents.Get(ctxT(t), DemoAgentName)
	if err != nil {
		t.Fatal(err)
	}
	if a.AgentID != DemoAgentID || a.Name != "Mia" || a.Big5 == nil || len(a.TrueInterests) != 3 {
		t.Errorf("demo agent = %+v", a)
	}
	if !strings.HasPrefix(fake.URL(), "http://127.0.0.1:") {
		t.Errorf("URL() = %q", fake.URL())
	}
	resp, err := http.Get(fake.URL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET / = %d", resp.StatusCode)
	}
	fake.Close()
	fake.Close() // twice is fine
}

func TestLogger(t *testing.T) {
	var buf syncBuffer
	h := newHarness(t, WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if _, err := h.client.Agents.Get(ctxT(t), DemoAgentID); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "op=getAgent") || !strings.Contains(out, "status=200") {
		t.Errorf("log = %q", out)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
