package sonzai_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestNewClientConfiguration(t *testing.T) {
	t.Setenv(sonzai.EnvAPIKey, "")
	t.Setenv(sonzai.EnvBaseURL, "")

	if _, err := sonzai.NewClient(); !errors.Is(err, sonzai.ErrInvalidArgument) || !strings.Contains(err.Error(), "SONZAI_API_KEY") {
		t.Errorf("no key: got %v, want an invalid-argument error naming SONZAI_API_KEY", err)
	}
	bad := map[string]string{
		"not a URL":         "::nope",
		"no scheme":         "api.sonz.ai",
		"ftp":               "ftp://api.sonz.ai",
		"credentials":       "https://user:pw@api.sonz.ai",
		"query":             "https://api.sonz.ai/?x=1",
		"plain http remote": "http://api.sonz.ai",
		// Every request would carry these segments, which a server or
		// proxy normalizes away (and the transport refuses).
		"empty segment": "https://proxy.example//sonzai",
		"dot segment":   "https://proxy.example/sonzai/./x",
		"dot-dot":       "https://proxy.example/sonzai/../x",
	}
	for name, u := range bad {
		_, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(u))
		if !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("%s (%q): got %v, want ErrInvalidArgument", name, u, err)
		}
		if err != nil && strings.Contains(err.Error(), "pw@") {
			t.Errorf("%s: error leaks URL credentials: %v", name, err)
		}
	}
	for _, o := range []sonzai.Option{
		sonzai.WithHeader("X-Evil", "a\r\nInjected: 1"),
		sonzai.WithHeader("Bad Name", "v"),
		sonzai.WithHeader("Authorization", "Bearer other"),
		sonzai.WithUserAgentSuffix("app\n2"),
		// Control characters net/http refuses to send: every call would
		// fail, after its retries.
		sonzai.WithHeader("X-Trace", "t\x01"),
		sonzai.WithHeader("X-Trace", "t\x7f"),
		sonzai.WithUserAgentSuffix("app\x1b[2"),
		sonzai.WithMaxRetries(-1),
		sonzai.WithHTTPClient(nil),
	} {
		if _, err := sonzai.NewClient(sonzai.WithAPIKey("k"), o); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("invalid option accepted: %v", err)
		}
	}
	if _, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL("http://remote.example"), sonzai.WithInsecureHTTP()); err != nil {
		t.Errorf("WithInsecureHTTP should allow plain http: %v", err)
	}

	// The environment supplies defaults; options win.
	var gotPath, gotAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotAuth = r.URL.EscapedPath(), r.Header.Get("Authorization")
		writeJSON(w, 200, map[string]any{"success": true})
	}))
	defer srv.Close()
	t.Setenv(sonzai.EnvAPIKey, "sk_from_env")
	t.Setenv(sonzai.EnvBaseURL, srv.URL+"/sonzai/")
	c, err := sonzai.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Notifications.Consume(context.Background(), "a", "m"); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/sonzai/api/v1/agents/a/notifications/m/consume" || gotAuth != "Bearer sk_from_env" {
		t.Errorf("env defaults: path %q auth %q", gotPath, gotAuth)
	}
	c, _ = sonzai.NewClient(sonzai.WithAPIKey("sk_option"), sonzai.WithBaseURL(srv.URL+"/api/v1"))
	if err := c.Notifications.Consume(context.Background(), "a", "m"); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/api/v1/agents/a/notifications/m/consume" || gotAuth != "Bearer sk_option" {
		t.Errorf("options: path %q auth %q", gotPath, gotAuth)
	}
}

func TestHeadersSentOnEveryRequest(t *testing.T) {
	var got http.Header
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, 200, map[string]any{"success": true})
	}), sonzai.WithHeader("X-Tenant", "acme"), sonzai.WithUserAgentSuffix("myapp/1.2"))
	if err := c.Notifications.Consume(context.Background(), "a", "m", sonzai.WithHeader("X-Trace", "t1")); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer "+testKey {
		t.Errorf("Authorization = %q", got.Get("Authorization"))
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "sonzai-go/"+sonzai.Version) || !strings.HasSuffix(ua, " myapp/1.2") {
		t.Errorf("User-Agent = %q", ua)
	}
	if got.Get("X-Tenant") != "acme" || got.Get("X-Trace") != "t1" {
		t.Errorf("extra headers missing: %v", got)
	}
}

