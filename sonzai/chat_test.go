package sonzai_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// writeSSE writes raw SSE text in small flushed pieces, the way a real
// server's bytes arrive, pausing gap between pieces.
func writeSSE(w http.ResponseWriter, raw string, piece int, gap time.Duration) {
	f := w.(http.Flusher)
	for len(raw) > 0 {
		n := min(piece, len(raw))
		_, _ = w.Write([]byte(raw[:n]))
		f.Flush()
		raw = raw[n:]
		if gap > 0 {
			time.Sleep(gap)
		}
	}
}

func sseHeaders(w http.ResponseWriter, sessionID string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Session-ID", sessionID)
	w.WriteHeader(200)
}

// fullStream is a chat answer using every frame kind the contract describes.
const fullStream = ": keep-alive comment\n\n" +
	`data: {"type":"context_ready","build_duration_ms":42,"used_fast_path":true,"enriched_context":{"personality_prompt":"You are Mia."}}` + "\n\n" +
	`data: {"type":"phase","phase":"tool_call","tool":"web_search"}` + "\n\n" +
	`data: {"choices":[{"delta":{"role":"assistant","content":"Hello"},"index":0}]}` + "\n\n" +
	`data: {"choices":[{"delta":{"content":", Alice."},"index":0}]}` + "\n\n" +
	`data: {"choices":[{"delta":{"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},"index":0}]}` + "\n\n" +
	`data: {"type":"message_boundary","message_index":1}` + "\n\n" +
	`data: {"choices":[{"delta":{"content":"Anything else?"},"index":0}]}` + "\n\n" +
	`data: {"type":"side_effects","data":{"mood_updated":true}}` + "\n\n" +
	`data: {"type":"shiny_new_frame","x":1}` + "\n\n" +
	`data: {"choices":[{"delta":{},"finish_reason":"stop","index":0}],"usage":{"total_tokens":31},"continuation_token":"ct_1","side_effects":{"facts":2},"external_tool_calls":[{"id":"ext"}]}` + "\n\n" +
	"data: [DONE]\n\n"

func chatMsgs() sonzai.ChatParams {
	return sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("Hi!")}}
}

func TestChatStreamDecodesEveryFrameKind(t *testing.T) {
	var body map[string]any
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/agents/a/chat" || r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("request %s %s accept %q", r.Method, r.URL.Path, r.Header.Get("Accept"))
		}
		body = decodeBody(t, r)
		sseHeaders(w, "sess_from_server")
		writeSSE(w, fullStream, 7, 0)
	}))
	stream, err := c.Chat.Stream(context.Background(), "a", sonzai.ChatParams{
		Messages: []sonzai.Message{sonzai.SystemMessage("Be brief."), sonzai.UserMessage("Hi!")}, UserID: "u", MaxTurns: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	if stream.SessionID() != "sess_from_server" {
		t.Errorf("SessionID = %q", stream.SessionID())
	}
	var kinds []string
	var events []sonzai.ChatEvent
	for stream.Next() {
		ev := stream.Event()
		kinds = append(kinds, string(ev.Kind))
		events = append(events, ev)
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("Err = %v", err)
	}
	want := "context_ready phase delta delta delta message_boundary delta side_effects unknown finish done"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("kinds\n got %s\nwant %s", got, want)
	}
	if e := events[0]; e.BuildDuration != 42*time.Millisecond || !e.UsedFastPath || string(e.EnrichedContext) != `{"personality_prompt":"You are Mia."}` {
		t.Errorf("context_ready = %+v", e)
	}
	if e := events[1]; e.Phase != "tool_call" || e.Tool != "web_search" {
		t.Errorf("phase = %+v", e)
	}
	if e := events[2]; e.Content != "Hello" || e.Role != "assistant" {
		t.Errorf("delta = %+v", e)
	}
	if e := events[4]; len(e.ToolCalls) != 1 || e.ToolCalls[0] != (sonzai.ToolCall{ID: "call_1", Type: "function", Name: "lookup", Arguments: "{}"}) {
		t.Errorf("tool-call delta lost its tool calls: %+v", e)
	}
	if e := events[5]; e.MessageIndex != 1 {
		t.Errorf("boundary = %+v", e)
	}
	if e := events[7]; string(e.SideEffects) != `{"mood_updated":true}` {
		t.Errorf("side_effects = %+v", e)
	}
	if e := events[8]; e.Type != "shiny_new_frame" || string(e.Raw) != `{"type":"shiny_new_frame","x":1}` {
		t.Errorf("unknown frame = %+v", e)
	}
	if e := events[9]; e.FinishReason != "stop" || e.Usage == nil || *e.Usage != (sonzai.ChatUsage{TotalTokens: 31}) || e.ContinuationToken != "ct_1" ||
		string(e.SideEffects) != `{"facts":2}` || string(e.ExternalToolCalls) != `[{"id":"ext"}]` {
		t.Errorf("finish = %+v", e)
	}
	if body["user_id"] != "u" || body["max_turns"] != 3.0 || len(body["messages"].([]any)) != 2 {
		t.Errorf("request body = %v", body)
	}
	for key := range body {
		if key != "user_id" && key != "max_turns" && key != "messages" {
			t.Errorf("unset field %q was sent", key)
		}
	}
	if stream.Next() || stream.Close() != nil || stream.Close() != nil {
		t.Error("a finished stream must stay finished and close idempotently")
	}
}

