package sonzaitest

import (
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestPersonalityUpdateFlow: an update replaces the scores, re-derives
// the dimensions from the Big Five, shows in GetMany and the evolution,
// and the time machine reconstructs the scores from before it.
func TestPersonalityUpdateFlow(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC))
	h := newHarness(t, WithClock(clock))
	ctx := ctxT(t)
	c := h.client

	before, err := c.Personality.GetMany(ctx, sonzai.PersonalityGetManyParams{AgentIDs: []string{DemoAgentID, "no-such-agent"}})
	if err != nil {
		t.Fatal(err)
	}
	mia, ok := before[DemoAgentID]
	if len(before) != 1 || !ok || mia.Profile.Name != "Mia" || mia.EvolutionCount == 0 {
		t.Fatalf("GetMany = %+v", before)
	}
	oldOpenness := mia.Profile.Big5.Openness.Score
	checkpoint := clock.Now()
	clock.Advance(time.Hour)

	if err := c.Personality.Update(ctx, DemoAgentID, sonzai.PersonalityUpdateParams{Big5: &sonzai.Big5Scores{
		Openness: 0.1, Conscientiousness: 0.2, Extraversion: 0.9, Agreeableness: 0.5, Neuroticism: 0.3,
	}}); err != nil {
		t.Fatal(err)
	}
	p, err := c.Personality.Get(ctx, DemoAgentID, sonzai.PersonalityParams{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Profile.Big5.Openness.Score != 0.1 || p.Profile.Big5.Extraversion.Level != "high" ||
		p.Profile.Dimensions.Intellect != 0.1 || p.Profile.Dimensions.Enthusiasm != 0.9 {
		t.Errorf("after Update: big5 %+v, dimensions %+v", p.Profile.Big5, p.Profile.Dimensions)
	}
	if err := c.Personality.Update(ctx, DemoAgentID, sonzai.PersonalityUpdateParams{Dimensions: &sonzai.PersonalityDimensions{Intellect: 0.8}}); err != nil {
		t.Fatal(err)
	}
	p, _ = c.Personality.Get(ctx, DemoAgentID, sonzai.PersonalityParams{})
	if p.Profile.Dimensions.Intellect != 0.8 || p.Profile.Dimensions.Enthusiasm != 0 || p.Profile.Big5.Openness.Score != 0.1 {
		t.Errorf("dimensions replaced whole: %+v", p.Profile.Dimensions)
	}

	tm, err := c.Insights.TimeMachine(ctx, DemoAgentID, sonzai.TimeMachineParams{At: checkpoint})
	if err != nil {
		t.Fatal(err)
	}
	if tm.PersonalityAt.Openness.Score != oldOpenness || tm.CurrentPersonality.Openness.Score != 0.1 ||
		!tm.RequestedAt.Equal(checkpoint) || len(tm.EvolutionEvents) != int(mia.EvolutionCount) || tm.MoodAt.Label == "" {
		t.Errorf("TimeMachine = %+v", tm)
	}
	if _, err := c.Insights.TimeMachine(ctx, "no-such-agent", sonzai.TimeMachineParams{At: checkpoint}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent = %v", err)
	}
	if err := c.Personality.Update(ctx, "no-such-agent", sonzai.PersonalityUpdateParams{Dimensions: &sonzai.PersonalityDimensions{}}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent = %v", err)
	}
}

// TestUserOverlaysFlow: a user whose conversations moved the personality
// has an overlay, listed and read with its share of the evolution.
func TestUserOverlaysFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "u-overlay", Messages: []sonzai.Message{sonzai.UserMessage("I love this, I'm so happy and excited today!")},
	}); err != nil {
		t.Fatal(err)
	}
	list, err := c.Insights.UserOverlays(ctx, DemoAgentID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].UserID != "u-overlay" || list[0].CreatedAt.IsZero() || list[0].AgentID != DemoAgentID {
		t.Fatalf("UserOverlays = %+v", list)
	}
	d, err := c.Insights.UserOverlay(ctx, DemoAgentID, "u-overlay", sonzai.UserOverlayParams{Since: time.Now().AddDate(0, 0, -1)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Overlay.UserID != "u-overlay" || d.Base.Name != "Mia" || len(d.Evolution) == 0 || d.Evolution[0].UserID != "u-overlay" {
		t.Errorf("UserOverlay = %+v", d)
	}
	if _, err := c.Insights.UserOverlay(ctx, DemoAgentID, "stranger", sonzai.UserOverlayParams{}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("a user without overlay = %v, want ErrNotFound", err)
	}
}
