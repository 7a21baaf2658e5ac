package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// keyWitness is a server that records the Authorization header of every
// request it receives: a redirect target that must never see the key.
type keyWitness struct {
	*httptest.Server
	mu   sync.Mutex
	auth []string
}

func newKeyWitness(t *testing.T) *keyWitness {
	t.Helper()
	w := &keyWitness{}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.auth = append(w.auth, r.Header.Get("Authorization"))
		w.mu.Unlock()
		writeJSON(rw, 200, map[string]any{"extraction_id": "x", "state": "done", "success": true})
	}))
	t.Cleanup(w.Close)
	return w
}

func (w *keyWitness) requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.auth...)
}

// redirector answers every request under /api/ with status and a Location
// of target+path.
func redirector(status int, target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, status)
	}
}

// swappable is a handler a test can replace between calls.
type swappable struct{ h atomic.Value }

func (s *swappable) set(h http.HandlerFunc) { s.h.Store(h) }

func (s *swappable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.h.Load().(http.HandlerFunc)(w, r)
}

// followEverything is a user's client whose CheckRedirect follows any
// redirect, and so must not weaken the SDK's own policy.
var followEverything = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}

func TestRedirectOfAWriteIsAnErrorNeverASuccess(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, user := range map[string]*http.Client{"default": nil, "follow-everything": followEverything} {
			target := newKeyWitness(t)
			opts := []sonzai.Option{sonzai.WithMaxRetries(0)}
			if user != nil {
				opts = append(opts, sonzai.WithHTTPClient(user))
			}
			// Same host, another port: another origin.
			var h swappable
			h.set(redirector(status, target.URL))
			c, srv := newTestServer(t, &h, opts...)
			for name, pc := range postCalls {
				err := pc.call(context.Background(), c)
				var re *sonzai.RedirectError
				if !errors.As(err, &re) {
					t.Fatalf("%d %s: got %v, want a *RedirectError", status, name, err)
				}
				if re.StatusCode != status || re.Location != target.URL+pc.path || re.Method != http.MethodPost {
					t.Errorf("%d %s: RedirectError = %+v", status, name, re)
				}
				if !strings.Contains(err.Error(), target.URL) || !strings.Contains(err.Error(), http.StatusText(status)) {
					t.Errorf("%d %s: error does not name the status and the Location: %v", status, name, err)
				}
			}
			// Within the origin too: a write is never re-sent by a redirect.
			h.set(redirector(status, srv.URL+"/elsewhere"))
			err := postCalls["turn"].call(context.Background(), c)
			var re *sonzai.RedirectError
			if !errors.As(err, &re) {
				t.Errorf("%d same-origin turn: got %v", status, err)
			}
			if got := target.requests(); len(got) != 0 {
				t.Errorf("%d: the redirect target received %d requests (Authorization %q)", status, len(got), got)
			}
		}
	}
}

func TestRedirectAcrossOriginsIsRefusedWithoutTheKey(t *testing.T) {
	for _, status := range []int{301, 302, 307, 308} {
		target := newKeyWitness(t)
		c, _ := newTestServer(t, redirector(status, target.URL), sonzai.WithHTTPClient(followEverything))
		err := getStatus(context.Background(), c)
		var re *sonzai.RedirectError
		if !errors.As(err, &re) || re.StatusCode != status || re.Location != target.URL+statusPath {
			t.Errorf("%d: got %v, want a *RedirectError to %s", status, err, target.URL)
		}
		if got := target.requests(); len(got) != 0 {
			t.Errorf("%d: another port on the same host received %d requests (Authorization %q)", status, len(got), got)
		}
	}
}

func TestRedirectWithinTheOriginIsFollowedForReads(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/agents/a/turns/x/status", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/v1/moved/status", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/api/v1/moved/status", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		writeJSON(w, 200, map[string]any{"extraction_id": "x", "state": "done"})
	})
	mux.HandleFunc("/api/v1/agents/a/turns/loop/status", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	})
	c, _ := newTestServer(t, mux, sonzai.WithHTTPClient(followEverything))
	st, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
	if err != nil || st.State != sonzai.ExtractionDone {
		t.Fatalf("got %+v, %v", st, err)
	}
	if len(seen) != 1 || seen[0] != "Bearer "+testKey {
		t.Errorf("the redirected read carried Authorization %q", seen)
	}
	// A redirect loop ends after a few hops with a *RedirectError.
	_, err = c.Sessions.TurnStatus(context.Background(), "a", "loop", sonzai.WithMaxRetries(0))
	var re *sonzai.RedirectError
	if !errors.As(err, &re) || re.StatusCode != http.StatusFound {
		t.Errorf("redirect loop: got %v", err)
	}
}

func TestRedirectFromHTTPSToPlainHTTPIsRefused(t *testing.T) {
	plain := newKeyWitness(t)
	plainPort := plain.URL[strings.LastIndexByte(plain.URL, ':'):]
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Same host name, downgraded to http.
		http.Redirect(w, r, "http://127.0.0.1"+plainPort+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(tlsSrv.Close)
	user := tlsSrv.Client()
	user.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
	c, err := sonzai.NewClient(sonzai.WithAPIKey(testKey), sonzai.WithBaseURL(tlsSrv.URL),
		sonzai.WithHTTPClient(user), sonzai.WithInsecureHTTP(), sonzai.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	err = getStatus(context.Background(), c)
	var re *sonzai.RedirectError
	if !errors.As(err, &re) || !strings.HasPrefix(re.Location, "http://") {
		t.Errorf("https → http redirect: got %v", err)
	}
	if got := plain.requests(); len(got) != 0 {
		t.Errorf("the plain-http target received %d requests (Authorization %q)", len(got), got)
	}
	if user.CheckRedirect == nil || user.Timeout != 0 {
		t.Error("the caller's *http.Client was modified")
	}
}

func TestUserClientThatStopsAtRedirectsStillGetsARedirectError(t *testing.T) {
	user := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var h swappable
	c, srv := newTestServer(t, &h, sonzai.WithHTTPClient(user), sonzai.WithMaxRetries(0))
	h.set(redirector(http.StatusMovedPermanently, srv.URL+"/other"))
	err := getStatus(context.Background(), c)
	var re *sonzai.RedirectError
	if !errors.As(err, &re) || re.StatusCode != http.StatusMovedPermanently {
		t.Errorf("got %v", err)
	}
}
