package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// receiver is a webhook.Handler on a loopback server that records the
// events its function was given.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	events []*webhook.Event
	fail   atomic.Int32 // the next n calls fail
	panics atomic.Int32 // the next n calls panic
}

func newReceiver(t *testing.T, opts ...webhook.HandlerOption) *receiver {
	t.Helper()
	rc := &receiver{}
	// The real clock: a replay guard keeps keys by it.
	v, err := webhook.NewVerifier([]string{secret})
	if err != nil {
		t.Fatal(err)
	}
	h, err := webhook.NewHandler(v, func(_ context.Context, ev *webhook.Event) error {
		if rc.panics.Add(-1) >= 0 {
			panic("handler bug")
		}
		if rc.fail.Add(-1) >= 0 {
			return errors.New("database down")
		}
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.events = append(rc.events, ev)
		return nil
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	rc.srv = httptest.NewUnstartedServer(h)
	rc.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the panic test's stack
	rc.srv.Start()
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) handled() []*webhook.Event {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]*webhook.Event(nil), rc.events...)
}

// post sends body with the given signature header and returns the status.
func (rc *receiver) post(t *testing.T, body, signature string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, rc.srv.URL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set(webhook.SignatureHeader, signature)
	}
	resp, err := rc.srv.Client().Do(req)
	if err != nil {
		return 0 // the connection broke (a panicking handler)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func signed(t int64, b string) string {
	return fmt.Sprintf("t=%d,v1=%s", t, hmacHex(key, t, b))
}

func TestHandlerDeliversVerifiedEvents(t *testing.T) {
	rc := newReceiver(t, webhook.WithEventType(webhook.EventDiaryGenerated))
	if got := rc.post(t, body, signed(time.Now().Unix(), body)); got != http.StatusOK {
		t.Fatalf("status %d, want 200", got)
	}
	plain := `{"wakeup":{"id":"w1"},"has_energy":true}`
	if got := rc.post(t, plain, signed(time.Now().Unix(), plain)); got != http.StatusOK {
		t.Fatalf("status %d, want 200", got)
	}
	evs := rc.handled()
	if len(evs) != 2 {
		t.Fatalf("%d events handled, want 2", len(evs))
	}
	if evs[0].Type != webhook.EventWakeupReady || string(evs[0].Payload) != body || time.Since(evs[0].SignedAt) > time.Minute {
		t.Errorf("first event = %+v", evs[0])
	}
	if evs[1].Type != webhook.EventDiaryGenerated || string(evs[1].Payload) != plain {
		t.Errorf("second event: type %q payload %s; want the handler's event type and the raw body", evs[1].Type, evs[1].Payload)
	}
}

func TestHandlerRejectsWhatItCannotTrust(t *testing.T) {
	rc := newReceiver(t, webhook.WithMaxBodyBytes(1024))
	old := time.Now().Add(-time.Hour).Unix()
	big := `{"x":"` + strings.Repeat("a", 2000) + `"}`
	for name, c := range map[string]struct {
		body, sig string
		want      int
	}{
		"no signature":      {body, "", http.StatusBadRequest},
		"malformed":         {body, "t=1", http.StatusBadRequest},
		"wrong signature":   {body, signed(time.Now().Unix(), body+"x"), http.StatusUnauthorized},
		"changed body":      {strings.Replace(body, "a1", "a2", 1), signed(time.Now().Unix(), body), http.StatusUnauthorized},
		"expired":           {body, signed(old, body), http.StatusUnauthorized},
		"not JSON, signed":  {"hello", signed(time.Now().Unix(), "hello"), http.StatusBadRequest},
		"too large, signed": {big, signed(time.Now().Unix(), big), http.StatusRequestEntityTooLarge},
	} {
		if got := rc.post(t, c.body, c.sig); got != c.want {
			t.Errorf("%s: status %d, want %d", name, got, c.want)
		}
	}
	resp, err := rc.srv.Client().Get(rc.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("GET: %d Allow %q, want 405 Allow POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if n := len(rc.handled()); n != 0 {
		t.Fatalf("%d rejected deliveries reached the function", n)
	}
}

// TestHandlerBoundsBodiesWithoutLength sends a chunked body with no
// Content-Length that never ends: the handler must stop at its limit.
func TestHandlerBoundsBodiesWithoutLength(t *testing.T) {
	rc := newReceiver(t, webhook.WithMaxBodyBytes(64<<10))
	pr, pw := io.Pipe()
	go func() {
		chunk := bytes.Repeat([]byte("a"), 4096)
		for {
			if _, err := pw.Write(chunk); err != nil {
				return
			}
		}
	}()
	defer pr.Close()
	req, err := http.NewRequest(http.MethodPost, rc.srv.URL, pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(webhook.SignatureHeader, signed(time.Now().Unix(), "x"))
	resp, err := rc.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
}

func TestHandlerHandlesARepeatedDeliveryOnce(t *testing.T) {
	rc := newReceiver(t, webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(0)))
	signedAt := time.Now()
	sig := signed(signedAt.Unix(), body)
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := range statuses {
		wg.Go(func() { statuses[i] = rc.post(t, body, sig) })
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("delivery %d: status %d, want 200", i, s)
		}
	}
	if n := len(rc.handled()); n != 1 {
		t.Fatalf("20 copies of one delivery were handled %d times, want once", n)
	}
	// The sender's retry is signed anew: it is a new delivery.
	later := signedAt.Add(time.Second).Unix()
	if s := rc.post(t, body, signed(later, body)); s != http.StatusOK || len(rc.handled()) != 2 {
		t.Fatalf("re-signed delivery: status %d, handled %d; want 200 and a second event", s, len(rc.handled()))
	}
}

