package sonzai_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// rawServer is a TCP server that reads each HTTP request and then does
// whatever the test's behave function says with the connection: the faults
// a real network produces, which a well-behaved http.Server cannot.
type rawServer struct {
	ln    net.Listener
	mu    sync.Mutex
	count map[string]int // requests received, by path
	wg    sync.WaitGroup
}

func newRawServer(t *testing.T, behave func(conn net.Conn, req *http.Request)) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln, count: map[string]int{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, req.Body)
				s.mu.Lock()
				s.count[req.URL.Path]++
				s.mu.Unlock()
				behave(conn, req)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *rawServer) url() string { return "http://" + s.ln.Addr().String() }

func (s *rawServer) requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path]
}

func (s *rawServer) client(t *testing.T, opts ...sonzai.Option) *sonzai.Client {
	t.Helper()
	c, err := sonzai.NewClient(append([]sonzai.Option{
		sonzai.WithAPIKey(testKey), sonzai.WithBaseURL(s.url()),
		sonzai.WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func reset(conn net.Conn) {
	_ = conn.(*net.TCPConn).SetLinger(0)
	_ = conn.Close()
}

// The POST calls that must never be delivered twice.
var postCalls = map[string]struct {
	path string
	call func(ctx context.Context, c *sonzai.Client) error
}{
	"turn": {"/api/v1/agents/a/sessions/s/turn", func(ctx context.Context, c *sonzai.Client) error {
		s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
		_, err := s.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
		return err
	}},
	"process": {"/api/v1/agents/a/process", func(ctx context.Context, c *sonzai.Client) error {
		_, err := c.Agents.Process(ctx, "a", sonzai.ProcessParams{UserID: "u", Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
		return err
	}},
	"end": {"/api/v1/agents/a/sessions/end", func(ctx context.Context, c *sonzai.Client) error {
		s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s"})
		_, err := s.EndAsync(ctx, sonzai.EndParams{})
		return err
	}},
	"chat": {"/api/v1/agents/a/chat", func(ctx context.Context, c *sonzai.Client) error {
		stream, err := c.Chat.Stream(ctx, "a", sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
		if err != nil {
			return err
		}
		_, err = stream.Collect()
		return err
	}},
}

// getStatus is an idempotent call used to show what a GET does under a fault.
func getStatus(ctx context.Context, c *sonzai.Client) error {
	_, err := c.Sessions.TurnStatus(ctx, "a", "x")
	return err
}

const statusPath = "/api/v1/agents/a/turns/x/status"

func TestFaults(t *testing.T) {
	type fault struct {
		behave func(conn net.Conn, req *http.Request)
		// what a user sees from a GET, and how many attempts it makes
		check       func(t *testing.T, err error)
		getAttempts int
	}
	faults := map[string]fault{
		"server closes before headers": {
			behave:      func(conn net.Conn, _ *http.Request) { _ = conn.Close() },
			check:       func(t *testing.T, err error) { wantErrContains(t, err, "EOF") },
			getAttempts: 3,
		},
		"reset before headers": {
			behave:      func(conn net.Conn, _ *http.Request) { reset(conn) },
			check:       func(t *testing.T, err error) { wantErrIs(t, err, syscall.ECONNRESET) },
			getAttempts: 3,
		},
		"reset in the middle of a JSON body": {
			behave: func(conn net.Conn, _ *http.Request) {
				fmt.Fprint(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"extraction_id\":\"x\",")
				time.Sleep(10 * time.Millisecond)
				reset(conn)
			},
			check:       func(t *testing.T, err error) { wantErrContains(t, err, "reading the response") },
			getAttempts: 3,
		},
		"truncated JSON": {
			behave: func(conn net.Conn, _ *http.Request) {
				body := `{"extraction_id":"x","sta`
				fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			},
			check:       func(t *testing.T, err error) { wantErrContains(t, err, "decoding the 200 response") },
			getAttempts: 1,
		},
		"200 with a non-JSON body": {
			behave: func(conn net.Conn, _ *http.Request) {
				body := `<html>OK</html>`
				fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			},
			check:       func(t *testing.T, err error) { wantErrContains(t, err, "decoding the 200 response") },
			getAttempts: 1,
		},
		"HTML 502": {
			behave: func(conn net.Conn, _ *http.Request) {
				body := `<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>`
				fmt.Fprintf(conn, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			},
			check: func(t *testing.T, err error) {
				var apiErr *sonzai.APIError
				if !errors.As(err, &apiErr) || apiErr.Body != "502 Bad Gateway" || !errors.Is(err, sonzai.ErrServer) {
					t.Errorf("got %v", err)
				}
			},
			getAttempts: 3,
		},
	}
	for name, f := range faults {
		t.Run(name, func(t *testing.T) {
			srv := newRawServer(t, f.behave)
			c := srv.client(t)
			err := getStatus(context.Background(), c)
			f.check(t, err)
			if got := srv.requests(statusPath); got != f.getAttempts {
				t.Errorf("GET attempts = %d, want %d", got, f.getAttempts)
			}
			for call, pc := range postCalls {
				if err := pc.call(context.Background(), c); err == nil {
					t.Errorf("%s: no error", call)
				}
				if got := srv.requests(pc.path); got != 1 {
					t.Errorf("%s: the server received %d POSTs, want exactly 1", call, got)
				}
			}
		})
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var attempts atomic.Int64
	logger := countingTransport{next: http.DefaultTransport, n: &attempts}
	c, err := sonzai.NewClient(sonzai.WithAPIKey(testKey), sonzai.WithBaseURL("http://"+addr),
		sonzai.WithHTTPClient(&http.Client{Transport: logger}), sonzai.WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = postCalls["turn"].call(context.Background(), c)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("got %v, want ECONNREFUSED", err)
	}
	// Nothing was written, so even the POST may be retried.
	if attempts.Load() != 3 {
		t.Errorf("attempts = %d, want 3", attempts.Load())
	}
}

type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

func TestHeadersThatNeverArriveHonorTheDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request) { <-release })
	defer close(release)
	c := srv.client(t)
	for name, call := range map[string]func(context.Context, *sonzai.Client) error{
		"get": getStatus, "turn": postCalls["turn"].call, "chat": postCalls["chat"].call,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		start := time.Now()
		err := call(ctx, c)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: got %v", name, err)
		}
		// The server never answers: a call that ignored the deadline
		// would never return. The slack is for a loaded machine (this
		// allowed 100 ms once and failed at 167 ms under -race).
		if late := time.Since(start) - 200*time.Millisecond; late > 2*time.Second {
			t.Errorf("%s: returned %s after the deadline", name, late)
		}
	}
}

func TestHugeErrorBodyIsReadOnlyInPart(t *testing.T) {
	var written atomic.Int64
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request) {
		fmt.Fprint(conn, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\n\r\n")
		chunk := []byte(strings.Repeat("error! ", 8192))
		for written.Load() < 1<<30 {
			n, err := conn.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	c := srv.client(t, sonzai.WithMaxRetries(0))
	start := time.Now()
	err := getStatus(context.Background(), c)
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || !strings.HasPrefix(apiErr.Body, "error! error!") || len(apiErr.Body) > 600 {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	time.Sleep(50 * time.Millisecond)
	if w := written.Load(); w > 64<<20 {
		t.Errorf("the client let the server push %d MiB of a 1 GiB error body", w>>20)
	}
}

func TestRateLimitStormStaysBounded(t *testing.T) {
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request) {
		body := `{"title":"Too Many Requests","status":429,"detail":"slow down"}`
		fmt.Fprintf(conn, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: application/problem+json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	})
	c := srv.client(t)
	start := time.Now()
	err := postCalls["turn"].call(context.Background(), c)
	if !errors.Is(err, sonzai.ErrRateLimited) || srv.requests(postCalls["turn"].path) != 3 {
		t.Errorf("got %v after %d requests", err, srv.requests(postCalls["turn"].path))
	}
	if el := time.Since(start); el < 2*time.Second || el > 10*time.Second {
		t.Errorf("two Retry-After: 1 waits took %s", el)
	}

	// Within a 1.5s deadline only one wait fits; the SDK stops instead of
	// sleeping past the deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start = time.Now()
	err = getStatus(ctx, c)
	if !errors.Is(err, sonzai.ErrRateLimited) || time.Since(start) > 3500*time.Millisecond {
		t.Errorf("got %v after %s", err, time.Since(start))
	}
}

func wantErrIs(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("got %v, want %v", err, target)
	}
}

func wantErrContains(t *testing.T, err error, s string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), s) {
		t.Errorf("got %v, want an error containing %q", err, s)
	}
}