// TestCollectTextAgreesWithAsyncResult asks the fake for the same
// two-message answer twice, streamed and queued: Collect's Text must read as
// the async result does, messages separated by a blank line.
func TestCollectTextAgreesWithAsyncResult(t *testing.T) {
	fake := sonzaitest.NewServer(t, sonzaitest.WithJobDuration(0))
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := sonzai.ChatParams{UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("Hi!")}}
	stream, err := c.Chat.Stream(ctx, sonzaitest.DemoAgentID, p)
	if err != nil {
		t.Fatal(err)
	}
	streamed, err := stream.Collect()
	if err != nil {
		t.Fatal(err)
	}
	job, err := c.Chat.Async(ctx, sonzaitest.DemoAgentID, p)
	if err != nil {
		t.Fatal(err)
	}
	queued, err := c.Chat.WaitAsync(ctx, sonzaitest.DemoAgentID, job.ProcessingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(streamed.Messages) != 2 {
		t.Fatalf("want a two-message answer, got %q", streamed.Messages)
	}
	if want := streamed.Messages[0] + "\n\n" + streamed.Messages[1]; streamed.Text != want {
		t.Errorf("Collect Text = %q, want the messages separated by a blank line: %q", streamed.Text, want)
	}
	if streamed.Text != queued.Response {
		t.Errorf("Collect Text = %q, async Response = %q; the same answer must read the same", streamed.Text, queued.Response)
	}
}

func TestChatCollect(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s9")
		writeSSE(w, fullStream, 64, 0)
	}))
	stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	res, err := stream.Collect()
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "Hello, Alice.\n\nAnything else?" || len(res.Messages) != 2 || res.Messages[1] != "Anything else?" ||
		res.FinishReason != "stop" || res.ContinuationToken != "ct_1" || res.Usage == nil || res.Usage.TotalTokens != 31 ||
		len(res.ToolCalls) != 1 || res.ToolCalls[0].Name != "lookup" || len(res.SideEffects) != 2 || res.SessionID != "s9" || len(res.Unknown) != 1 ||
		len(res.Phases) != 1 || res.EnrichedContext == nil {
		t.Errorf("Collect = %+v", res)
	}
}

// The SSE standard's framing variants all decode to the same events.
func TestChatStreamWireVariants(t *testing.T) {
	variants := map[string]string{
		"CRLF":              "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}\r\n\r\ndata: [DONE]\r\n\r\n",
		"CR":                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}\r\rdata: [DONE]\r\r",
		"no space":          "data:{\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}\n\ndata:[DONE]\n\n",
		"multi-line data":   "data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"a\"},\"index\":0}]}\n\ndata: [DONE]\n\n",
		"BOM and comments":  "\uFEFF:hello\n: world\nid: 7\nretry: 1000\ndata: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}\n\ndata: [DONE]\n\n",
		"named event field": "event: message\ndata: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}\n\ndata: [DONE]\n\n",
	}
	for name, raw := range variants {
		for _, piece := range []int{1, 5, 1 << 16} {
			c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				sseHeaders(w, "s")
				writeSSE(w, raw, piece, 0)
			}))
			stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
			if err != nil {
				t.Fatal(err)
			}
			res, err := stream.Collect()
			if err != nil || res.Text != "a" {
				t.Errorf("%s, %d-byte pieces: text %q, err %v", name, piece, res.Text, err)
			}
		}
	}
}

func TestChatHTTPErrorComesFromTheCall(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeProblem(w, 500, "model unavailable")
	}))
	stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
	var apiErr *sonzai.APIError
	if stream != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Detail != "model unavailable" {
		t.Fatalf("got stream %v err %v", stream, err)
	}
	if n.Load() != 1 {
		t.Errorf("a chat POST that failed with 500 was sent %d times", n.Load())
	}
	if _, err := c.Chat.Stream(context.Background(), "a", sonzai.ChatParams{Messages: []sonzai.Message{sonzai.ToolResultMessage("c1", "x")}}); !errors.Is(err, sonzai.ErrInvalidArgument) {
		t.Errorf("tool message sent to chat: %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("invalid chat reached the server")
	}
}