func TestWithoutAGuardRepeatsAreHandledAgain(t *testing.T) {
	rc := newReceiver(t)
	sig := signed(time.Now().Unix(), body)
	rc.post(t, body, sig)
	rc.post(t, body, sig)
	if n := len(rc.handled()); n != 2 {
		t.Fatalf("handled %d times, want 2 (no guard was configured)", n)
	}
}

func TestAFailedDeliveryIsHandledWhenSentAgain(t *testing.T) {
	rc := newReceiver(t, webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(0)))
	sig := signed(time.Now().Unix(), body)
	rc.fail.Store(1)
	if s := rc.post(t, body, sig); s != http.StatusInternalServerError {
		t.Fatalf("failing function: status %d, want 500", s)
	}
	rc.panics.Store(1)
	if s := rc.post(t, body, sig); s == http.StatusOK {
		t.Fatalf("panicking function: status %d, want the connection to break", s)
	}
	if s := rc.post(t, body, sig); s != http.StatusOK {
		t.Fatalf("third attempt: status %d, want 200", s)
	}
	if n := len(rc.handled()); n != 1 {
		t.Fatalf("handled %d times, want 1", n)
	}
}

func TestAFullGuardAsksTheSenderToWait(t *testing.T) {
	rc := newReceiver(t, webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(1)))
	if s := rc.post(t, body, signed(time.Now().Unix(), body)); s != http.StatusOK {
		t.Fatalf("first: %d", s)
	}
	if s := rc.post(t, body, signed(time.Now().Unix()-1, body)); s != http.StatusServiceUnavailable {
		t.Fatalf("second distinct delivery with the guard full: status %d, want 503", s)
	}
}

func TestHandlerLogsReasonsButNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rc := newReceiver(t, webhook.WithLogger(logger), webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(0)))
	rc.post(t, body, signed(time.Now().Unix(), body+"x"))
	rc.post(t, body, "t="+key)
	rc.fail.Store(1)
	rc.post(t, body, signed(time.Now().Unix(), body))
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	if !strings.Contains(out, "signature does not match") || !strings.Contains(out, "database down") {
		t.Errorf("log lacks the reasons:\n%s", out)
	}
	if strings.Contains(out, key) || strings.Contains(out, "a1") {
		t.Errorf("log shows a secret or the body:\n%s", out)
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestNewHandlerRefusesUnusableSettings(t *testing.T) {
	v := verifier(t, secret)
	fn := func(context.Context, *webhook.Event) error { return nil }
	for name, f := range map[string]func() (*webhook.Handler, error){
		"nil verifier": func() (*webhook.Handler, error) { return webhook.NewHandler(nil, fn) },
		"nil function": func() (*webhook.Handler, error) { return webhook.NewHandler(v, nil) },
		"zero limit":   func() (*webhook.Handler, error) { return webhook.NewHandler(v, fn, webhook.WithMaxBodyBytes(0)) },
		"nil guard":    func() (*webhook.Handler, error) { return webhook.NewHandler(v, fn, webhook.WithReplayGuard(nil)) },
	} {
		if h, err := f(); err == nil || h != nil {
			t.Errorf("%s: got %v, %v; want an error", name, h, err)
		}
	}
}
