package sonzai_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func rawFake(t *testing.T, opts ...sonzai.Option) (*sonzaitest.Server, *sonzai.Client) {
	t.Helper()
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client(append([]sonzai.Option{sonzai.WithRetryBackoff(time.Millisecond, 5*time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return fake, c
}

func TestRawDecodesAnswers(t *testing.T) {
	_, c := rawFake(t)
	ctx := context.Background()
	mood, err := c.Raw().GetMoodWithResponse(ctx, sonzaitest.DemoAgentID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if mood.StatusCode() != http.StatusOK || mood.JSON200 == nil || mood.JSON200.Mood.AgentId != sonzaitest.DemoAgentID {
		t.Fatalf("getMood: %d %+v", mood.StatusCode(), mood.JSON200)
	}
	// An operation sonzai does not wrap: the fake synthesizes its answer.
	facts, err := c.Raw().ListFactsWithResponse(ctx, sonzaitest.DemoAgentID, &gen.ListFactsParams{})
	if err != nil {
		t.Fatal(err)
	}
	if facts.JSON200 == nil {
		t.Fatalf("listFacts: %d %s", facts.StatusCode(), facts.Body)
	}
	// Without options Raw returns the same client every time.
	first, second := c.Raw(), c.Raw()
	if first != second {
		t.Error("Raw() built a new client")
	}
}

func TestRawErrorsAreAPIErrors(t *testing.T) {
	fake, c := rawFake(t)
	_, err := c.Raw().GetAgentWithResponse(context.Background(), "no-such-agent")
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Operation != "getAgent" ||
		!errors.Is(err, sonzai.ErrNotFound) {
		t.Fatalf("err = %#v", err)
	}
	if apiErr.Path != "/api/v1/agents/no-such-agent" {
		t.Errorf("Path = %q", apiErr.Path)
	}
	if strings.Contains(err.Error(), fake.APIKey()) {
		t.Error("the error shows the API key")
	}
}

// A GET is retried after a 503; a POST is not retried after a 500, but is
// after a 429, which says the server did not act.
func TestRawRetriesOnlyWhenSafe(t *testing.T) {
	fake, c := rawFake(t)
	ctx := context.Background()
	fake.Inject(sonzaitest.Fault{Operation: "getMood", Status: http.StatusServiceUnavailable})
	if _, err := c.Raw().GetMoodWithResponse(ctx, sonzaitest.DemoAgentID, nil); err != nil {
		t.Fatal(err)
	}
	if n := fake.Requests("getMood"); n != 2 {
		t.Errorf("getMood after one 503: %d requests, want 2", n)
	}

	body := gen.AgentKBSearchInputBody{Query: "hiking"}
	fake.Inject(sonzaitest.Fault{Operation: "agentKBSearch", Status: http.StatusInternalServerError})
	_, err := c.Raw().AgentKBSearchWithResponse(ctx, sonzaitest.DemoAgentID, body)
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Operation != "agentKBSearch" {
		t.Fatalf("POST after a 500: %v", err)
	}
	if n := fake.Requests("agentKBSearch"); n != 1 {
		t.Errorf("POST after a 500: %d requests, want 1", n)
	}

	fake.Inject(sonzaitest.Fault{Operation: "agentKBSearch", Status: http.StatusTooManyRequests, RetryAfter: "0"})
	if _, err := c.Raw().AgentKBSearchWithResponse(ctx, sonzaitest.DemoAgentID, body); err != nil {
		t.Fatalf("POST after a 429: %v", err)
	}
	if n := fake.Requests("agentKBSearch"); n != 3 {
		t.Errorf("POST after a 429: %d requests in all, want 3", n)
	}
}

func TestRawPerCallOptions(t *testing.T) {
	fake, c := rawFake(t)
	ctx := context.Background()
	fake.Inject(sonzaitest.Fault{Operation: "getMood", Status: http.StatusServiceUnavailable})
	_, err := c.Raw(sonzai.WithMaxRetries(0)).GetMoodWithResponse(ctx, sonzaitest.DemoAgentID, nil)
	if !errors.Is(err, sonzai.ErrServer) || fake.Requests("getMood") != 1 {
		t.Fatalf("WithMaxRetries(0): err %v after %d requests", err, fake.Requests("getMood"))
	}
	// An invalid option fails every call, before anything is sent.
	_, err = c.Raw(sonzai.WithMaxRetries(-1)).GetMoodWithResponse(ctx, sonzaitest.DemoAgentID, nil)
	if !errors.Is(err, sonzai.ErrInvalidArgument) || fake.Requests("getMood") != 1 {
		t.Fatalf("WithMaxRetries(-1): err %v after %d requests", err, fake.Requests("getMood"))
	}
	// A per-call option does not change the client's own Raw.
	fake.Inject(sonzaitest.Fault{Operation: "getMood", Status: http.StatusServiceUnavailable})
	if _, err := c.Raw().GetMoodWithResponse(ctx, sonzaitest.DemoAgentID, nil); err != nil {
		t.Fatal(err)
	}
}

func TestRawSendsTheClientsHeaders(t *testing.T) {
	var got http.Header
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, 200, map[string]any{"mood": map[string]any{}})
	}), sonzai.WithHeader("X-Trace", "t1"), sonzai.WithUserAgentSuffix("app/1"))
	if _, err := c.Raw().GetMoodWithResponse(context.Background(), "a", nil); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer "+testKey || got.Get("X-Trace") != "t1" ||
		!strings.HasPrefix(got.Get("User-Agent"), "sonzai-go/") || !strings.HasSuffix(got.Get("User-Agent"), " app/1") {
		t.Errorf("headers = %v", got)
	}
}

func TestRawAttemptTimeout(t *testing.T) {
	fake, c := rawFake(t, sonzai.WithAttemptTimeout(50*time.Millisecond), sonzai.WithMaxRetries(0))
	fake.Inject(sonzaitest.Fault{Operation: "getMood", Latency: time.Minute})
	_, err := c.Raw().GetMoodWithResponse(context.Background(), sonzaitest.DemoAgentID, nil)
	if !errors.Is(err, sonzai.ErrAttemptTimeout) {
		t.Fatalf("err = %v, want ErrAttemptTimeout", err)
	}
}

// A multipart upload whose body can be read only once is never sent twice,
// even on a 429 that would otherwise be retried.
func TestRawUploadIsNotResent(t *testing.T) {
	fake, c := rawFake(t)
	var form bytes.Buffer
	w := multipart.NewWriter(&form)
	part, _ := w.CreateFormFile("file", "notes.txt")
	_, _ = part.Write([]byte("Mia likes hiking."))
	_ = w.Close()

	fake.Inject(sonzaitest.Fault{Operation: "kbUploadDocument", Status: http.StatusTooManyRequests, RetryAfter: "0"})
	once := io.MultiReader(bytes.NewReader(form.Bytes())) // not rewindable
	_, err := c.Raw().KbUploadDocumentWithBodyWithResponse(context.Background(), "proj-1", nil, w.FormDataContentType(), once)
	if !errors.Is(err, sonzai.ErrRateLimited) || fake.Requests("kbUploadDocument") != 1 {
		t.Fatalf("err %v after %d requests, want one 429", err, fake.Requests("kbUploadDocument"))
	}
	// A rewindable body is retried after the 429.
	fake.Inject(sonzaitest.Fault{Operation: "kbUploadDocument", Status: http.StatusTooManyRequests, RetryAfter: "0"})
	reply, err := c.Raw().KbUploadDocumentWithBodyWithResponse(context.Background(), "proj-1", nil, w.FormDataContentType(), bytes.NewReader(form.Bytes()))
	if err != nil || reply.JSON200 == nil {
		t.Fatalf("rewindable upload: %v", err)
	}
	if n := fake.Requests("kbUploadDocument"); n != 3 {
		t.Errorf("%d requests in all, want 3", n)
	}
}

func TestRawLogsWithoutTheKey(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fake, c := rawFake(t, sonzai.WithLogger(logger))
	if _, err := c.Raw().GetMoodWithResponse(context.Background(), sonzaitest.DemoAgentID, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "op=getMood") {
		t.Errorf("no record names the operation:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), fake.APIKey()) {
		t.Error("the logs show the API key")
	}
}

// A request editor cannot send the API key to another origin.
func TestRawKeepsTheKeyOnItsOrigin(t *testing.T) {
	var hits atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(elsewhere.Close)
	_, c := rawFake(t)
	redirect := func(_ context.Context, req *http.Request) error {
		u, _ := url.Parse(elsewhere.URL)
		req.URL.Host = u.Host
		return nil
	}
	_, err := c.Raw().GetMoodWithResponse(context.Background(), sonzaitest.DemoAgentID, nil, redirect)
	if !errors.Is(err, sonzai.ErrInvalidArgument) || hits.Load() != 0 {
		t.Fatalf("err %v, %d requests elsewhere; want a refusal and none", err, hits.Load())
	}
}

// A path parameter of "", "." or ".." is refused before anything is sent.
// The generated builder once resolved the path as a URL reference, which
// removed such a segment: DeleteAgent(ctx, "..") went out as
// DELETE /api/v1/ and GetMood(ctx, ".") as GET /api/v1/agents/mood, which is
// getAgent of an agent named "mood".
func TestRawRefusesDotAndEmptyPathParameters(t *testing.T) {
	var hits atomic.Int64
	var open atomic.Bool // set once the refused values have been tried
	paths := make(chan string, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if !open.Load() {
			t.Errorf("server reached: %s %s", r.Method, r.URL.RequestURI())
		}
		paths <- r.URL.EscapedPath()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c, err := sonzai.NewClient(sonzai.WithAPIKey("sk_test_key"), sonzai.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	user := "u1"
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Raw().DeleteAgentWithResponse(ctx, id)
		var verr *sonzai.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("DeleteAgent(%q): err %v, want a *ValidationError", id, err)
		}
		_, err = c.Raw().GetMoodWithResponse(ctx, id, &gen.GetMoodParams{UserId: &user})
		if !errors.As(err, &verr) {
			t.Errorf("GetMood(%q): err %v, want a *ValidationError", id, err)
		}
		// In a later segment too: the fact id of a fact's history.
		_, err = c.Raw().GetFactHistoryWithResponse(ctx, "agent-1", id)
		if !errors.As(err, &verr) {
			t.Errorf("GetFactHistory(agent-1, %q): err %v, want a *ValidationError", id, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("%d requests reached the server", hits.Load())
	}
	open.Store(true)
	// Values that merely contain dots, or an escaped dot, are ordinary ids,
	// escaped whole into their own segment.
	for id, want := range map[string]string{
		"a.b":    "/api/v1/agents/a.b",
		"...":    "/api/v1/agents/...",
		"%2e%2e": "/api/v1/agents/%252e%252e",
		"a/..":   "/api/v1/agents/a%2F..",
	} {
		if _, err := c.Raw().DeleteAgentWithResponse(ctx, id); err != nil {
			t.Errorf("DeleteAgent(%q): %v", id, err)
			continue
		}
		if got := <-paths; got != want {
			t.Errorf("DeleteAgent(%q) sent %s, want %s", id, got, want)
		}
	}
	if hits.Load() != 4 {
		t.Fatalf("%d requests reached the server, want 4", hits.Load())
	}
}

// heldBody is a response body that holds the whole answer and offers it
// through gen.ReplyBody; reading it instead is a failure.
type heldBody struct{ b []byte }

func (h *heldBody) Read([]byte) (int, error) {
	return 0, errors.New("read: the parser should have taken the held bytes")
}
func (h *heldBody) Close() error      { return nil }
func (h *heldBody) ReplyBody() []byte { return h.b }

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// The generated parsers take a body that already holds the answer without
// reading it (the SDK's Raw bodies do), and read any other body whole.
func TestGeneratedParserTakesAHeldBody(t *testing.T) {
	const answer = `{"mood":{"agent_id":"agent-1","label":"calm","valence":0.25}}`
	for _, held := range []bool{true, false} {
		doer := doerFunc(func(r *http.Request) (*http.Response, error) {
			var body io.ReadCloser = io.NopCloser(strings.NewReader(answer))
			if held {
				body = &heldBody{b: []byte(answer)}
			}
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: body, Request: r}, nil
		})
		c, err := gen.NewClientWithResponses("https://api.example.com/api/v1", gen.WithHTTPClient(doer))
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.GetMoodWithResponse(context.Background(), "agent-1", nil)
		if err != nil {
			t.Fatalf("held %v: %v", held, err)
		}
		if r.JSON200 == nil || r.JSON200.Mood.Label != "calm" || string(r.Body) != answer {
			t.Fatalf("held %v: got %+v, body %q", held, r.JSON200, r.Body)
		}
	}
}

// A header value net/http cannot send (a CR, LF, NUL or DEL in a header
// parameter or the content type) is refused at once as a *ValidationError.
// net/http's own refusal looked like a transport failure: the call was
// retried with backoff, and failed a second later with no field named.
func TestRawRefusesAHeaderValueThatCannotBeSent(t *testing.T) {
	var hits atomic.Int64
	agents := make(chan string, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		agents <- r.Header.Get("X-Agent-Id")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"success":true}`)
	}))
	t.Cleanup(srv.Close)
	c, err := sonzai.NewClient(sonzai.WithAPIKey("sk_test_key"), sonzai.WithBaseURL(srv.URL), sonzai.WithRetryBackoff(time.Second, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	send := func(agent, contentType string) error {
		_, err := c.Raw().KbAgentDeleteNodeWithBodyWithResponse(ctx, "p1", "n1", &gen.KbAgentDeleteNodeParams{XAgentId: &agent}, contentType, strings.NewReader("{}"))
		return err
	}
	for _, tc := range []struct{ agent, contentType string }{
		{"a1\r\nX-Injected: 1", "application/json"},
		{"a1\nb", "application/json"},
		{"a1\x00", "application/json"},
		{"a1\x7f", "application/json"},
		{"a1", "application/json\r\nX-Injected: 1"},
	} {
		start := time.Now()
		err := send(tc.agent, tc.contentType)
		var verr *sonzai.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("X-Agent-Id %q, Content-Type %q: err %v, want a *ValidationError", tc.agent, tc.contentType, err)
		}
		if d := time.Since(start); d > 400*time.Millisecond {
			t.Errorf("X-Agent-Id %q, Content-Type %q: refused after %v: retried", tc.agent, tc.contentType, d)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("%d requests reached the server", hits.Load())
	}
	// A tab and non-ASCII text are sent as they are.
	for _, agent := range []string{"a\t1", "agent-ü"} {
		if err := send(agent, "application/json"); err != nil {
			t.Errorf("X-Agent-Id %q: %v", agent, err)
			continue
		}
		if got := <-agents; got != agent {
			t.Errorf("X-Agent-Id %q arrived as %q", agent, got)
		}
	}
}

// A server URL given to package gen with a query or fragment (which the
// Client's Server field documents it should not have) still sends each
// operation to its own path: the builders before our template resolved the
// path against the server URL, which dropped its query; joined as text, the
// path went into the query and the request to the server URL's own path
// (DeleteAgent became DELETE /api/v1/).
func TestGeneratedBuilderKeepsThePathAfterAServerQuery(t *testing.T) {
	for _, server := range []string{
		"https://api.example.com/api/v1/?code=k1",
		"https://api.example.com/api/v1?code=k1",
		"https://api.example.com/api/v1/#top",
	} {
		req, err := gen.NewDeleteAgentRequest(server, "a1")
		if err != nil {
			t.Fatalf("%s: %v", server, err)
		}
		if got := req.URL.EscapedPath(); got != "/api/v1/agents/a1" {
			t.Errorf("%s: DeleteAgent went to %s (query %q), want /api/v1/agents/a1", server, got, req.URL.RawQuery)
		}
	}
}