func TestChatErrorFrameIsNeverSwallowed(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, `data: {"choices":[{"delta":{"content":"Partial"},"index":0}]}`+"\n\n"+
			`data: {"error":{"message":"upstream model failed"}}`+"\n\n"+
			`data: {"choices":[{"delta":{"content":" never seen"},"index":0}]}`+"\n\ndata: [DONE]\n\n", 9, 0)
	}))
	stream, _ := c.Chat.Stream(context.Background(), "a", chatMsgs())
	res, err := stream.Collect()
	var streamErr *sonzai.ChatStreamError
	if !errors.As(err, &streamErr) || streamErr.Message != "upstream model failed" || !strings.Contains(string(streamErr.Raw), "upstream") {
		t.Fatalf("error frame: got %v", err)
	}
	if res.Text != "Partial" {
		t.Errorf("partial text = %q", res.Text)
	}
}

func TestChatMalformedAndOversizedFrames(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, "data: {not json\n\n", 100, 0)
	}))
	stream, _ := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if _, err := stream.Collect(); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("malformed frame: %v", err)
	}

	big := `data: {"type":"context_ready","enriched_context":"` + strings.Repeat("x", 4096) + `"}` + "\n\n"
	c, _ = newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, big+"data: [DONE]\n\n", 1024, 0)
	}), sonzai.WithMaxEventSize(1024))
	stream, _ = c.Chat.Stream(context.Background(), "a", chatMsgs())
	if _, err := stream.Collect(); err == nil || !strings.Contains(err.Error(), "WithMaxEventSize") {
		t.Errorf("oversized frame: %v", err)
	}
}

func TestChatCancellationMidStream(t *testing.T) {
	serverSawClose := make(chan struct{})
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, `data: {"choices":[{"delta":{"content":"one"},"index":0}]}`+"\n\n", 100, 0)
		<-r.Context().Done()
		close(serverSawClose)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	stream, err := c.Chat.Stream(ctx, "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	if !stream.Next() || stream.Event().Content != "one" {
		t.Fatal("first event missing")
	}
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if stream.Next() {
		t.Fatal("an event after cancellation")
	}
	if !errors.Is(stream.Err(), context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("Err = %v after %s", stream.Err(), time.Since(start))
	}
	select {
	case <-serverSawClose:
	case <-time.After(2 * time.Second):
		t.Error("the server never saw the connection close")
	}
}

func TestChatConnectionCutMidStream(t *testing.T) {
	for name, cut := range map[string]func(net.Conn){
		"closed": func(c net.Conn) { _ = c.Close() },
		"reset": func(c net.Conn) {
			_ = c.(*net.TCPConn).SetLinger(0)
			_ = c.Close()
		},
	} {
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Session-ID: s\r\nTransfer-Encoding: chunked\r\n\r\n")
			frame := `data: {"choices":[{"delta":{"content":"half an ans"},"index":0}]}` + "\n\n"
			fmt.Fprintf(buf, "%x\r\n%s\r\n", len(frame), frame)
			_ = buf.Flush()
			time.Sleep(20 * time.Millisecond)
			cut(conn)
		}))
		stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
		if err != nil {
			t.Fatal(err)
		}
		res, err := stream.Collect()
		if err == nil {
			t.Errorf("%s: a cut stream ended without error (text %q)", name, res.Text)
		}
		if res.Text != "half an ans" {
			t.Errorf("%s: partial text %q", name, res.Text)
		}
	}
	// A clean end of the body without [DONE] is a truncated answer too.
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, `data: {"choices":[{"delta":{"content":"cut"},"index":0}]}`+"\n\n", 100, 0)
	}))
	stream, _ := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if _, err := stream.Collect(); !errors.Is(err, sonzai.ErrStreamTruncated) {
		t.Errorf("no [DONE]: got %v", err)
	}
}

