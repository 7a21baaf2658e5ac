package sonzai_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestPersonalityAndOverlaysInvalidInputSendsNothing(t *testing.T) {
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"GetMany none", "PersonalityGetManyParams.AgentIDs", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Personality.GetMany(ctx, sonzai.PersonalityGetManyParams{}))
		}},
		{"GetMany empty id", "PersonalityGetManyParams.AgentIDs[1]", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Personality.GetMany(ctx, sonzai.PersonalityGetManyParams{AgentIDs: []string{"a1", ""}}))
		}},
		{"Update nothing", "PersonalityUpdateParams", func(ctx context.Context, c *sonzai.Client) error {
			return c.Personality.Update(ctx, "a1", sonzai.PersonalityUpdateParams{})
		}},
		{"Update agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return c.Personality.Update(ctx, "", sonzai.PersonalityUpdateParams{Big5: &sonzai.Big5Scores{}})
		}},
		{"Update NaN", "PersonalityUpdateParams.Big5.Neuroticism", func(ctx context.Context, c *sonzai.Client) error {
			return c.Personality.Update(ctx, "a1", sonzai.PersonalityUpdateParams{Big5: &sonzai.Big5Scores{Neuroticism: math.NaN()}})
		}},
		{"Update Inf", "PersonalityUpdateParams.Dimensions.Volatility", func(ctx context.Context, c *sonzai.Client) error {
			return c.Personality.Update(ctx, "a1", sonzai.PersonalityUpdateParams{Dimensions: &sonzai.PersonalityDimensions{Volatility: math.Inf(1)}})
		}},
		{"UserOverlays agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Insights.UserOverlays(ctx, ".."))
		}},
		{"UserOverlay user", "userID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Insights.UserOverlay(ctx, "a1", "", sonzai.UserOverlayParams{}))
		}},
		{"TimeMachine at", "TimeMachineParams.At", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Insights.TimeMachine(ctx, "a1", sonzai.TimeMachineParams{}))
		}},
	})
}

// TestPersonalityGetManySplits: 120 agents are read in requests of 50, 50
// and 20, and the answers merged.
func TestPersonalityGetManySplits(t *testing.T) {
	var sizes []int
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ids := decodeBody(t, r)["agent_ids"].([]any)
		sizes = append(sizes, len(ids))
		out := map[string]any{}
		for _, id := range ids {
			out[id.(string)] = map[string]any{"evolution_count": 1, "profile": map[string]any{"agent_id": id}}
		}
		writeJSON(w, 200, map[string]any{"personalities": out})
	}))
	ids := make([]string, 120)
	for i := range ids {
		ids[i] = fmt.Sprint("agent-", i)
	}
	got, err := c.Personality.GetMany(context.Background(), sonzai.PersonalityGetManyParams{AgentIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 120 || got["agent-119"].Profile.AgentID != "agent-119" || fmt.Sprint(sizes) != "[50 50 20]" {
		t.Errorf("GetMany: %d entries, request sizes %v", len(got), sizes)
	}
}

// TestOverlayAndTimeMachineWire: Since goes as a date, At as RFC 3339.
func TestOverlayAndTimeMachineWire(t *testing.T) {
	var queries []string
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		writeJSON(w, 200, map[string]any{})
	}))
	ctx := context.Background()
	at := time.Date(2026, 6, 15, 12, 0, 0, 0, time.FixedZone("", 2*3600))
	if _, err := c.Insights.UserOverlay(ctx, "a1", "u1", sonzai.UserOverlayParams{Since: at, InstanceID: "i1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Insights.TimeMachine(ctx, "a1", sonzai.TimeMachineParams{At: at}); err != nil {
		t.Fatal(err)
	}
	if queries[0] != "instance_id=i1&since=2026-06-15" || queries[1] != "at=2026-06-15T12%3A00%3A00%2B02%3A00" {
		t.Errorf("queries = %q", queries)
	}
}
