package sonzaitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"go.uber.org/goleak"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// harness is a fake served behind a recorder: when the test ends, every
// response the fake sent is validated against openapi.yaml (read from the
// repository, not the copy embedded in gen/spec), and every chat stream
// frame against the ChatSSEChunk schema.
type harness struct {
	t      *testing.T
	fake   *Server
	client *sonzai.Client
	url    string // origin of the recorded server
	http   *http.Client
	rec    *recorder
}

func newHarness(t *testing.T, opts ...Option) *harness {
	t.Helper()
	fake := NewServer(t, opts...)
	rec := &recorder{}
	ts := httptest.NewServer(rec.wrap(fake.Handler()))
	t.Cleanup(func() {
		fake.Close() // ends streams still running, so ts.Close does not wait on them
		ts.Close()
		for _, err := range rec.verify() {
			t.Error(err)
		}
	})
	h := &harness{t: t, fake: fake, url: ts.URL, http: ts.Client(), rec: rec}
	h.client = h.newClient()
	return h
}

// newClient is a client of the recorded server with fast retries.
func (h *harness) newClient(opts ...sonzai.Option) *sonzai.Client {
	h.t.Helper()
	all := append([]sonzai.Option{
		sonzai.WithBaseURL(h.url), sonzai.WithAPIKey(h.fake.APIKey()), sonzai.WithHTTPClient(h.http),
		sonzai.WithRetryBackoff(5*time.Millisecond, 20*time.Millisecond),
	}, opts...)
	c, err := sonzai.NewClient(all...)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// raw sends a request as is (the SDK would refuse invalid ones before
// sending) and returns the status, headers and body.
func (h *harness) raw(method, path, body string) (int, http.Header, []byte) {
	h.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.url+apiPrefix+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+h.fake.APIKey())
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.http.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// exchange is one recorded response.
type exchange struct {
	req    *http.Request
	status int
	header http.Header
	body   []byte
}

type recorder struct {
	mu   sync.Mutex
	list []*exchange
}

func (rc *recorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &recordingWriter{ResponseWriter: w}
		ex := &exchange{req: r.Clone(context.Background())}
		defer func() {
			ex.status, ex.header, ex.body = rw.status, w.Header().Clone(), rw.buf.Bytes()
			rc.mu.Lock()
			rc.list = append(rc.list, ex)
			rc.mu.Unlock()
		}()
		next.ServeHTTP(rw, r)
	})
}

type recordingWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *recordingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.buf.Write(p[:n])
	return n, err
}

func (w *recordingWriter) Flush()                      { _ = http.NewResponseController(w.ResponseWriter).Flush() }
func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// contract is openapi.yaml, loaded once.
var contract = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromFile("../../openapi.yaml")
	if err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: apiPrefix}}
	return doc, nil
})

