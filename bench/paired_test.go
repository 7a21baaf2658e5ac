package bench

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// pairWindow is how long one side runs before the other takes over in a
// paired benchmark: short enough that both sides see the same machine,
// long enough (about 70 small calls, or two 10-page walks) that the
// clock and CPU-time reads at each switch cost nothing measurable.
const pairWindow = 5 * time.Millisecond

// paired runs the SDK and the baseline in alternating windows of
// pairWindow against one server, and reports the ratio of their time per call
// (time-ratio) and of the process CPU time per call (cpu-ratio, user plus
// system; the server runs in the process too, and its share is the same for
// both sides).
//
// It exists because the separate /sdk and /baseline sub-benchmarks run
// 300 ms apart, and on a shared 2-core VM a small loopback call's time
// moves by 20–50% between such windows (measured: 53–150 µs for the same
// baseline call in one session), which makes the ratio of their medians
// swing by more than the 10% it is judged against. Alternating every few
// milliseconds puts that drift on both sides alike. A window ends after the
// call that reaches pairWindow, so each side makes at least one call per
// window whatever a call costs.
func paired(b *testing.B, sdk func(context.Context, *sonzai.Client, *sonzai.Session) error, base func(context.Context, *baseline) error) {
	srv := newBenchServer(b, nil)
	ctx := context.Background()
	c := newSDK(b, srv)
	s := sdkSession(b, c)
	bc := newBaseline(srv.URL)
	// Warm both connections.
	if err := sdk(ctx, c, s); err != nil {
		b.Fatal(err)
	}
	if err := base(ctx, bc); err != nil {
		b.Fatal(err)
	}
	var wall, cpu [2]time.Duration // [0] the SDK, [1] the baseline
	var calls [2]int
	b.ReportAllocs()
	side := 0
	startWall, startCPU := time.Now(), processCPU(b)
	for b.Loop() {
		var err error
		if side == 0 {
			err = sdk(ctx, c, s)
		} else {
			err = base(ctx, bc)
		}
		if err != nil {
			b.Fatal(err)
		}
		calls[side]++
		if now := time.Now(); now.Sub(startWall) >= pairWindow {
			nowCPU := processCPU(b)
			wall[side] += now.Sub(startWall)
			cpu[side] += nowCPU - startCPU
			side = 1 - side
			startWall, startCPU = now, nowCPU
		}
	}
	wall[side] += time.Since(startWall)
	cpu[side] += processCPU(b) - startCPU
	if calls[0] == 0 || calls[1] == 0 {
		return // one window only: b.N too small for a ratio
	}
	per := func(d time.Duration, n int) float64 { return float64(d) / float64(n) }
	b.ReportMetric(per(wall[0], calls[0])/per(wall[1], calls[1]), "time-ratio")
	b.ReportMetric(per(cpu[0], calls[0])/per(cpu[1], calls[1]), "cpu-ratio")
	b.ReportMetric(per(wall[0], calls[0]), "sdk-ns/call")
	b.ReportMetric(per(wall[1], calls[1]), "baseline-ns/call")
}

// processCPU is the user plus system CPU time the process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
