package sonzaitest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestInstancesFlow walks an instance through its life under the recording
// harness: create, list, read, update, reset (the default instance's reset
// erases the agent's facts), delete; the default instance cannot be
// deleted.
func TestInstancesFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client

	list, err := c.Instances.List(ctx, DemoAgentID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !list[0].IsDefault || list[0].Status != sonzai.InstanceActive {
		t.Fatalf("List = %+v, want the default instance", list)
	}
	def := list[0]
	in, err := c.Instances.Create(ctx, DemoAgentID, sonzai.InstanceCreateParams{Name: "staging", Description: "For tests"})
	if err != nil {
		t.Fatal(err)
	}
	if in.InstanceID == "" || in.Name != "staging" || in.Description != "For tests" || in.IsDefault || in.CreatedAt.IsZero() {
		t.Errorf("Create = %+v", in)
	}
	if _, err := c.Instances.Create(ctx, DemoAgentID, sonzai.InstanceCreateParams{Name: "staging"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("second Create(staging): err = %v, want ErrConflict", err)
	}
	up, err := c.Instances.Update(ctx, DemoAgentID, in.InstanceID, sonzai.InstanceUpdateParams{
		Description: sonzai.Ptr(""), Status: sonzai.Ptr(sonzai.InstanceArchived)})
	if err != nil {
		t.Fatal(err)
	}
	if up.Name != "staging" || up.Description != "" || up.Status != sonzai.InstanceArchived {
		t.Errorf("Update = %+v", up)
	}
	got, err := c.Instances.Get(ctx, DemoAgentID, in.InstanceID)
	if err != nil || got.Status != sonzai.InstanceArchived {
		t.Errorf("Get = %+v, %v", got, err)
	}
	reset, err := c.Instances.Reset(ctx, DemoAgentID, in.InstanceID)
	if err != nil || reset.Instance.Status != sonzai.InstanceActive || reset.FactsDeleted != 0 {
		t.Errorf("Reset(staging) = %+v, %v", reset, err)
	}

	if _, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{UserID: "inst-user", Content: "Kim rows at dawn."}); err != nil {
		t.Fatal(err)
	}
	reset, err = c.Instances.Reset(ctx, DemoAgentID, def.InstanceID)
	if err != nil || reset.FactsDeleted == 0 || reset.NodesDeleted == 0 || !reset.Instance.IsDefault {
		t.Errorf("Reset(default) = %+v, %v", reset, err)
	}
	facts, err := c.Memory.UserFacts(ctx, DemoAgentID, "inst-user", sonzai.UserFactListParams{})
	if err != nil || len(facts.Facts) != 0 {
		t.Errorf("after the reset, UserFacts = %+v, %v", facts, err)
	}

	if err := c.Instances.Delete(ctx, DemoAgentID, def.InstanceID); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("Delete(default): err = %v, want ErrConflict", err)
	}
	if err := c.Instances.Delete(ctx, DemoAgentID, in.InstanceID); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"Get":    func() error { _, err := c.Instances.Get(ctx, DemoAgentID, in.InstanceID); return err }(),
		"Delete": c.Instances.Delete(ctx, DemoAgentID, in.InstanceID),
		"Reset":  func() error { _, err := c.Instances.Reset(ctx, DemoAgentID, in.InstanceID); return err }(),
		"Update": func() error {
			_, err := c.Instances.Update(ctx, DemoAgentID, in.InstanceID, sonzai.InstanceUpdateParams{Name: sonzai.Ptr("x")})
			return err
		}(),
		"List unknown agent": func() error { _, err := c.Instances.List(ctx, "no-such-agent"); return err }(),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// TestMemoryMoreFlow covers consolidation, summaries, the timeline, a