func TestProblemJSONDecodedIntoAPIError(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("X-Request-Id", "req-42")
		w.WriteHeader(422)
		fmt.Fprint(w, `{"$schema":"x","type":"https://example.com/errors/validation","title":"Unprocessable Entity",
			"status":422,"detail":"validation failed","instance":"https://example.com/log/1",
			"errors":[{"location":"body.messages[0].role","message":"expected one of user, assistant","value":"robot"},
			          {"location":"body.userId","message":"required","value":null}]}`)
	}))
	err := c.Notifications.Consume(context.Background(), "a", "m")
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %T %v, want *APIError", err, err)
	}
	want := sonzai.APIError{
		StatusCode: 422, Operation: "consumeNotification", Method: "POST",
		Path: "/api/v1/agents/a/notifications/m/consume",
		Type: "https://example.com/errors/validation", Title: "Unprocessable Entity",
		Detail: "validation failed", Instance: "https://example.com/log/1", RequestID: "req-42",
	}
	got := *apiErr
	got.Errors = nil
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("APIError\n got %+v\nwant %+v", got, want)
	}
	if len(apiErr.Errors) != 2 || apiErr.Errors[0].Location != "body.messages[0].role" ||
		apiErr.Errors[0].Message != "expected one of user, assistant" || apiErr.Errors[0].Value != "robot" ||
		apiErr.Errors[1].Location != "body.userId" || apiErr.Errors[1].Value != nil {
		t.Errorf("Errors = %+v", apiErr.Errors)
	}
	if !errors.Is(err, sonzai.ErrInvalidRequest) || errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("errors.Is mapping wrong for 422")
	}
	for _, s := range []string{"422", "validation failed", "body.messages[0].role", "req-42"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("Error() = %q, missing %q", err.Error(), s)
		}
	}
}

func TestStatusSentinels(t *testing.T) {
	cases := map[int]error{
		400: sonzai.ErrInvalidRequest, 401: sonzai.ErrUnauthorized, 403: sonzai.ErrForbidden,
		404: sonzai.ErrNotFound, 409: sonzai.ErrConflict, 429: sonzai.ErrRateLimited, 500: sonzai.ErrServer, 503: sonzai.ErrServer,
	}
	for status, want := range cases {
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeProblem(w, status, "nope")
		}), sonzai.WithMaxRetries(0))
		_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
		if !errors.Is(err, want) {
			t.Errorf("status %d: %v is not %v", status, err, want)
		}
	}
}

func TestNonJSONErrorBodies(t *testing.T) {
	html := `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>`
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		fmt.Fprint(w, html)
	}), sonzai.WithMaxRetries(0))
	_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || apiErr.Body != "502 Bad Gateway" {
		t.Fatalf("HTML 502: got %#v", apiErr)
	}
	if !errors.Is(err, sonzai.ErrServer) || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Errorf("HTML 502 error = %v", err)
	}

	// A huge plain-text body is read only in part and summarised briefly.
	c, _ = newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(500)
		_, _ = w.Write(bytes.Repeat([]byte("overloaded "), 200_000))
	}), sonzai.WithMaxRetries(0))
	_, err = c.Sessions.TurnStatus(context.Background(), "a", "x")
	if !errors.As(err, &apiErr) || len(apiErr.Body) > 600 || !strings.HasPrefix(apiErr.Body, "overloaded overloaded") {
		t.Errorf("large text body: got %d bytes %q", len(apiErr.Body), apiErr.Body[:min(40, len(apiErr.Body))])
	}
}

