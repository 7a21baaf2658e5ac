package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestMemoryMoreInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	checkDirBadInputs(t, []dirBadInput{
		{"Consolidate no period", "MemoryConsolidateParams.Period", func(c *sonzai.Client) error {
			return c.Memory.Consolidate(ctx, "a1", sonzai.MemoryConsolidateParams{UserID: "u1"})
		}},
		{"Consolidate bad period", "MemoryConsolidateParams.Period", func(c *sonzai.Client) error {
			return c.Memory.Consolidate(ctx, "a1", sonzai.MemoryConsolidateParams{Period: "hourly", UserID: "u1"})
		}},
		{"Consolidate no user", "MemoryConsolidateParams.UserID", func(c *sonzai.Client) error {
			return c.Memory.Consolidate(ctx, "a1", sonzai.MemoryConsolidateParams{Period: sonzai.SummaryDaily})
		}},
		{"Summaries period", "SummaryListParams.Period", func(c *sonzai.Client) error {
			_, err := c.Memory.Summaries(ctx, "a1", sonzai.SummaryListParams{Period: "monthly"})
			return err
		}},
		{"Summaries limit", "SummaryListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Memory.Summaries(ctx, "a1", sonzai.SummaryListParams{Limit: -1})
			return err
		}},
		{"Summaries limit over the API's 100", "SummaryListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Memory.Summaries(ctx, "a1", sonzai.SummaryListParams{Limit: sonzai.MaxSummaryLimit + 1})
			return err
		}},
		{"Timeline end before start", "TimelineParams.End", func(c *sonzai.Client) error {
			_, err := c.Memory.Timeline(ctx, "a1", sonzai.TimelineParams{Start: day, End: day.AddDate(0, 0, -1)})
			return err
		}},
		{"Timeline agent", "agentID", func(c *sonzai.Client) error {
			_, err := c.Memory.Timeline(ctx, "", sonzai.TimelineParams{})
			return err
		}},
		{"WisdomAudit fact", "factID", func(c *sonzai.Client) error { _, err := c.Memory.WisdomAudit(ctx, "a1", ""); return err }},
		{"DeleteWisdomFact fact", "factID", func(c *sonzai.Client) error { return c.Memory.DeleteWisdomFact(ctx, "a1", "..") }},
		{"UserConversations user", "userID", func(c *sonzai.Client) error {
			_, err := c.Memory.UserConversations(ctx, "a1", "", sonzai.UserConversationsParams{})
			return err
		}},
		{"UserConversations limit", "UserConversationsParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Memory.UserConversations(ctx, "a1", "u1", sonzai.UserConversationsParams{Limit: 201})
			return err
		}},
		{"UserFacts limit", "UserFactListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Memory.UserFacts(ctx, "a1", "u1", sonzai.UserFactListParams{Limit: sonzai.MaxUserFacts + 1})
			return err
		}},
		{"UserFacts user", "userID", func(c *sonzai.Client) error {
			_, err := c.Memory.UserFacts(ctx, "a1", ".", sonzai.UserFactListParams{})
			return err
		}},
	})
}

// TestDeleteWisdomFactIsNeverRetried: the delete may have happened after a
// 5xx, so it is sent once.
func TestDeleteWisdomFactIsNeverRetried(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 502, "bad gateway") }))
	if err := c.Memory.DeleteWisdomFact(context.Background(), "a1", "w1"); !errors.Is(err, sonzai.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("DeleteWisdomFact sent %d requests, want 1", got)
	}
}

// TestMemoryMoreQueries checks the query each read sends.
func TestMemoryMoreQueries(t *testing.T) {
	ctx := context.Background()
	t.Run("Timeline", func(t *testing.T) {
		c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/memory/timeline",
			query: url.Values{"user_id": {"u1"}, "instance_id": {"i1"}, "start": {"2026-03-01"}, "end": {"2026-03-04"}}}, 200,
			`{"sessions":[{"session_id":"s1","facts":[],"first_fact_at":"2026-03-01T10:00:00Z","last_fact_at":"not a time","fact_count":0}],"total_facts":0}`)
		tl, err := c.Memory.Timeline(ctx, "a1", sonzai.TimelineParams{UserID: "u1", InstanceID: "i1",
			Start: time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if len(tl.Sessions) != 1 || tl.Sessions[0].FirstFactAt.IsZero() || !tl.Sessions[0].LastFactAt.IsZero() {
			t.Errorf("Timeline = %+v", tl)
		}
	})
	t.Run("UserFacts", func(t *testing.T) {
		c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/users/u%201/facts",
			query: url.Values{"instance_id": {"i1"}, "limit": {"10"}, "has_metadata": {"true"}, "metadata.kind": {"event"},
				"metadata.sentiment": {"mixed"}}}, 200, `{"facts":[],"total":3}`)
		out, err := c.Memory.UserFacts(ctx, "a1", "u 1", sonzai.UserFactListParams{InstanceID: "i1", Limit: 10, WithMetadata: true,
			Kind: "event", Sentiment: "mixed"})
		if err != nil || out.Total != 3 {
			t.Errorf("UserFacts = %+v, %v", out, err)
		}
	})
	t.Run("Summaries", func(t *testing.T) {
		c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/memory/summaries",
			query: url.Values{"period": {"weekly"}, "limit": {"3"}}}, 200,
			`{"summaries":[{"summary_id":"s","agent_id":"a1","user_id":"u","session_id":"x","stage":"weekly","summary":"t","topics":["a"],"period_start":"2026-01-02T03:04:05Z","period_end":"2026-01-02T03:04:05Z","created_at":"2026-01-02T03:04:05Z"}]}`)
		sums, err := c.Memory.Summaries(ctx, "a1", sonzai.SummaryListParams{Period: sonzai.SummaryWeekly, Limit: 3})
		if err != nil || len(sums) != 1 {
			t.Fatalf("Summaries = %+v, %v", sums, err)
		}
		requireAllSet(t, "MemorySummary", sums[0])
		// The API's maximum is accepted.
		c, _ = serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/memory/summaries",
			query: url.Values{"limit": {"100"}}}, 200, `{"summaries":[]}`)
		if _, err := c.Memory.Summaries(ctx, "a1", sonzai.SummaryListParams{Limit: sonzai.MaxSummaryLimit}); err != nil {
			t.Errorf("Summaries with Limit %d: %v", sonzai.MaxSummaryLimit, err)
		}
	})
	t.Run("Consolidate without success", func(t *testing.T) {
		c, _ := serveCall(t, wantCall{method: http.MethodPost, path: "/api/v1/agents/a1/memory/consolidate",
			body: `{"period":"daily","user_id":"u1"}`}, 200, `{"success":false}`)
		if err := c.Memory.Consolidate(ctx, "a1", sonzai.MemoryConsolidateParams{Period: sonzai.SummaryDaily, UserID: "u1"}); err == nil {
			t.Error("Consolidate: no error for success=false")
		}
	})
	t.Run("WisdomAudit", func(t *testing.T) {
		c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/memory/wisdom/audit/w1"}, 200,
			`{"fact_id":"w1","content":"c","source_user_count":4,"promotion_confidence":0.8,"promoted_at":"2026-01-02T03:04:05Z","target_path":"p","derived_from_hashes":["h"]}`)
		a, err := c.Memory.WisdomAudit(ctx, "a1", "w1")
		if err != nil {
			t.Fatal(err)
		}
		requireAllSet(t, "WisdomAudit", *a)
	})
}
