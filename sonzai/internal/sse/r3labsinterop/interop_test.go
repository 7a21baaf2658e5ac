package r3labsinterop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	r3 "github.com/r3labs/sse/v2"
	"go.uber.org/goleak"

	"github.com/sonzai-oss/sonzai-go/sonzai/internal/sse"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// published is one event as handed to the r3labs server, and what the
// decoder must hand out for it.
type published struct {
	name string
	in   r3.Event
	want sse.Event // Data nil: the producer writes no event the decoder may report
}

// corpus covers what the SDK's streams carry (JSON frames, "[DONE]", text in
// any script, long frames) and the fields the producer can write.
//
// Two things the r3labs server cannot write faithfully are left out, since
// they are limits of that producer, not of the wire format: data holding a
// carriage return (written raw, so it ends the line early) and, with
// SplitData off, data holding a newline.
func corpus() []published {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	return []published{
		{"plain", r3.Event{ID: []byte("1"), Data: []byte("hello")},
			sse.Event{ID: "1", Data: []byte("hello")}},
		{"chat frame", r3.Event{ID: []byte("2"), Data: []byte(`{"choices":[{"delta":{"content":"Hi!"},"index":0}]}`)},
			sse.Event{ID: "2", Data: []byte(`{"choices":[{"delta":{"content":"Hi!"},"index":0}]}`)}},
		{"unicode", r3.Event{ID: []byte("3"), Data: []byte("héllo — 世界 🌍 \u202e")},
			sse.Event{ID: "3", Data: []byte("héllo — 世界 🌍 \u202e")}},
		{"multi-line", r3.Event{ID: []byte("4"), Data: []byte("a\nb\n\nc")},
			sse.Event{ID: "4", Data: []byte("a\nb\n\nc")}},
		{"named event", r3.Event{ID: []byte("5"), Event: []byte("update"), Data: []byte("{}")},
			sse.Event{ID: "5", Type: "update", Data: []byte("{}")}},
		{"retry", r3.Event{ID: []byte("6"), Retry: []byte("1500"), Data: []byte("x")},
			sse.Event{ID: "6", Data: []byte("x"), Retry: 1500 * time.Millisecond}},
		{"leading space kept", r3.Event{ID: []byte("7"), Data: []byte("  two spaces")},
			sse.Event{ID: "7", Data: []byte("  two spaces")}},
		{"colons inside", r3.Event{ID: []byte("8"), Data: []byte("a: b:c")},
			sse.Event{ID: "8", Data: []byte("a: b:c")}},
		{"leading colon", r3.Event{ID: []byte("9"), Data: []byte(":not a comment")},
			sse.Event{ID: "9", Data: []byte(":not a comment")}},
		{"comment only", r3.Event{Comment: []byte("keep-alive")}, sse.Event{}},
		{"data and comment", r3.Event{ID: []byte("10"), Data: []byte("with comment"), Comment: []byte("note")},
			sse.Event{ID: "10", Data: []byte("with comment")}},
		{"id carries over", r3.Event{ID: []byte("10"), Data: []byte("same id")},
			sse.Event{ID: "10", Data: []byte("same id")}},
		{"done marker", r3.Event{ID: []byte("11"), Data: []byte("[DONE]")},
			sse.Event{ID: "11", Data: []byte("[DONE]")}},
		{"1 MiB", r3.Event{ID: []byte("12"), Data: big},
			sse.Event{ID: "12", Data: big}},
	}
}

// producer is an r3labs server on loopback whose stream "s" ends once the
// events given to start have been written.
type producer struct {
	srv        *r3.Server
	http       *httptest.Server
	subscribed chan struct{}
}

func newProducer(t *testing.T, configure func(*r3.Server)) *producer {
	t.Helper()
	p := &producer{subscribed: make(chan struct{}, 1)}
	p.srv = r3.NewWithCallback(func(string, *r3.Subscriber) { p.subscribed <- struct{}{} }, nil)
	configure(p.srv)
	p.srv.CreateStream("s")
	p.http = httptest.NewServer(p.srv)
	t.Cleanup(func() {
		p.http.Close()
		p.srv.Close()
	})
	return p
}

// get subscribes to stream "s", then publishes events followed by the
// empty event on which the r3labs server ends the response.
func (p *producer) get(t *testing.T, lastEventID string, events []r3.Event) io.ReadCloser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.http.URL+"?stream=s", nil)
	if err != nil {
		t.Fatal(err)
	}
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := p.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		resp.Body.Close()
		t.Fatalf("producer answered %d %q", resp.StatusCode, ct)
	}
	select {
	case <-p.subscribed:
	case <-ctx.Done():
		t.Fatal("the producer never registered the subscriber")
	}
	for i := range events {
		p.srv.Publish("s", &events[i])
	}
	p.srv.Publish("s", &r3.Event{})
	return resp.Body
}