func TestRetryAfterBothForms(t *testing.T) {
	date := time.Now().Add(3 * time.Minute).UTC().Format(http.TimeFormat)
	for name, header := range map[string]string{"seconds": "120", "http-date": date} {
		var n atomic.Int64
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", header)
			writeProblem(w, 429, "slow down")
		}), sonzai.WithMaxRetryWait(time.Second))
		start := time.Now()
		_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
		var apiErr *sonzai.APIError
		if !errors.As(err, &apiErr) || !errors.Is(err, sonzai.ErrRateLimited) {
			t.Fatalf("%s: got %v", name, err)
		}
		low, high := 119*time.Second, 121*time.Second
		if name == "http-date" {
			low, high = 170*time.Second, 181*time.Second
		}
		if apiErr.RetryAfter < low || apiErr.RetryAfter > high {
			t.Errorf("%s: RetryAfter = %s, want within [%s, %s]", name, apiErr.RetryAfter, low, high)
		}
		// A hint longer than WithMaxRetryWait is not slept on: one request, no wait.
		if n.Load() != 1 || time.Since(start) > 5*time.Second {
			t.Errorf("%s: %d requests in %s, want 1 and no wait", name, n.Load(), time.Since(start))
		}
	}

	// A short hint is honored: the retry comes after it.
	var n atomic.Int64
	var first time.Time
	var gap time.Duration
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			writeProblem(w, 429, "slow down")
			return
		}
		gap = time.Since(first)
		writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "done"})
	}))
	if _, err := c.Sessions.TurnStatus(context.Background(), "a", "x"); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 || gap < 950*time.Millisecond {
		t.Errorf("Retry-After: 1 → %d requests, retry after %s", n.Load(), gap)
	}
}

func TestRetryNeverSleepsPastTheDeadline(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "5")
		writeProblem(w, 503, "maintenance")
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Sessions.TurnStatus(ctx, "a", "x")
	if !errors.Is(err, sonzai.ErrServer) || n.Load() != 1 || time.Since(start) > 3*time.Second {
		t.Errorf("got %v after %d requests in %s; want the 503 at once", err, n.Load(), time.Since(start))
	}
}

func TestIdempotentCallsRetryTransientStatuses(t *testing.T) {
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		var n atomic.Int64
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) <= 2 {
				writeProblem(w, status, "transient")
				return
			}
			writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "running"})
		}))
		st, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
		if err != nil || st.State != sonzai.ExtractionRunning || n.Load() != 3 {
			t.Errorf("status %d: got %v %v after %d requests, want success after 3", status, st, err, n.Load())
		}
	}
	// Default 2 retries: a persistent 503 is tried three times, then reported.
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeProblem(w, 503, "down")
	}))
	if _, err := c.Sessions.TurnStatus(context.Background(), "a", "x"); !errors.Is(err, sonzai.ErrServer) || n.Load() != 3 {
		t.Errorf("persistent 503: %v after %d requests", err, n.Load())
	}
	// 4xx other than 408/429 are not retried.
	n.Store(0)
	c, _ = newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeProblem(w, 404, "no such extraction")
	}))
	if _, err := c.Sessions.TurnStatus(context.Background(), "a", "x"); !errors.Is(err, sonzai.ErrNotFound) || n.Load() != 1 {
		t.Errorf("404: %v after %d requests", err, n.Load())
	}
}

// A POST that the server may have processed is never sent twice.
func TestPostIsNeverSentTwice(t *testing.T) {
	type call struct {
		name string
		do   func(c *sonzai.Client) error
	}
	msgs := []sonzai.Message{sonzai.UserMessage("hi"), sonzai.AssistantMessage("hello")}
	calls := []call{
		{"turn", func(c *sonzai.Client) error {
			s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
			_, err := s.Turn(context.Background(), sonzai.TurnParams{Messages: msgs})
			return err
		}},
		{"process", func(c *sonzai.Client) error {
			_, err := c.Agents.Process(context.Background(), "a", sonzai.ProcessParams{UserID: "u", Messages: msgs})
			return err
		}},
		{"end", func(c *sonzai.Client) error {
			s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
			_, err := s.EndAsync(context.Background(), sonzai.EndParams{})
			return err
		}},
	}
	faults := map[string]http.HandlerFunc{
		"500": func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "boom") },
		"503": func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 503, "busy") },
		"502 html": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><title>Bad Gateway</title></html>")
		},
		"connection closed after the request": func(w http.ResponseWriter, r *http.Request) {
			_, _ = r.Body.Read(make([]byte, 1<<16))
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		},
	}
	for _, cl := range calls {
		for fname, fault := range faults {
			var n atomic.Int64
			c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				fault(w, r)
			}))
			if err := cl.do(c); err == nil {
				t.Errorf("%s / %s: no error", cl.name, fname)
			}
			if n.Load() != 1 {
				t.Errorf("%s / %s: the server received %d requests, want exactly 1", cl.name, fname, n.Load())
			}
		}
	}
}

