package sonzai_test

import (
	"context"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// generatedFile is a file of size bytes made up as it is read: a 64 KiB
// block of varied bytes, repeated, with the round number stirred in so
// that two rounds do not upload identical content. It holds nothing but
// the block.
type generatedFile struct {
	block []byte
	left  int64
	off   int
}

func newGeneratedFile(size int64, round byte) *generatedFile {
	block := make([]byte, 64<<10)
	x := uint32(2463534242) + uint32(round)
	for i := range block {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		block[i] = byte(x)
	}
	return &generatedFile{block: block, left: size}
}

func (g *generatedFile) Read(p []byte) (int, error) {
	if g.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > g.left {
		p = p[:g.left]
	}
	n := 0
	for n < len(p) {
		c := copy(p[n:], g.block[g.off:])
		n += c
		g.off = (g.off + c) % len(g.block)
	}
	g.left -= int64(n)
	return n, nil
}

// heapSampler records the largest heap (live and not yet collected
// objects, the process's whole: SDK and fake) seen while it runs.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

func sampleHeap(every time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > h.peak {
			h.peak = v
		}
	}
	read()
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return h
}

func (h *heapSampler) done() uint64 {
	close(h.stop)
	h.wg.Wait()
	return h.peak
}

// BenchmarkKnowledgeUpload256MiB uploads a 256 MiB generated document
// through the fake (over loopback HTTP: multipart encoding, chunked
// transfer, the fake parsing and hashing it) and reports the throughput
// and the peak heap of the whole process while it runs, which must stay
// far below the file's size.
func BenchmarkKnowledgeUpload256MiB(b *testing.B) {
	const size = 256 << 20
	fake := sonzaitest.New()
	defer fake.Close()
	client, err := fake.Client()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(size)
	runtime.GC()
	heap := sampleHeap(5 * time.Millisecond)
	round := byte(0)
	for b.Loop() {
		round++
		up, err := client.Knowledge.Upload(ctx, "proj-bench", sonzai.DocumentUploadParams{
			File: newGeneratedFile(size, round), FileName: "generated.bin", ForceReplace: true,
		})
		if err != nil {
			b.Fatal(err)
		}
		if up.FileSize != size {
			b.Fatalf("the fake received %d bytes, want %d", up.FileSize, size)
		}
	}
	peak := heap.done()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	if peak > 64<<20 {
		b.Errorf("peak heap %d MiB while uploading %d MiB: the upload is not streamed", peak>>20, size>>20)
	}
}