// verify checks every recorded response and returns what breaks the
// contract.
func (rc *recorder) verify() []error {
	doc, err := contract()
	if err != nil {
		return []error{fmt.Errorf("loading openapi.yaml: %v", err)}
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return []error{err}
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var errs []error
	for _, ex := range rc.list {
		if ex.status == 0 {
			continue // the connection was reset before an answer
		}
		if err := checkExchange(doc, router, ex); err != nil {
			errs = append(errs, fmt.Errorf("response to %s %s (%d) breaks the contract: %v\nbody: %s",
				ex.req.Method, ex.req.URL, ex.status, err, excerpt(ex.body)))
		}
	}
	return errs
}

func excerpt(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func checkExchange(doc *openapi3.T, router routers.Router, ex *exchange) error {
	ct := ex.header.Get("Content-Type")
	if ex.status >= 400 && ct != "application/problem+json" {
		return fmt.Errorf("an error answered with Content-Type %q", ct)
	}
	route, params, err := router.FindRoute(ex.req)
	if err != nil {
		// No operation (404/405 outside the contract's paths): still a problem.
		return visitSchema(doc, "ErrorModel", ex.body)
	}
	op := route.Operation
	declared := op.Responses.Status(ex.status)
	if declared == nil {
		declared = op.Responses.Default()
	}
	switch {
	case declared == nil && ct == "application/problem+json":
		// asyncChat declares no default response; its failures are
		// problems like every other operation's.
		return visitSchema(doc, "ErrorModel", ex.body)
	case declared == nil:
		return fmt.Errorf("status %d is not declared for %s", ex.status, op.OperationID)
	case op.OperationID == "asyncChat" && ex.status == http.StatusAccepted:
		// The contract declares no body for 202; the server (and the SDK)
		// send AsyncChatStartOutputBody, so that is what it must be.
		return visitSchema(doc, "AsyncChatStartOutputBody", ex.body)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	stream := strings.HasPrefix(ct, "text/event-stream")
	if stream {
		// openapi3filter cannot decode text/event-stream: the frames are
		// checked one by one below, the status and headers here.
		opts.ExcludeResponseBody = true
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: ex.req, PathParams: params, Route: route},
		Status:                 ex.status,
		Header:                 ex.header,
		Body:                   io.NopCloser(bytes.NewReader(ex.body)),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return err
	}
	if stream {
		return checkFrames(doc, ex.body)
	}
	return nil
}

// checkFrames validates each complete SSE frame of a chat stream against
// ChatSSEChunk, except the final [DONE].
//
// The fake sends three fields the schema does not declare, as the server
// does: usage and continuation_token on the terminal frame (the one whose
// choice has a finish_reason) and delta.role on the first delta. Rather
// than loosening the schema (additionalProperties: true would let any
// stray field through), those three fields are removed where they are
// expected, and the rest of the frame must then match the schema exactly.
func checkFrames(doc *openapi3.T, body []byte) error {
	frames := strings.Split(string(body), "\n\n")
	frames = frames[:len(frames)-1] // the last piece is incomplete (or empty)
	for i, f := range frames {
		data, ok := strings.CutPrefix(f, "data: ")
		if !ok || strings.Contains(data, "\n") {
			return fmt.Errorf("frame %d is not a single data line: %q", i, f)
		}
		if data == "[DONE]" {
			if i != len(frames)-1 {
				return fmt.Errorf("[DONE] is frame %d of %d", i, len(frames))
			}
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return fmt.Errorf("frame %d: %v", i, err)
		}
		if choices, ok := v["choices"].([]any); ok {
			for _, c := range choices {
				choice, _ := c.(map[string]any)
				if _, terminal := choice["finish_reason"]; terminal {
					delete(v, "usage")
					delete(v, "continuation_token")
				}
				if delta, ok := choice["delta"].(map[string]any); ok && delta["role"] == "assistant" {
					delete(delta, "role")
				}
			}
		}
		if err := doc.Components.Schemas["ChatSSEChunk"].Value.VisitJSON(v); err != nil {
			return fmt.Errorf("frame %d (%s): %v", i, data, err)
		}
	}
	return nil
}

func visitSchema(doc *openapi3.T, name string, body []byte) error {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return doc.Components.Schemas[name].Value.VisitJSON(v)
}

// problemOf decodes a problem body, failing the test when it is not one.
func problemOf(t *testing.T, header http.Header, body []byte) problem {
	t.Helper()
	if ct := header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json (body %s)", ct, body)
	}
	var p problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body %s: %v", body, err)
	}
	return p
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestHarnessCatchesViolations makes sure the response checks above can
// fail: each of these responses breaks the contract in one way.
func TestHarnessCatchesViolations(t *testing.T) {
	doc, err := contract()
	if err != nil {
		t.Fatal(err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	sse := http.Header{"Content-Type": {"text/event-stream"}}
	problemJSON := http.Header{"Content-Type": {"application/problem+json"}}
	terminal := `data: {"choices":[{"delta":{},"index":0,"finish_reason":"stop"}],"usage":{"total_tokens":3},"continuation_token":"ct_1"}` + "\n\n"
	cases := []struct {
		name, method, path string
		status             int
		header             http.Header
		body               string
		ok                 bool
	}{
		{"valid mood list", "GET", "/api/v1/agents/a/goals", 200, jsonCT, `{"goals":[]}`, true},
		{"undeclared field", "GET", "/api/v1/agents/a/goals", 200, jsonCT, `{"goals":[],"extra":1}`, false},
		{"missing required field", "GET", "/api/v1/agents/a/mood", 200, jsonCT, `{"mood":{"agent_id":"a"}}`, false},
		{"wrong enum", "GET", "/api/v1/agents/a/turns/e/status", 200, jsonCT, `{"extraction_id":"e","state":"finished"}`, false},
		{"error that is not a problem", "GET", "/api/v1/agents/a/goals", 500, jsonCT, `{"title":"x"}`, false},
		{"valid problem", "GET", "/api/v1/agents/a/goals", 404, problemJSON, `{"title":"Not Found","status":404}`, true},
		{"problem with an undeclared field", "GET", "/api/v1/agents/a/goals", 404, problemJSON, `{"title":"Not Found","code":7}`, false},
		{"202 without processing_id", "POST", "/api/v1/agents/a/chat/async", 202, jsonCT, `{"status":"queued"}`, false},
		{"valid stream", "POST", "/api/v1/agents/a/chat", 200, sse,
			`data: {"choices":[{"delta":{"role":"assistant","content":"Hi"},"index":0}]}` + "\n\n" + terminal + "data: [DONE]\n\n", true},
		{"stream frame with an undeclared field", "POST", "/api/v1/agents/a/chat", 200, sse,
			`data: {"type":"phase","phase":"planning","extra":true}` + "\n\n", false},
		{"usage outside the terminal frame", "POST", "/api/v1/agents/a/chat", 200, sse,
			`data: {"choices":[{"delta":{"content":"Hi"},"index":0}],"usage":{}}` + "\n\n", false},
		{"delta with an undeclared field", "POST", "/api/v1/agents/a/chat", 200, sse,
			`data: {"choices":[{"delta":{"content":"Hi","tool":"x"},"index":0}]}` + "\n\n", false},
		{"frames after [DONE]", "POST", "/api/v1/agents/a/chat", 200, sse, "data: [DONE]\n\n" + terminal, false},
	}
	for _, tc := range cases {
		ex := &exchange{req: httptest.NewRequest(tc.method, tc.path, nil), status: tc.status, header: tc.header, body: []byte(tc.body)}
		err := checkExchange(doc, router, ex)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