// A POST is retried when the server provably did not act on it: 429, or a
// connection that failed before the request was written.
func TestPostRetriedWhenProvablyUnprocessed(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeProblem(w, 429, "slow down")
			return
		}
		writeJSON(w, 200, map[string]any{"success": true})
	}))
	if err := c.Notifications.Consume(context.Background(), "a", "m"); err != nil || n.Load() != 2 {
		t.Errorf("429 then 200: %v after %d requests", err, n.Load())
	}

	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		writeJSON(w, 200, map[string]any{"success": true})
	}))
	defer srv.Close()
	rt := &failFirstDial{next: http.DefaultTransport}
	c, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(srv.URL),
		sonzai.WithHTTPClient(&http.Client{Transport: rt}), sonzai.WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Notifications.Consume(context.Background(), "a", "m"); err != nil {
		t.Fatalf("dial failure then success: %v", err)
	}
	if rt.attempts.Load() != 2 || served.Load() != 1 {
		t.Errorf("attempts %d, served %d; want 2 attempts and 1 request served", rt.attempts.Load(), served.Load())
	}
}

// failFirstDial fails its first round trip the way a refused connection
// does: before anything is written.
type failFirstDial struct {
	next     http.RoundTripper
	attempts atomic.Int64
}

func (f *failFirstDial) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.attempts.Add(1) == 1 {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return f.next.RoundTrip(r)
}

func TestContextAndAttemptTimeouts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Sessions.TurnStatus(ctx, "a", "x")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("context deadline: %v after %s", err, time.Since(start))
	}

	n.Store(0)
	_, err = c.Sessions.TurnStatus(context.Background(), "a", "x", sonzai.WithAttemptTimeout(50*time.Millisecond))
	if !errors.Is(err, sonzai.ErrAttemptTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("attempt timeout: got %v", err)
	}
	if n.Load() != 3 {
		t.Errorf("a GET that times out per attempt is retried: %d attempts, want 3", n.Load())
	}
}

func TestPathParametersStayInTheirSegment(t *testing.T) {
	var got []string
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.EscapedPath())
		writeJSON(w, 200, map[string]any{"success": true, "extraction_id": "e", "extraction_status": "queued"})
	}))
	s, err := c.Sessions.Resume("My Agent/v2", sonzai.StartParams{UserID: "u", SessionID: "s?x=1#f"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Turn(context.Background(), sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Notifications.Consume(context.Background(), "ü 100%", "../../x"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/api/v1/agents/My%20Agent%2Fv2/sessions/s%3Fx=1%23f/turn",
		"/api/v1/agents/%C3%BC%20100%25/notifications/..%2F..%2Fx/consume",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paths\n got %q\nwant %q", got, want)
	}
	for _, id := range []string{"", ".", ".."} {
		if err := c.Notifications.Consume(context.Background(), id, "m"); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("agent id %q: got %v, want ErrInvalidArgument", id, err)
		}
	}
	if len(got) != 2 {
		t.Errorf("rejected ids reached the server: %q", got[2:])
	}
}

func TestConnectionsAreReused(t *testing.T) {
	var conns atomic.Int64
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			writeProblem(w, 404, "every tenth call fails") // error bodies must be drained too
			return
		}
		writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "done", "padding": strings.Repeat("x", 2000)})
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(srv.URL), sonzai.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
		if err != nil && !errors.Is(err, sonzai.ErrNotFound) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if got := conns.Load(); got > 2 {
		t.Errorf("1000 sequential calls opened %d connections, want at most 2", got)
	}
}

func TestAPIKeyNeverPrintedOrLogged(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			writeProblem(w, 503, "retry me")
		case 2:
			writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "done"})
		default:
			writeProblem(w, 401, "bad key "+r.Header.Get("Authorization")[:3])
		}
	}), sonzai.WithLogger(logger))

	_, err1 := c.Sessions.TurnStatus(context.Background(), "a", "x")
	_, err2 := c.Sessions.TurnStatus(context.Background(), "a", "x")
	var printed []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		printed = append(printed, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c))
	}
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("client", "c", c)
	all := strings.Join(append(printed, logs.String(), fmt.Sprint(err1), fmt.Sprint(err2)), "\n")
	if err1 != nil || err2 == nil || !strings.Contains(logs.String(), "retrying") {
		t.Fatalf("scenario did not run as planned: %v %v\n%s", err1, err2, logs.String())
	}
	if strings.Contains(all, testKey) || strings.Contains(all, "0123456789secret") {
		t.Errorf("the API key leaked:\n%s", all)
	}
}
