package sonzaitest

import (
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestEventsDiaryFlow: a triggered event is processed in the background;
// once done, the diary has an entry about it, listed and read by date.
func TestEventsDiaryFlow(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 7, 3, 18, 0, 0, 0, time.UTC))
	h := newHarness(t, WithClock(clock))
	ctx := ctxT(t)
	c := h.client

	acc, err := c.Events.Trigger(ctx, DemoAgentID, sonzai.EventTriggerParams{
		UserID: "player-1", EventType: sonzai.BackendEventAchievement, Description: "beating the first boss",
		Metadata: map[string]string{"achievement_id": "boss-1"}, Messages: []sonzai.Message{sonzai.UserMessage("Finally!")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !acc.Accepted || acc.EventID == "" {
		t.Fatalf("Trigger = %+v", acc)
	}
	if entries, err := c.Diary.List(ctx, DemoAgentID, sonzai.DiaryListParams{}); err != nil || len(entries) != 0 {
		t.Errorf("before processing: %+v, %v", entries, err)
	}
	clock.Advance(time.Second)
	entries, err := c.Diary.List(ctx, DemoAgentID, sonzai.DiaryListParams{UserID: "player-1", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Date != "2026-07-03" || entries[0].TriggerType != "achievement" || entries[0].CreatedAt.IsZero() || entries[0].Content == "" {
		t.Fatalf("List = %+v", entries)
	}
	e, err := c.Diary.Get(ctx, DemoAgentID, sonzai.DiaryGetParams{Date: time.Date(2026, 7, 3, 23, 0, 0, 0, time.UTC)})
	if err != nil || e == nil || e.EntryID != entries[0].EntryID {
		t.Errorf("Get(July 3) = %+v, %v", e, err)
	}
	if e, err := c.Diary.Get(ctx, DemoAgentID, sonzai.DiaryGetParams{Date: time.Date(2026, 7, 4, 0, 0, 0, 0, time.UTC)}); err != nil || e != nil {
		t.Errorf("Get(July 4) = %+v, %v; want nil, nil", e, err)
	}
	if other, err := c.Diary.List(ctx, DemoAgentID, sonzai.DiaryListParams{InstanceID: "inst-2"}); err != nil || len(other) != 0 {
		t.Errorf("another instance = %+v, %v", other, err)
	}
	if _, err := c.Events.Trigger(ctx, "no-such-agent", sonzai.EventTriggerParams{UserID: "u", EventType: "x"}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent = %v", err)
	}
}

// TestDialogueSynthesized: the fake answers agentDialogue from the
// contract (a generation has no state to keep), and Reply decodes it.
func TestDialogueSynthesized(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	r, err := h.client.Dialogue.Reply(ctx, DemoAgentID, sonzai.DialogueParams{UserID: "npc-2", SceneGuidance: "A market at dusk.",
		Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleUser, Content: "How much for the lantern?", Time: time.Now()}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Response == "" {
		t.Errorf("Reply = %+v", r)
	}
}
