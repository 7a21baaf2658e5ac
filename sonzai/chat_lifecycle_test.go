package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const tenDeltas = `data: {"choices":[{"delta":{"content":"a"},"index":0}]}` + "\n\n"

// A consumer that takes its time between events is not the server being
// silent: the idle timeout counts only time spent waiting for bytes.
func TestChatIdleTimeoutIgnoresTheConsumersTime(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		for range 5 {
			writeSSE(w, tenDeltas, 1000, 5*time.Millisecond)
		}
		writeSSE(w, "data: [DONE]\n\n", 100, 0)
	}), sonzai.WithIdleTimeout(150*time.Millisecond))
	stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	n := 0
	for stream.Next() {
		n++
		time.Sleep(300 * time.Millisecond) // the consumer's own work
	}
	if stream.Err() != nil || n != 6 {
		t.Errorf("a slow consumer read %d of 6 events, then %v", n, stream.Err())
	}
}

// [DONE] ends the stream even when the server keeps the connection open,
// and frames after it are neither delivered nor reported as errors.
func TestChatDoneEndsTheStreamWhileTheServerHoldsOn(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, tenDeltas+tenDeltas+"data: [DONE]\n\n"+
			`data: {"error":{"message":"after the end"}}`+"\n\n"+tenDeltas, 1000, 0)
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
	}))
	type outcome struct {
		res *sonzai.ChatResult
		err error
	}
	for _, idle := range []time.Duration{0, 100 * time.Millisecond} {
		done := make(chan outcome, 1)
		go func() {
			stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs(), sonzai.WithIdleTimeout(idle))
			if err != nil {
				done <- outcome{nil, err}
				return
			}
			res, err := stream.Collect()
			if stream.Next() || stream.Err() != err {
				err = errors.New("the stream went on after [DONE]")
			}
			done <- outcome{res, err}
		}()
		select {
		case o := <-done:
			if o.err != nil || o.res.Text != "aa" {
				t.Errorf("idle %s: got %+v, %v", idle, o.res, o.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("idle %s: Collect still waiting 10s after [DONE]", idle)
		}
	}
}

// Close from another goroutine while Next waits is race-free and prompt.
func TestChatCloseFromAnotherGoroutine(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, tenDeltas, 1000, 0)
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
	}), sonzai.WithIdleTimeout(time.Minute))
	for range 5 {
		stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
		if err != nil {
			t.Fatal(err)
		}
		ended := make(chan error, 1)
		go func() {
			for stream.Next() {
			}
			ended <- stream.Err()
		}()
		time.Sleep(20 * time.Millisecond) // let Next block on the silent server
		closed := make(chan struct{})
		go func() {
			_ = stream.Close()
			close(closed)
		}()
		select {
		case <-closed:
		case <-time.After(5 * time.Second):
			t.Fatal("Close blocked for 5s")
		}
		select {
		case err := <-ended:
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "Close") {
				t.Errorf("Err after Close = %v, want a cancellation naming Close", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Next still blocked 5s after Close")
		}
	}
}

// Close racing with a reader that is receiving events and [DONE]: nothing
// the reader writes is read by Close without synchronization (-race).
func TestChatCloseRacesWithTheReader(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sseHeaders(w, "s")
		writeSSE(w, tenDeltas+tenDeltas+tenDeltas+"data: [DONE]\n\n", 60, time.Millisecond)
	}))
	for i := range 20 {
		stream, err := c.Chat.Stream(context.Background(), "a", chatMsgs())
		if err != nil {
			t.Fatal(err)
		}
		ended := make(chan struct{})
		go func() {
			defer close(ended)
			for stream.Next() {
			}
		}()
		time.Sleep(time.Duration(i%5) * time.Millisecond)
		_ = stream.Close()
		select {
		case <-ended:
		case <-time.After(5 * time.Second):
			t.Fatal("Next still running 5s after Close")
		}
		if err := stream.Err(); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Err = %v, want nil (ended first) or a cancellation", err)
		}
	}
}
