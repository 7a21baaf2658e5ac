package sonzai_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// testKey is the API key every test client sends.
const testKey = "sk_test_0123456789secret"

// newTestServer starts a loopback server and a client pointed at it, with
// millisecond retry backoff so retry tests run fast. Extra options are
// applied after the defaults.
func newTestServer(t *testing.T, h http.Handler, opts ...sonzai.Option) (*sonzai.Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	base := []sonzai.Option{
		sonzai.WithAPIKey(testKey),
		sonzai.WithBaseURL(srv.URL),
		sonzai.WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
	}
	c, err := sonzai.NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, srv
}

// writeJSON answers with status and v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeProblem answers with a problem+json body.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"title": http.StatusText(status), "status": status, "detail": detail,
	})
}

// decodeBody reads a request's JSON body into a generic map.
func decodeBody(t *testing.T, r *http.Request) map[string]any {
	t.Helper()
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading request body: %v", err)
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Errorf("request body is not a JSON object: %v: %s", err, raw)
	}
	return m
}

// counter counts the requests a handler receives.
type counter struct{ total atomic.Int64 }

func (c *counter) wrap(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.total.Add(1)
		h(w, r)
	}
}
