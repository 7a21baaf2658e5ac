package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// seenRequest is what reached the server, minus what the transport adds
// the same way for both sides (Host, Content-Length, Accept-Encoding).
type seenRequest struct {
	Method, URI                                   string
	Authorization, ContentType, Accept, UserAgent string
	Body                                          string
}

type recorder struct {
	mu   sync.Mutex
	seen []seenRequest
}

func (rec *recorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec.mu.Lock()
		rec.seen = append(rec.seen, seenRequest{
			Method: r.Method, URI: r.RequestURI,
			Authorization: r.Header.Get("Authorization"), ContentType: r.Header.Get("Content-Type"),
			Accept: r.Header.Get("Accept"), UserAgent: r.Header.Get("User-Agent"),
			Body: string(body),
		})
		rec.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func (rec *recorder) take() []seenRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := rec.seen
	rec.seen = nil
	return out
}

// TestWireParity checks that the baseline does the same useful work as the
// SDK: for every benchmarked operation both sides put the same requests on
// the wire, and both get what they asked for.
func TestWireParity(t *testing.T) {
	rec := &recorder{}
	srv := newWrappedServer(t, deltaStream(3), rec.wrap)
	ctx := context.Background()
	c := newSDK(t, srv)
	s := sdkSession(t, c)
	base := newBaseline(srv.URL)

	ops := []struct {
		name string
		sdk  func(context.Context, *sonzai.Client, *sonzai.Session) error
		base func(context.Context, *baseline) error
		n    int // requests per op
	}{
		{"getMood", sdkGetMood, baseGetMood, 1},
		{"submitTurn", sdkSubmitTurn, baseSubmitTurn, 1},
		{"getContext", sdkGetContext, baseGetContext, 1},
		{"listAgents", sdkListAgents, baseListAgents, pages},
		{"setTools", sdkSetTools, baseSetTools, 1},
		{"chat", sdkStreamCount(4), baseStreamCount(4), 1},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			if err := op.sdk(ctx, c, s); err != nil {
				t.Fatalf("sdk: %v", err)
			}
			fromSDK := rec.take()
			if err := op.base(ctx, base); err != nil {
				t.Fatalf("baseline: %v", err)
			}
			fromBase := rec.take()
			if len(fromSDK) != op.n || len(fromBase) != op.n {
				t.Fatalf("requests: sdk %d, baseline %d, want %d", len(fromSDK), len(fromBase), op.n)
			}
			for i := range fromSDK {
				if fromSDK[i] != fromBase[i] {
					t.Errorf("request %d differs:\n sdk      %+v\n baseline %+v", i, fromSDK[i], fromBase[i])
				}
			}
		})
	}
}

// TestDecodedParity checks that both sides decode the same values.
func TestDecodedParity(t *testing.T) {
	srv := newBenchServer(t, nil)
	ctx := context.Background()
	s := sdkSession(t, newSDK(t, srv))
	base := newBaseline(srv.URL)

	got, err := s.Context(ctx, contextParams)
	if err != nil {
		t.Fatal(err)
	}
	want, err := base.getContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.context) < 50<<10 || len(srv.turn) < 20<<10 {
		t.Errorf("fixtures too small: context %d, turn %d bytes", len(srv.context), len(srv.turn))
	}
	if got.PersonalityPrompt != want.PersonalityPrompt || len(got.LoadedFacts) != len(want.LoadedFacts) ||
		len(got.RecentTurns) != len(want.RecentTurns) || got.ChemistryScore != want.ChemistryScore ||
		!bytes.Equal(got.KnowledgeResults, want.Knowledge.Results) || !bytes.Equal(got.BackendContext, want.BackendContext) ||
		!bytes.Equal(got.Big5, want.Big5) || len(got.SpeechPatterns) != len(want.SpeechPatterns) {
		t.Errorf("getContext decoded differently")
	}
	turn, err := s.Turn(ctx, sonzai.TurnParams{Messages: turnMessages, FetchNextContext: &contextParams})
	if err != nil {
		t.Fatal(err)
	}
	bturn, err := base.submitTurn(ctx, turnRequest())
	if err != nil {
		t.Fatal(err)
	}
	if turn.Mood == nil || bturn.Mood == nil || turn.Mood.Valence != bturn.Mood.Valence || turn.NextContext == nil || bturn.NextContext == nil ||
		len(turn.NextContext.LoadedFacts) != len(bturn.NextContext.LoadedFacts) || turn.ExtractionID != bturn.ExtractionID {
		t.Errorf("submitTurn decoded differently")
	}
}
