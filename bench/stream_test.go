package bench

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// deltaStream is an SSE body of n content deltas and [DONE] (n+1 events).
func deltaStream(n int) []byte {
	var b strings.Builder
	for range n {
		b.WriteString(`data: {"choices":[{"delta":{"content":"hello "},"index":0}]}` + "\n\n")
	}
	b.WriteString("data: [DONE]\n\n")
	return []byte(b.String())
}

// frameStream is an SSE body of one context_ready frame whose data line is
// about size bytes, and [DONE] (2 events).
func frameStream(size int) []byte {
	frame := mustJSON(map[string]any{
		"type": "context_ready", "build_duration_ms": 850, "used_fast_path": false,
		"enriched_context": contextObject(size),
	})
	return []byte("data: " + string(frame) + "\n\ndata: [DONE]\n\n")
}

// sdkStream reads one chat answer with the SDK and returns the number of
// events; each, when set, sees every event.
func sdkStream(ctx context.Context, c *sonzai.Client, each func(sonzai.ChatEvent)) (int, error) {
	stream, err := c.Chat.Stream(ctx, agentID, chatParams)
	if err != nil {
		return 0, err
	}
	defer stream.Close()
	n := 0
	for stream.Next() {
		n++
		if each != nil {
			each(stream.Event())
		}
	}
	return n, stream.Err()
}

// sdkStreamCount and baseStreamCount are whole streams as operations, for
// TestWireParity.
func sdkStreamCount(want int) func(context.Context, *sonzai.Client, *sonzai.Session) error {
	return func(ctx context.Context, c *sonzai.Client, _ *sonzai.Session) error {
		n, err := sdkStream(ctx, c, nil)
		if err == nil {
			err = wantCount(n, want)
		}
		return err
	}
}

func baseStreamCount(want int) func(context.Context, *baseline) error {
	return func(ctx context.Context, c *baseline) error {
		n, err := c.stream(ctx, chatRequest(), nil)
		if err == nil {
			err = wantCount(n, want)
		}
		return err
	}
}

// sink keeps the compiler from dropping what the consumers read.
var sink int

// streamBench streams body as /sdk and /baseline and reports events/s,
// MB/s, allocations per event and, for big frames, how many bytes were
// allocated per byte of the stream (x-frame-alloc: each frame-sized buffer
// counts about 1). After the timed loop, one more stream reports the peak
// growth of the live heap (heap-growth-B), sampled at every sampleEvery-th
// event.
func streamBench(b *testing.B, body []byte, events, sampleEvery int) {
	srv := newBenchServer(b, body)
	ctx := context.Background()
	req := chatRequest()
	open := map[string]func(*testing.B) func(hook func()) (int, error){
		"sdk": func(b *testing.B) func(func()) (int, error) {
			c := newSDK(b, srv)
			return func(hook func()) (int, error) {
				return sdkStream(ctx, c, func(ev sonzai.ChatEvent) {
					sink += len(ev.Content) + len(ev.EnrichedContext)
					hook()
				})
			}
		},
		"baseline": func(b *testing.B) func(func()) (int, error) {
			c := newBaseline(srv.URL)
			return func(hook func()) (int, error) {
				return c.stream(ctx, req, func(ch *baseChunk) {
					if len(ch.Choices) > 0 {
						sink += len(ch.Choices[0].Delta.Content)
					}
					sink += len(ch.EnrichedContext)
					hook()
				})
			}
		},
	}
	for _, side := range []string{"sdk", "baseline"} {
		b.Run(side, func(b *testing.B) {
			stream := open[side](b)
			nop := func() {}
			if _, err := stream(nop); err != nil { // warm the connection
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				n, err := stream(nop)
				if err != nil {
					b.Fatal(err)
				}
				if n != events {
					b.Fatalf("%d events, want %d", n, events)
				}
			}
			runtime.ReadMemStats(&after)
			total := float64(b.N) * float64(events)
			b.ReportMetric(total/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/total, "allocs/event")
			if len(body) > 1<<20 {
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(body)), "x-frame-alloc")
			}
			peak, err := peakLiveHeap(sampleEvery, stream)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(peak), "heap-growth-B")
		})
	}
}

// peakLiveHeap runs stream once and returns the largest growth of the live
// heap it saw, sampled at every every-th event: a collection, then
// HeapAlloc. So it sees memory still referenced (buffers, events kept), not
// garbage awaiting collection, whose size only reflects GOGC.
func peakLiveHeap(every int, stream func(hook func()) (int, error)) (uint64, error) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	start, peak, n := ms.HeapAlloc, uint64(0), 0
	_, err := stream(func() {
		if n++; n%every == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > start {
				peak = max(peak, ms.HeapAlloc-start)
			}
		}
	})
	return peak, err
}

// BenchmarkStream10kDeltas is a chat answer of 10,000 small deltas.
func BenchmarkStream10kDeltas(b *testing.B) { streamBench(b, deltaStream(10_000), 10_001, 1000) }

// BenchmarkStream8MiBFrame is a chat answer whose context_ready frame
// carries an 8 MiB enriched context.
func BenchmarkStream8MiBFrame(b *testing.B) { streamBench(b, frameStream(8<<20), 2, 1) }

// BenchmarkStreamHeap100k streams 100,000 deltas and reports the peak
// growth of the live heap while the stream runs, sampled every 5,000
// events (see peakLiveHeap). It runs once per round (make bench: -benchtime 1x).
func BenchmarkStreamHeap100k(b *testing.B) {
	const events = 100_000
	body := deltaStream(events)
	srv := newBenchServer(b, body)
	ctx := context.Background()
	req := chatRequest()
	for _, side := range []string{"sdk", "baseline"} {
		b.Run(side, func(b *testing.B) {
			var stream func(hook func()) (int, error)
			if side == "sdk" {
				c := newSDK(b, srv)
				stream = func(hook func()) (int, error) {
					return sdkStream(ctx, c, func(sonzai.ChatEvent) { hook() })
				}
			} else {
				c := newBaseline(srv.URL)
				stream = func(hook func()) (int, error) {
					return c.stream(ctx, req, func(*baseChunk) { hook() })
				}
			}
			if _, err := stream(func() {}); err != nil { // warm the connection
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			var peak uint64
			for b.Loop() {
				p, err := peakLiveHeap(5000, stream)
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak), "heap-growth-B")
		})
	}
}

func TestStreamFixtures(t *testing.T) {
	body := frameStream(8 << 20)
	if len(body) < 8<<20 || len(body) > 9<<20 {
		t.Errorf("8 MiB frame stream is %d bytes", len(body))
	}
	srv := newBenchServer(t, body)
	n, err := sdkStream(context.Background(), newSDK(t, srv), func(ev sonzai.ChatEvent) {
		if ev.Kind == sonzai.ChatContextReady && len(ev.EnrichedContext) < 8<<20 {
			t.Errorf("enriched context is %d bytes", len(ev.EnrichedContext))
		}
	})
	if err != nil || n != 2 {
		t.Fatal(fmt.Sprint(n, err))
	}
}
