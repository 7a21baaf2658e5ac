package sonzai_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// collectEvents reads a stream to its end.
func collectEvents(t *testing.T, s *sonzai.EventStream) ([]sonzai.Event, error) {
	t.Helper()
	var got []sonzai.Event
	for ev, err := range s.All() {
		if err != nil {
			return got, err
		}
		got = append(got, ev)
	}
	return got, nil
}

func TestStreamsEvalEventsTyped(t *testing.T) {
	_, c := rawFake(t)
	s, err := c.Streams.EvalEvents(context.Background(), "run-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collectEvents(t, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "1" || got[1].ID != "2" || s.LastEventID() != "2" {
		t.Fatalf("events = %+v", got)
	}
	var ev gen.EvalRunEvent
	if err := got[0].Decode(&ev); err != nil || ev.Type == "" {
		t.Fatalf("Decode: %v, %+v", err, ev)
	}
}

// firstEventLength is how many bytes the fake's synthesized stream for op
// sends before its second event, measured on a stream without faults.
func firstEventLength(t *testing.T, open func() (*sonzai.EventStream, error)) int {
	t.Helper()
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := collectEvents(t, s)
	if err != nil || len(got) != 2 {
		t.Fatalf("unfaulted stream: %v, %d events", err, len(got))
	}
	return len("id: 1\ndata: ") + len(got[0].Data) + len("\n\n")
}

// A GET stream cut after its first event resumes with Last-Event-ID and
// delivers each event once.
func TestStreamsGETResumesAfterACut(t *testing.T) {
	fake, c := rawFake(t)
	ctx := context.Background()
	open := func() (*sonzai.EventStream, error) { return c.Streams.EvalEvents(ctx, "run-1", nil) }
	first := firstEventLength(t, open)
	fake.Inject(sonzaitest.Fault{Operation: "streamEvalEvents", ResetAfter: first + 3})
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := collectEvents(t, s)
	if err != nil {
		t.Fatalf("resumed stream failed: %v", err)
	}
	if len(got) != 2 || got[0].ID != "1" || got[1].ID != "2" {
		t.Fatalf("events = %+v, want 1 and 2 once each", got)
	}
	if n := fake.Requests("streamEvalEvents"); n != 3 { // the measuring stream, the cut one, the resumed one
		t.Errorf("%d requests, want 3", n)
	}
}

// With retries off a cut GET stream fails instead of resuming.
func TestStreamsGETDoesNotResumeWithoutRetries(t *testing.T) {
	fake, c := rawFake(t, sonzai.WithMaxRetries(0))
	ctx := context.Background()
	open := func() (*sonzai.EventStream, error) { return c.Streams.EvalEvents(ctx, "run-1", nil) }
	first := firstEventLength(t, open)
	fake.Inject(sonzaitest.Fault{Operation: "streamEvalEvents", ResetAfter: first + 3})
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := collectEvents(t, s)
	if err == nil || !strings.Contains(err.Error(), "streamEvalEvents") || len(got) != 1 {
		t.Fatalf("got %d events, err %v; want 1 event and a read error", len(got), err)
	}
}

// A POST stream is never sent again: a cut ends it with an error.
func TestStreamsPOSTIsNeverResent(t *testing.T) {
	fake, c := rawFake(t)
	ctx := context.Background()
	body := gen.StreamMLRoundsJSONRequestBody{}
	open := func() (*sonzai.EventStream, error) { return c.Streams.MLRounds(ctx, "churn", body) }
	first := firstEventLength(t, open)
	fake.Inject(sonzaitest.Fault{Operation: "streamMLRounds", ResetAfter: first + 3})
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := collectEvents(t, s)
	if err == nil || len(got) != 1 {
		t.Fatalf("got %d events, err %v; want 1 event and an error", len(got), err)
	}
	if n := fake.Requests("streamMLRounds"); n != 2 {
		t.Errorf("%d requests, want 2 (the measuring stream and the cut one)", n)
	}
}

func TestStreamsCloseEarly(t *testing.T) {
	_, c := rawFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := c.Streams.Conversations(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Next() {
		t.Fatalf("no first event: %v", s.Err())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Next() {
		t.Error("Next after Close delivered an event")
	}
	if err := s.Err(); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Err after Close = %v", err)
	}
}
