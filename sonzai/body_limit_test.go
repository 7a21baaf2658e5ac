package sonzai_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestHugeSuccessBodyIsCutAtTheCap(t *testing.T) {
	const total = 12 << 20
	var written atomic.Int64
	var writeFailed atomic.Bool
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request) {
		fmt.Fprint(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
		chunk := `{"agent_id":"a","name":"` + strings.Repeat("x", 64<<10)
		for written.Load() < total {
			n, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", len(chunk), chunk)
			written.Add(int64(n))
			if err != nil {
				writeFailed.Store(true)
				return
			}
			chunk = strings.Repeat("x", 64<<10)
		}
		fmt.Fprint(conn, "3\r\n\"}\n\r\n0\r\n\r\n")
	})
	c := srv.client(t, sonzai.WithMaxResponseBytes(1<<20))
	_, err := c.Agents.Get(context.Background(), "a")
	if !errors.Is(err, sonzai.ErrResponseTooLarge) {
		t.Fatalf("got %v, want ErrResponseTooLarge", err)
	}
	if !strings.Contains(err.Error(), "1048576") || !strings.Contains(err.Error(), "WithMaxResponseBytes") {
		t.Errorf("the error does not name the limit and the option: %v", err)
	}
	if n := srv.requests("/api/v1/agents/a"); n != 1 {
		t.Errorf("%d requests, want 1: an over-long body is not retried", n)
	}
	// The connection is dropped, not drained: the server cannot finish.
	srv.ln.Close()
	srv.wg.Wait()
	if !writeFailed.Load() || written.Load() >= total {
		t.Errorf("the server wrote %d of %d bytes without an error: the connection was not dropped", written.Load(), total)
	}
}

func TestGzipBombStopsAtTheCap(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	fmt.Fprint(zw, `{"agent_id":"a","name":"`)
	block := bytes.Repeat([]byte("A"), 1<<20)
	for range 16 {
		_, _ = zw.Write(block)
	}
	fmt.Fprint(zw, `"}`)
	_ = zw.Close()
	if bomb.Len() > 64<<10 {
		t.Fatalf("the bomb is %d bytes compressed", bomb.Len())
	}
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb.Bytes())
	}), sonzai.WithMaxResponseBytes(1<<20))

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	agent, err := c.Agents.Get(context.Background(), "a")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, sonzai.ErrResponseTooLarge) || agent != nil {
		t.Fatalf("a %d-byte gzip body inflating to 16 MiB: got %v (name of %d bytes)", bomb.Len(), err, len(agentName(agent)))
	}
	// Loose: without the cap the body is buffered whole, 16 MiB and more.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 12<<20 {
		t.Errorf("reading the bomb allocated %d MiB", grew>>20)
	}
}

func TestBodiesUnderTheDefaultCapAreRead(t *testing.T) {
	name := strings.Repeat("n", 2<<20)
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"agent_id": "a", "name": name})
	}))
	agent, err := c.Agents.Get(context.Background(), "a")
	if err != nil || agent.Name != name {
		t.Fatalf("a 2 MiB body: %v", err)
	}
	if _, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithMaxResponseBytes(0)); !errors.Is(err, sonzai.ErrInvalidArgument) {
		t.Errorf("WithMaxResponseBytes(0): got %v", err)
	}
}

func agentName(a *sonzai.Agent) string {
	if a == nil {
		return ""
	}
	return a.Name
}
