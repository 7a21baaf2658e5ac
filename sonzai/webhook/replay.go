package webhook

import (
	"context"
	"sync"
	"time"
)

// ReplayGuard remembers deliveries that have been handled, so that the same
// signed request sent twice is handled once. Back it with shared storage
// (Redis SET NX with an expiry, a unique database key) when more than one
// process receives webhooks; NewMemoryReplayGuard serves one process.
//
// Keys are the delivery's signature header. Sonzai signs each attempt anew,
// so a retry after a failure is a new key; only an exact repeat is a replay.
type ReplayGuard interface {
	// Claim records key until the given time and reports whether it was
	// new. It must be atomic: of two concurrent claims of one key, exactly
	// one reports true.
	Claim(ctx context.Context, key string, until time.Time) (bool, error)
	// Release forgets a claimed key whose delivery was not handled, so that
	// the sender's redelivery of the same request is accepted.
	Release(ctx context.Context, key string) error
}

// MemoryReplayGuard is a ReplayGuard in this process's memory. It forgets a
// key once its time has passed, and holds at most the number of keys given
// to NewMemoryReplayGuard: past that, Claim fails (and the handler answers
// 503, so the sender tries later) rather than forget a key early.
type MemoryReplayGuard struct {
	mu    sync.Mutex
	keys  map[string]time.Time
	limit int
	now   func() time.Time
}

// NewMemoryReplayGuard returns an in-memory guard holding at most limit
// keys (10,000 when limit ≤ 0). Keys live as long as the verifier's
// tolerance allows a signature, so the limit bounds deliveries per
// tolerance window.
func NewMemoryReplayGuard(limit int) *MemoryReplayGuard {
	if limit <= 0 {
		limit = 10000
	}
	return &MemoryReplayGuard{keys: make(map[string]time.Time), limit: limit, now: time.Now}
}

// errGuardFull is returned by Claim when the guard holds its limit of live
// keys.
const errGuardFull = sentinel("webhook: replay guard is full")

// Claim implements ReplayGuard.
func (g *MemoryReplayGuard) Claim(_ context.Context, key string, until time.Time) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if exp, ok := g.keys[key]; ok && now.Before(exp) {
		return false, nil
	}
	if len(g.keys) >= g.limit {
		for k, exp := range g.keys {
			if !now.Before(exp) {
				delete(g.keys, k)
			}
		}
		if len(g.keys) >= g.limit {
			return false, errGuardFull
		}
	}
	g.keys[key] = until
	return true, nil
}

// Release implements ReplayGuard.
func (g *MemoryReplayGuard) Release(_ context.Context, key string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.keys, key)
	return nil
}
