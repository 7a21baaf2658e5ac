package sonzai_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewSearchQueryNeverLoggedOnTransportFailure: Tools.KBSearch says
// the SDK never logs the query, but a connection failure's *url.Error
// repeats the whole URL, ?q=... included, and it went into the returned
// error and into the "retrying" (WARN) and request (DEBUG) log lines. The
// same held for Knowledge.Search.
func TestReviewSearchQueryNeverLoggedOnTransportFailure(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // a reset, not a clean close
		}
		_ = conn.Close()
	}), sonzai.WithLogger(logger))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const secret = "patient-secret-diagnosis"
	_, err1 := c.Tools.KBSearch(ctx, "agent-1", sonzai.KBSearchParams{Query: secret})
	_, err2 := c.Knowledge.Search(ctx, "proj-1", sonzai.KnowledgeSearchParams{Query: secret})
	for i, err := range []error{err1, err2} {
		if err == nil {
			t.Fatalf("search %d succeeded through a reset connection", i)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("search %d: the error shows the query: %v", i, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(buf.String(), secret) {
		t.Errorf("the log shows the query:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "kb-search") {
		t.Errorf("the log lost the path too:\n%s", buf.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
