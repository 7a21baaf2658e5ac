package bench

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// connsBench makes 1,000 getMood calls per op, from workers goroutines,
// against a fresh server, and reports the TCP connections it accepted
// ("conns", per op) and how many of them carried a request ("conns-used":
// the calls that got a connection that was not reused, seen through
// httptrace). The two differ when net/http dials for a call that finds
// every connection busy and then hands it one that came back to the pool
// first: the dialed connection is kept idle, never used. With 32
// goroutines on 2 cores that happens in some rounds, to either client.
//
// The SDK uses its default transport, as a caller that passes no
// http.Client gets it; the baseline uses the standard library's default
// transport with MaxIdleConnsPerHost raised to 64.
func connsBench(b *testing.B, workers int) {
	const calls = 1000
	var used atomic.Int64 // connections that carried a request, this op
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			if !info.Reused {
				used.Add(1)
			}
		},
	})
	type side struct {
		name  string
		https bool
		call  func(*benchServer) func() error
	}
	sides := []side{
		{"sdk", false, func(srv *benchServer) func() error {
			c := newSDK(b, srv)
			return func() error { return sdkGetMood(ctx, c, nil) }
		}},
		{"baseline", false, func(srv *benchServer) func() error {
			c := newBaseline(srv.URL)
			return func() error { return baseGetMood(ctx, c) }
		}},
	}
	if workers > 1 {
		// Over HTTPS the transport speaks HTTP/2, and every call shares
		// one connection. The SDK's default transport is set up like this
		// one, but trusts only real certificates.
		sides = append(sides, side{"sdk-https", true, func(srv *benchServer) func() error {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.MaxIdleConnsPerHost = 100
			t.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
			c, err := sonzai.NewClient(sonzai.WithAPIKey(apiKey), sonzai.WithBaseURL(srv.URL),
				sonzai.WithHTTPClient(&http.Client{Transport: t}))
			if err != nil {
				b.Fatal(err)
			}
			return func() error { return sdkGetMood(ctx, c, nil) }
		}})
	}
	for _, side := range sides {
		b.Run(side.name, func(b *testing.B) {
			var conns, usedConns int64
			for b.Loop() {
				b.StopTimer()
				used.Store(0)
				srv := newBenchServer(b, nil)
				if side.https {
					srv.Close()
					srv = newTLSBenchServer(b)
				}
				call := side.call(srv)
				b.StartTimer()
				var wg sync.WaitGroup
				errs := make(chan error, workers)
				for w := range workers {
					wg.Go(func() {
						// Worker w makes calls w, w+workers, w+2·workers, ...
						for i := w; i < calls; i += workers {
							if err := call(); err != nil {
								errs <- err
								return
							}
						}
					})
				}
				wg.Wait()
				close(errs)
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				conns += srv.conns.Load()
				usedConns += used.Load()
				srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(conns)/float64(b.N), "conns")
			b.ReportMetric(float64(usedConns)/float64(b.N), "conns-used")
		})
	}
}

// BenchmarkConnsSequential1000 makes 1,000 calls one after the other.
func BenchmarkConnsSequential1000(b *testing.B) { connsBench(b, 1) }

// BenchmarkConnsConcurrent1000 makes 1,000 calls from 32 goroutines.
func BenchmarkConnsConcurrent1000(b *testing.B) { connsBench(b, 32) }