// decodeAll reads events until the end of the stream.
func decodeAll(t *testing.T, r io.Reader) []sse.Event {
	t.Helper()
	dec := sse.NewDecoder(r, sse.Options{})
	var got []sse.Event
	for {
		ev, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return got
		}
		if err != nil {
			t.Fatalf("after %d events: %v", len(got), err)
		}
		ev.Data = bytes.Clone(ev.Data) // the decoder reuses its buffer
		got = append(got, ev)
	}
}

func describe(ev sse.Event) string {
	d := ev.Data
	if len(d) > 40 {
		d = append(bytes.Clone(d[:40]), fmt.Sprintf("…(%d bytes)", len(ev.Data))...)
	}
	return fmt.Sprintf("{Type:%q ID:%q Retry:%v Data:%q}", ev.Type, ev.ID, ev.Retry, d)
}

func equal(a, b sse.Event) bool {
	return a.Type == b.Type && a.ID == b.ID && a.Retry == b.Retry && bytes.Equal(a.Data, b.Data)
}

func compare(t *testing.T, got, want []sse.Event) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("event %d missing; want %s", i, describe(want[i]))
		case i >= len(want):
			t.Errorf("event %d unexpected: %s", i, describe(got[i]))
		case !equal(got[i], want[i]):
			t.Errorf("event %d:\n got %s\nwant %s", i, describe(got[i]), describe(want[i]))
		}
	}
}

// reads are the ways the body reaches the decoder: as the transport hands
// it over, a byte at a time, and in odd-sized pieces that split lines,
// field names and multi-byte characters.
func reads() map[string]func(io.Reader) io.Reader {
	return map[string]func(io.Reader) io.Reader{
		"as sent": func(r io.Reader) io.Reader { return r },
		"1 byte":  iotest.OneByteReader,
		"7 bytes": func(r io.Reader) io.Reader { return &pieces{r: r, n: 7} },
		"half":    iotest.HalfReader,
		// Not iotest.DataErrReader: it drops the bytes of a Read that
		// returns data together with io.EOF, which an HTTP body may do.
	}
}

type pieces struct {
	r io.Reader
	n int
}

func (p *pieces) Read(b []byte) (int, error) { return p.r.Read(b[:min(len(b), p.n)]) }

func TestDecoderReadsEveryEventTheR3labsServerWrites(t *testing.T) {
	items := corpus()
	var in []r3.Event
	var want []sse.Event
	for _, it := range items {
		in = append(in, it.in)
		if it.want.Data != nil {
			want = append(want, it.want)
		}
	}
	for name, wrap := range reads() {
		t.Run(name, func(t *testing.T) {
			p := newProducer(t, func(s *r3.Server) {
				s.SplitData = true   // one data line per line of the payload
				s.AutoReplay = false // keep the IDs given, rather than the log's
			})
			events := make([]r3.Event, len(in)) // Publish keeps and may change them
			copy(events, in)
			body := p.get(t, "", events)
			defer body.Close()
			compare(t, decodeAll(t, wrap(body)), want)
		})
	}
}

// TestResumingFromLastEventID checks the decoder against the producer's
// replay: a client that reconnects with the last ID it saw is sent the log
// from that ID on, and reads the same events, IDs included.
func TestResumingFromLastEventID(t *testing.T) {
	p := newProducer(t, func(s *r3.Server) { s.AutoReplay = true })
	var events []r3.Event
	var all []sse.Event
	for i := range 5 {
		data := []byte(fmt.Sprintf(`{"n":%d}`, i))
		events = append(events, r3.Event{Data: data})
		all = append(all, sse.Event{ID: fmt.Sprint(i), Data: data}) // the log numbers events from 0
	}
	// The first connection sees all five; having read them also means the
	// producer has logged them, so the second one can be replayed from it.
	first := p.get(t, "", events)
	compare(t, decodeAll(t, first), all)
	first.Close()

	again := p.get(t, "2", nil)
	defer again.Close()
	compare(t, decodeAll(t, again), all[2:])
}

// TestProducerFramingIsWhatTheDecoderAssumes pins the bytes the producer
// writes for one event, so that a change on its side shows up here as a
// change of input rather than as a puzzling decoder failure.
func TestProducerFramingIsWhatTheDecoderAssumes(t *testing.T) {
	p := newProducer(t, func(s *r3.Server) { s.SplitData = true; s.AutoReplay = false })
	body := p.get(t, "", []r3.Event{{ID: []byte("1"), Event: []byte("e"), Retry: []byte("10"), Data: []byte("a\nb"), Comment: []byte("c")}})
	defer body.Close()
	raw, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	const want = "id: 1\ndata: a\ndata: b\nevent: e\nretry: 10\n: c\n\n"
	if got := string(raw); got != want {
		t.Fatalf("producer wrote %q, want %q", got, want)
	}
	if strings.Contains(string(raw), "\r") {
		t.Fatal("producer wrote a carriage return")
	}
}
