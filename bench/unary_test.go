package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// unary runs one operation as /sdk and /baseline sub-benchmarks against the
// same server. make bench runs the whole set in several interleaved rounds
// so that drift on the machine affects both sides alike.
func unary(b *testing.B, sdk func(context.Context, *sonzai.Client, *sonzai.Session) error, base func(context.Context, *baseline) error) {
	srv := newBenchServer(b, nil)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := newSDK(b, srv)
		s := sdkSession(b, c)
		if err := sdk(ctx, c, s); err != nil { // warm the connection
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := sdk(ctx, c, s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		c := newBaseline(srv.URL)
		if err := base(ctx, c); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := base(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("paired", func(b *testing.B) { paired(b, sdk, base) })
}

// The operations, as a caller writes them with each client.
var (
	sdkGetMood = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		_, err := c.Mood.Get(ctx, agentID, sonzai.MoodParams{UserID: userID})
		return err
	}
	baseGetMood = func(ctx context.Context, c *baseline) error {
		_, err := c.getMood(ctx)
		return err
	}
	// rawGetMood is getMood through Client.Raw, the generated typed client
	// every operation is reachable by, over the same pipeline.
	rawGetMood = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		uid := userID
		r, err := c.Raw().GetMoodWithResponse(ctx, agentID, &gen.GetMoodParams{UserId: &uid})
		if err != nil {
			return err
		}
		if r.JSON200 == nil {
			return fmt.Errorf("getMood via Raw: %d answer not decoded", r.StatusCode())
		}
		return nil
	}
	sdkSubmitTurn = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		cp := contextParams
		_, err := s.Turn(ctx, sonzai.TurnParams{Messages: turnMessages, FetchNextContext: &cp})
		return err
	}
	baseSubmitTurn = func(ctx context.Context, c *baseline) error {
		_, err := c.submitTurn(ctx, turnRequest())
		return err
	}
	sdkGetContext = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		_, err := s.Context(ctx, contextParams)
		return err
	}
	baseGetContext = func(ctx context.Context, c *baseline) error {
		_, err := c.getContext(ctx)
		return err
	}
	sdkListAgents = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		n := 0
		for _, err := range c.Agents.List(ctx, sonzai.AgentListParams{PageSize: pageSize}) {
			if err != nil {
				return err
			}
			n++
		}
		return wantCount(n, pages*pageSize)
	}
	baseListAgents = func(ctx context.Context, c *baseline) error {
		n, err := c.listAgents(ctx)
		if err != nil {
			return err
		}
		return wantCount(n, pages*pageSize)
	}
	sdkSetTools = func(ctx context.Context, c *sonzai.Client, s *sonzai.Session) error {
		return s.SetTools(ctx, sessionTools)
	}
	baseSetTools = func(ctx context.Context, c *baseline) error {
		return c.setTools(ctx, toolsRequest())
	}
)

// BenchmarkGetMood is a small GET (~600-byte answer).
func BenchmarkGetMood(b *testing.B) { unary(b, sdkGetMood, baseGetMood) }

// BenchmarkGetMoodRaw is BenchmarkGetMood through Client.Raw: the budget
// for the generated client is the same 1.10x of the baseline.
func BenchmarkGetMoodRaw(b *testing.B) { unary(b, rawGetMood, baseGetMood) }

// BenchmarkSubmitTurn is a POST of 4 messages (one a tool call, one its
// result) answered with a mood and a ~20 KB next_context.
func BenchmarkSubmitTurn(b *testing.B) { unary(b, sdkSubmitTurn, baseSubmitTurn) }

// BenchmarkGetContext is a GET answered with a ~50 KB enriched context.
func BenchmarkGetContext(b *testing.B) { unary(b, sdkGetContext, baseGetContext) }

// BenchmarkListAgents10Pages walks 10 pages of 20 agents, one op.
func BenchmarkListAgents10Pages(b *testing.B) { unary(b, sdkListAgents, baseListAgents) }

// BenchmarkSetTools is a PUT of three tool definitions.
func BenchmarkSetTools(b *testing.B) { unary(b, sdkSetTools, baseSetTools) }

func wantCount(got, want int) error {
	if got != want {
		return fmt.Errorf("walked %d agents, want %d", got, want)
	}
	return nil
}
