package sonzaitest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func chatParams(text string) sonzai.ChatParams {
	return sonzai.ChatParams{UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage(text)}}
}

func TestFaults(t *testing.T) {
	t.Run("429 then success", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "getMood", Status: 429, RetryAfter: "1"})
		start := time.Now()
		mood, err := h.client.Mood.Get(ctxT(t), DemoAgentID, sonzai.MoodParams{})
		if err != nil {
			t.Fatal(err)
		}
		if mood.AgentID != DemoAgentID {
			t.Errorf("mood = %+v", mood)
		}
		if n := h.fake.Requests("getMood"); n != 2 {
			t.Errorf("getMood requests = %d, want 2", n)
		}
		if time.Since(start) < time.Second {
			t.Errorf("the SDK did not wait for Retry-After")
		}
	})
	t.Run("500 on a POST is not retried", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "submitTurn", Status: 500})
		sess, err := h.client.Sessions.Resume(DemoAgentID, sonzai.StartParams{UserID: "u1", SessionID: "s1"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = sess.Turn(ctxT(t), sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
		var apiErr *sonzai.APIError
		if !errors.Is(err, sonzai.ErrServer) || !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
			t.Errorf("turn: %v, want ErrServer", err)
		}
		if n := h.fake.Requests("submitTurn"); n != 1 {
			t.Errorf("submitTurn requests = %d, want 1", n)
		}
	})
	t.Run("503 twice on a GET", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Status: 503, Times: 2})
		if _, err := h.client.Agents.Get(ctxT(t), DemoAgentID); err != nil {
			t.Fatal(err)
		}
		if n := h.fake.Requests("getAgent"); n != 3 {
			t.Errorf("getAgent requests = %d, want 3", n)
		}
	})
	t.Run("error frame", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "chatWithAgent", ErrorFrame: "model overloaded"})
		stream, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, chatParams("hello there"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := stream.Collect()
		var chatErr *sonzai.ChatStreamError
		if !errors.As(err, &chatErr) || chatErr.Message != "model overloaded" {
			t.Fatalf("collect: %v, want a *ChatStreamError", err)
		}
		if res.Text != "Hi! It's nice " || res.FinishReason != "" {
			t.Errorf("partial result = %+v, want the first delta only", res)
		}
	})
	t.Run("reset mid-stream", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "chatWithAgent", ResetAfter: 300})
		stream, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, chatParams("hello"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = stream.Collect()
		if err == nil {
			t.Fatal("a reset stream ended without error")
		}
		var chatErr *sonzai.ChatStreamError
		if errors.As(err, &chatErr) {
			t.Errorf("reset reported as an error frame: %v", err)
		}
		if n := h.fake.Requests("chatWithAgent"); n != 1 {
			t.Errorf("chat requests = %d, want 1", n)
		}
	})
	t.Run("reset before answering a GET is retried", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "listGoals", ResetAfter: 1})
		goals, err := h.client.Goals.List(ctxT(t), DemoAgentID, sonzai.GoalListParams{})
		if err != nil || len(goals) != 2 {
			t.Fatalf("goals = %+v, %v", goals, err)
		}
		if n := h.fake.Requests("listGoals"); n != 2 {
			t.Errorf("listGoals requests = %d, want 2", n)
		}
	})
	t.Run("reset before answering a POST is not", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "processMessages", ResetAfter: 1})
		_, err := h.client.Agents.Process(ctxT(t), DemoAgentID, sonzai.ProcessParams{UserID: "u", Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
		var apiErr *sonzai.APIError
		if err == nil || errors.As(err, &apiErr) {
			t.Errorf("process over a reset connection: %v, want a transport error", err)
		}
	})
	t.Run("latency and a deadline", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "getMood", Latency: 5 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := h.client.Mood.Get(ctx, DemoAgentID, sonzai.MoodParams{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("mood: %v, want DeadlineExceeded", err)
		}
		if time.Since(start) > 2*time.Second {
			t.Errorf("took %v", time.Since(start))
		}
	})
	t.Run("latency that is waited out", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "getMood", Latency: 50 * time.Millisecond})
		start := time.Now()
		if _, err := h.client.Mood.Get(ctxT(t), DemoAgentID, sonzai.MoodParams{}); err != nil {
			t.Fatal(err)
		}
		if time.Since(start) < 50*time.Millisecond {
			t.Error("no latency")
		}
	})
	t.Run("slow stream", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "playgroundChat", SlowStream: 10 * time.Millisecond})
		start := time.Now()
		stream, err := h.client.Chat.StreamPlayground(ctxT(t), DemoAgentID, chatParams("hi"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Collect(); err != nil {
			t.Fatal(err)
		}
		if time.Since(start) < 100*time.Millisecond {
			t.Errorf("a slow stream took only %v", time.Since(start))
		}
	})
	t.Run("faults are matched in order and used up", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Inject(Fault{Operation: "getAgent", Status: 404})
		h.fake.Inject(Fault{Status: 400})
		ctx := ctxT(t)
		if _, err := h.client.Mood.Get(ctx, DemoAgentID, sonzai.MoodParams{}); !errors.Is(err, sonzai.ErrInvalidRequest) {
			t.Errorf("first mood: %v, want the catch-all 400", err)
		}
		if _, err := h.client.Agents.Get(ctx, DemoAgentID); !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("get: %v, want 404", err)
		}
		if _, err := h.client.Agents.Get(ctx, DemoAgentID); err != nil {
			t.Errorf("get after the faults: %v", err)
		}
	})
	t.Run("unknown operation", func(t *testing.T) {
		fake := New()
		defer fake.Close()
		err := fake.Inject(Fault{Operation: "getMoods", Status: 500})
		if err == nil {
			t.Fatal("Inject accepted an unknown operation")
		}
		for _, want := range []string{`"getMoods"`, "getMood,", "submitTurn"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the error should name %s: %v", want, err)
			}
		}
		if n := fake.Requests("chatStream"); n != 0 {
			t.Errorf("Requests of an unknown name = %d", n)
		}
		client, err := fake.Client()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Agents.Get(ctxT(t), DemoAgentID); err != nil {
			t.Errorf("the refused fault must not be queued: %v", err)
		}
	})
	t.Run("unknown operation fails the test", func(t *testing.T) {
		rec := &recordingTB{TB: t}
		fake := NewServer(rec)
		_ = fake.Inject(Fault{Operation: "chatStream"})
		_ = fake.Requests("getMoods")
		if len(rec.errors) != 2 || !strings.Contains(rec.errors[0], `"chatStream"`) || !strings.Contains(rec.errors[1], "getMood,") {
			t.Errorf("want two test failures naming the valid operations, got %q", rec.errors)
		}
	})
}

