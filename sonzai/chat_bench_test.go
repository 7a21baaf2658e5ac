package sonzai_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// deltaStream is an SSE body of n content deltas and [DONE].
func deltaStream(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(`data: {"choices":[{"delta":{"content":"hello "},"index":0}]}` + "\n\n")
	}
	b.WriteString("data: [DONE]\n\n")
	return b.String()
}

// BenchmarkChatStream10kDeltas streams 10,000 deltas from a loopback server
// through Chat.Stream and Next, and reports events/s, MB/s and allocations
// per event.
func BenchmarkChatStream10kDeltas(b *testing.B) {
	const events = 10_000
	body := deltaStream(events)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	c, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	params := sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		stream, err := c.Chat.Stream(context.Background(), "a", params)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for stream.Next() {
			n++
		}
		if stream.Err() != nil || n != events+1 {
			b.Fatalf("%d events, err %v", n, stream.Err())
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*events), "allocs/event")
}
