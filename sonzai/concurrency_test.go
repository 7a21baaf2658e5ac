package sonzai_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// TestSharedClientUnderLoad backs the documented claim that a Client, its
// services and a Session are safe for concurrent use: 64 goroutines share
// one client for 10,000 calls against the fake server (run it with -race),
// and one Session is used by all of them at once, so its message counter
// must come out exact.
func TestSharedClientUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 calls; skipped with -short")
	}
	fake := sonzaitest.NewServer(t)
	// In front of the fake: keep the session-end body to read total_messages.
	var endBody atomic.Value
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/sessions/end") {
			raw, _ := io.ReadAll(r.Body)
			endBody.Store(raw)
			r.Body = io.NopCloser(bytes.NewReader(raw))
		}
		fake.Handler().ServeHTTP(w, r)
	}))
	defer front.Close()
	client, err := sonzai.NewClient(sonzai.WithAPIKey(fake.APIKey()), sonzai.WithBaseURL(front.URL), sonzai.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const workers, calls = 64, 10_000
	shared, err := client.Sessions.Start(ctx, sonzaitest.DemoAgentID, sonzai.StartParams{UserID: "shared-user"})
	if err != nil {
		t.Fatal(err)
	}

	var next, turns, failures atomic.Int64
	var firstErr sync.Once
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("user-%d", w)
			for {
				i := next.Add(1)
				if i > calls {
					return
				}
				var err error
				switch i % 4 {
				case 0:
					_, err = shared.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I like tea.")}})
					if err == nil {
						turns.Add(1)
					}
				case 1:
					_, err = client.Mood.Get(ctx, sonzaitest.DemoAgentID, sonzai.MoodParams{UserID: user})
				case 2:
					_, err = client.Memory.Search(ctx, sonzaitest.DemoAgentID, sonzai.MemorySearchParams{Query: "tea", UserID: user})
				default:
					_, err = client.Sessions.TurnStatus(ctx, sonzaitest.DemoAgentID, "missing", sonzai.WithMaxRetries(1))
					if err != nil && !isNotFound(err) {
						break
					}
					err = nil
				}
				if err != nil {
					failures.Add(1)
					firstErr.Do(func() { t.Errorf("call %d: %v", i, err) })
				}
			}
		}()
	}
	wg.Wait()
	if failures.Load() != 0 {
		t.Fatalf("%d of %d calls failed", failures.Load(), calls)
	}
	if got := fake.Requests(""); got < calls {
		t.Errorf("the fake saw %d requests, want at least %d", got, calls)
	}
	if _, err := shared.EndAsync(ctx, sonzai.EndParams{}); err != nil {
		t.Fatal(err)
	}
	var end struct {
		TotalMessages int64 `json:"total_messages"`
	}
	raw, _ := endBody.Load().([]byte)
	if err := json.Unmarshal(raw, &end); err != nil || end.TotalMessages != turns.Load() || turns.Load() != calls/4 {
		t.Errorf("the shared session counted %d messages for %d turns (%v)", end.TotalMessages, turns.Load(), err)
	}
	if fake.Requests("submitTurn") != int(turns.Load()) {
		t.Errorf("submitTurn requests %d, successful turns %d", fake.Requests("submitTurn"), turns.Load())
	}
}

func isNotFound(err error) bool { return errors.Is(err, sonzai.ErrNotFound) }