// recordingTB is a testing.TB whose Error is recorded instead of failing
// the test, to check what the fake reports.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }

// TestStreamLifecycle checks that streams stop when the client goes away
// and when the fake is closed (goleak in TestMain catches what leaks).
func TestStreamLifecycle(t *testing.T) {
	t.Run("client stops early", func(t *testing.T) {
		h := newHarness(t, WithStreamDelay(20*time.Millisecond))
		stream, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, chatParams("hello"))
		if err != nil {
			t.Fatal(err)
		}
		if !stream.Next() || stream.Event().Kind != sonzai.ChatContextReady {
			t.Fatalf("first event: %+v %v", stream.Event(), stream.Err())
		}
		stream.Close()
	})
	t.Run("context canceled", func(t *testing.T) {
		h := newHarness(t, WithStreamDelay(20*time.Millisecond))
		ctx, cancel := context.WithCancel(context.Background())
		stream, err := h.client.Chat.Stream(ctx, DemoAgentID, chatParams("hello"))
		if err != nil {
			t.Fatal(err)
		}
		stream.Next()
		cancel()
		for stream.Next() {
		}
		if !errors.Is(stream.Err(), context.Canceled) {
			t.Errorf("err = %v, want Canceled", stream.Err())
		}
	})
	t.Run("fake closed", func(t *testing.T) {
		h := newHarness(t, WithStreamDelay(time.Hour))
		stream, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, chatParams("hello"))
		if err != nil {
			t.Fatal(err)
		}
		if !stream.Next() {
			t.Fatal(stream.Err())
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for stream.Next() {
			}
		}()
		h.fake.Close()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the stream outlived Close")
		}
		if !errors.Is(stream.Err(), sonzai.ErrStreamTruncated) {
			t.Errorf("err = %v, want ErrStreamTruncated", stream.Err())
		}
	})
}

func TestStreamDelay(t *testing.T) {
	h := newHarness(t, WithStreamDelay(5*time.Millisecond))
	stream, err := h.client.Chat.Stream(ctxT(t), DemoAgentID, chatParams("I hate traffic"))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for ev, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, string(ev.Kind))
	}
	got := strings.Join(kinds, " ")
	want := "context_ready phase phase delta delta delta message_boundary delta delta delta side_effects finish done"
	if got != want {
		t.Errorf("events:\n got %s\nwant %s", got, want)
	}
}