// A stream outlives every request timeout the client has, while the idle
// timeout, when set, still fires.
func TestChatStreamOutlivesRequestTimeouts(t *testing.T) {
	ticking := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		for range 20 {
			writeSSE(w, `data: {"choices":[{"delta":{"content":"."},"index":0}]}`+"\n\n", 1000, 0)
			time.Sleep(100 * time.Millisecond)
		}
		writeSSE(w, "data: [DONE]\n\n", 100, 0)
	})
	c, _ := newTestServer(t, ticking,
		sonzai.WithAttemptTimeout(200*time.Millisecond),
		sonzai.WithHTTPClient(&http.Client{Timeout: 200 * time.Millisecond}))
	start := time.Now()
	stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	res, err := stream.Collect()
	if err != nil || res.Text != strings.Repeat(".", 20) || time.Since(start) < 2*time.Second {
		t.Fatalf("long stream: %q %v after %s", res.Text, err, time.Since(start))
	}

	stalling := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, `data: {"choices":[{"delta":{"content":"."},"index":0}]}`+"\n\n", 1000, 0)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	c, _ = newTestServer(t, stalling, sonzai.WithIdleTimeout(150*time.Millisecond))
	start = time.Now()
	stream, err = c.Chat.Stream(context.Background(), "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	res, err = stream.Collect()
	if !errors.Is(err, sonzai.ErrIdleTimeout) || res.Text != "." || time.Since(start) > 5*time.Second {
		t.Errorf("idle timeout: %q %v after %s", res.Text, err, time.Since(start))
	}
}

func TestChatEarlyBreakReleasesTheConnection(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	serverSawClose := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		for {
			writeSSE(w, `data: {"choices":[{"delta":{"content":"x"},"index":0}]}`+"\n\n", 1000, 0)
			select {
			case <-r.Context().Done():
				serverSawClose <- struct{}{}
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	c, err := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(srv.URL), sonzai.WithHTTPClient(&http.Client{Transport: transport}))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	select {
	case <-serverSawClose:
	case <-time.After(2 * time.Second):
		t.Fatal("breaking out of All did not close the connection")
	}
	if stream.Next() || stream.Close() != nil {
		t.Error("a closed stream must not deliver events")
	}
}

func TestChatRangingToTheEndLeavesNothingBehind(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, fullStream, 50, 0)
	}))
	defer srv.Close()
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	c, _ := sonzai.NewClient(sonzai.WithAPIKey("k"), sonzai.WithBaseURL(srv.URL), sonzai.WithHTTPClient(&http.Client{Transport: transport}), sonzai.WithIdleTimeout(time.Minute))
	for range 3 {
		stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range stream.All() {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSessionChatFillsTheSession(t *testing.T) {
	var body map[string]any
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body = decodeBody(t, r)
		sseHeaders(w, "s1")
		writeSSE(w, "data: [DONE]\n\n", 100, 0)
	}))
	s, _ := c.Sessions.Resume("a", sonzai.StartParams{UserID: "u", SessionID: "s1", InstanceID: "i", UserDisplayName: "Al", Provider: "p", Model: "m"})
	stream, err := s.Chat(context.Background(), chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Collect(); err != nil {
		t.Fatal(err)
	}
	if body["user_id"] != "u" || body["session_id"] != "s1" || body["instance_id"] != "i" || body["user_display_name"] != "Al" ||
		body["provider"] != nil || body["model"] != nil {
		t.Errorf("session chat body = %v", body)
	}
}

func TestAsyncChat(t *testing.T) {
	var polls, posts atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/agents/a/chat/async", func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		writeJSON(w, 202, map[string]any{"processing_id": "p1", "status": "queued"})
	})
	mux.HandleFunc("GET /api/v1/agents/a/chat/result/{id}", func(w http.ResponseWriter, r *http.Request) {
		states := []string{"queued", "running", "complete"}
		if r.PathValue("id") == "p2" {
			states = []string{"running", "failed"}
		}
		st := states[min(int(polls.Add(1))-1, len(states)-1)]
		writeJSON(w, 200, map[string]any{"status": st, "response": "Hi there", "phase": "composing", "error": "model crashed",
			"created_at": "2026-11-23T00:00:00Z", "updated_at": "2026-11-23T00:00:01Z"})
	})
	c, _ := newTestServer(t, mux)
	job, err := c.Chat.Async(context.Background(), "a", chatMsgs())
	if err != nil || job.ProcessingID != "p1" || job.Status != sonzai.AsyncChatQueued || posts.Load() != 1 {
		t.Fatalf("Async: %+v %v", job, err)
	}
	res, err := c.Chat.WaitAsync(context.Background(), "a", job.ProcessingID, fastPoll)
	if err != nil || res.Status != sonzai.AsyncChatComplete || res.Response != "Hi there" || polls.Load() != 3 ||
		res.UpdatedAt.Sub(res.CreatedAt) != time.Second {
		t.Errorf("WaitAsync: %+v %v after %d polls", res, err, polls.Load())
	}
	polls.Store(0)
	_, err = c.Chat.WaitAsync(context.Background(), "a", "p2", fastPoll)
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) || failed.Reason != "model crashed" || failed.Final.(*sonzai.AsyncChatResult).Status != sonzai.AsyncChatFailed {
		t.Errorf("failed async chat: %v", err)
	}
}
