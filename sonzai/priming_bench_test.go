package sonzai_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// importHeapSampler records the largest live heap seen while it runs: the heap
// each garbage collection found live (runtime/metrics, read every
// millisecond, without stopping the world), and the live heap at the end.
type importHeapSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	done sync.WaitGroup
}

const importHeapMetric = "/gc/heap/live:bytes"

func importHeapNow() uint64 {
	s := []metrics.Sample{{Name: importHeapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startImportHeapSampler() *importHeapSampler {
	h := &importHeapSampler{stop: make(chan struct{})}
	h.peak.Store(importHeapNow())
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				if v := importHeapNow(); v > h.peak.Load() {
					h.peak.Store(v)
				}
			}
		}
	}()
	return h
}

func (h *importHeapSampler) finish() uint64 {
	close(h.stop)
	h.done.Wait()
	if v := importHeapNow(); v > h.peak.Load() {
		h.peak.Store(v)
	}
	return h.peak.Load()
}

// BenchmarkImportUsers50k imports 50,000 users, each with a name, an email
// and a company (which the fake turns into a fact), through the fake (in
// this process), read from an
// iterator as the batches go, and waits for every job. It reports the
// requests sent per import and the peak live heap: peak-heap-MB is the
// whole process (the fake keeps every imported user, as the server
// would), sdk-heap-MB the peak above what the fake holds once the import
// is done, which stays within a few batches' worth because the SDK never
// holds the 50,000 users.
func BenchmarkImportUsers50k(b *testing.B) {
	const users = 50_000
	ctx := context.Background()
	from := func(yield func(sonzai.ImportUser) bool) {
		for i := range users {
			u := sonzai.ImportUser{
				UserID:      fmt.Sprintf("bench-%05d", i),
				DisplayName: fmt.Sprintf("Bench User %d", i),
				Profile:     sonzai.UserProfile{Email: fmt.Sprintf("user%d@example.com", i), Company: "Example Co"},
			}
			if !yield(u) {
				return
			}
		}
	}
	var requests, peak, sdkPeak float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fake := sonzaitest.New(sonzaitest.WithJobDuration(0))
		client, err := fake.Client()
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		base := importHeapNow()
		sampler := startImportHeapSampler()
		b.StartTimer()

		imp, err := client.Priming.ImportUsers(ctx, sonzaitest.DemoAgentID, sonzai.UserImportParams{From: from, Source: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		for _, id := range imp.JobIDs() {
			if _, err := client.Priming.WaitImport(ctx, sonzaitest.DemoAgentID, id); err != nil {
				b.Fatal(err)
			}
		}

		b.StopTimer()
		top := sampler.finish()
		if imp.Users != users {
			b.Fatalf("imported %d users, want %d", imp.Users, users)
		}
		runtime.GC()
		held := importHeapNow() // the fake's state, with the imported users
		requests += float64(fake.Requests(sonzaitest.OpBatchImportUsers))
		peak += float64(top-base) / (1 << 20)
		if top > held {
			sdkPeak += float64(top-held) / (1 << 20)
		}
		fake.Close()
		b.StartTimer()
	}
	b.ReportMetric(requests/float64(b.N), "requests/op")
	b.ReportMetric(peak/float64(b.N), "peak-heap-MB")
	b.ReportMetric(sdkPeak/float64(b.N), "sdk-heap-MB")
}