// user's facts and conversations and wisdom facts under the harness.
func TestMemoryMoreFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	const user = "user-more"

	f, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{UserID: user, Content: "Lee builds kites.",
		Metadata: map[string]any{"kind": "preference", "sentiment": "positive"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{UserID: user, Content: "Lee lives by the sea."}); err != nil {
		t.Fatal(err)
	}
	all, err := c.Memory.UserFacts(ctx, DemoAgentID, user, sonzai.UserFactListParams{})
	if err != nil || len(all.Facts) != 2 || all.Total != 2 {
		t.Fatalf("UserFacts = %+v, %v", all, err)
	}
	some, err := c.Memory.UserFacts(ctx, DemoAgentID, user, sonzai.UserFactListParams{WithMetadata: true, Kind: "preference", Limit: 5})
	if err != nil || len(some.Facts) != 1 || some.Facts[0].FactID != f.FactID || some.Total != 1 {
		t.Errorf("UserFacts(kind=preference) = %+v, %v", some, err)
	}
	cut, err := c.Memory.UserFacts(ctx, DemoAgentID, user, sonzai.UserFactListParams{Limit: 1})
	if err != nil || len(cut.Facts) != 1 || cut.Total != 2 {
		t.Errorf("UserFacts(limit 1) = %+v, %v", cut, err)
	}

	tl, err := c.Memory.Timeline(ctx, DemoAgentID, sonzai.TimelineParams{UserID: user, Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil || tl.TotalFacts != 2 || len(tl.Sessions) != 1 || tl.Sessions[0].FactCount != 2 || tl.Sessions[0].FirstFactAt.IsZero() {
		t.Errorf("Timeline = %+v, %v", tl, err)
	}

	if err := c.Memory.Consolidate(ctx, DemoAgentID, sonzai.MemoryConsolidateParams{Period: sonzai.SummaryDaily, UserID: user}); err != nil {
		t.Fatal(err)
	}
	sums, err := c.Memory.Summaries(ctx, DemoAgentID, sonzai.SummaryListParams{Period: sonzai.SummaryDaily})
	if err != nil || len(sums) != 1 || sums[0].Stage != "daily" || !strings.Contains(sums[0].Summary, "kites") || sums[0].UserID != user {
		t.Errorf("Summaries(daily) = %+v, %v", sums, err)
	}
	if weekly, err := c.Memory.Summaries(ctx, DemoAgentID, sonzai.SummaryListParams{Period: sonzai.SummaryWeekly}); err != nil || len(weekly) != 0 {
		t.Errorf("Summaries(weekly) = %+v, %v", weekly, err)
	}

	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I flew a kite today."), sonzai.AssistantMessage("Lovely!")}}); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Memory.UserConversations(ctx, DemoAgentID, user, sonzai.UserConversationsParams{Limit: 10})
	if err != nil || len(msgs) != 2 || msgs[0].SessionID != sess.ID() || msgs[0].Timestamp.IsZero() {
		t.Errorf("UserConversations = %+v, %v", msgs, err)
	}
	if _, err := sess.End(ctx, sonzai.EndParams{}); err != nil {
		t.Fatal(err)
	}
	sums, err = c.Memory.Summaries(ctx, DemoAgentID, sonzai.SummaryListParams{})
	if err != nil || !slices.ContainsFunc(sums, func(s sonzai.MemorySummary) bool { return s.Stage == "session" && s.SessionID == sess.ID() }) {
		t.Errorf("Summaries() = %+v, %v; want the session's", sums, err)
	}

	// Wisdom: the agent's own facts.
	w, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{Content: "People open up on long walks."})
	if err != nil {
		t.Fatal(err)
	}
	audit, err := c.Memory.WisdomAudit(ctx, DemoAgentID, w.FactID)
	if err != nil || audit.Content != w.AtomicText || audit.PromotedAt.IsZero() || len(audit.DerivedFromHashes) != 1 {
		t.Errorf("WisdomAudit = %+v, %v", audit, err)
	}
	if _, err := c.Memory.WisdomAudit(ctx, DemoAgentID, f.FactID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("WisdomAudit(a user's fact): err = %v, want ErrNotFound", err)
	}
	if err := c.Memory.DeleteWisdomFact(ctx, DemoAgentID, f.FactID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("DeleteWisdomFact(a user's fact): err = %v, want ErrNotFound", err)
	}
	if err := c.Memory.DeleteWisdomFact(ctx, DemoAgentID, w.FactID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Memory.WisdomAudit(ctx, DemoAgentID, w.FactID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("WisdomAudit after the delete: err = %v, want ErrNotFound", err)
	}
	for name, err := range map[string]error{
		"Timeline": func() error { _, err := c.Memory.Timeline(ctx, "no-such-agent", sonzai.TimelineParams{}); return err }(),
		"UserFacts": func() error {
			_, err := c.Memory.UserFacts(ctx, "no-such-agent", user, sonzai.UserFactListParams{})
			return err
		}(),
		"Summaries": func() error {
			_, err := c.Memory.Summaries(ctx, "no-such-agent", sonzai.SummaryListParams{})
			return err
		}(),
		"UserConversations": func() error {
			_, err := c.Memory.UserConversations(ctx, "no-such-agent", user, sonzai.UserConversationsParams{})
			return err
		}(),
		"Consolidate": c.Memory.Consolidate(ctx, "no-such-agent", sonzai.MemoryConsolidateParams{Period: sonzai.SummaryWeekly, UserID: user}),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}
