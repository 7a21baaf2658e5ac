package sonzaitest

import (
	"context"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkLifeSetup creates what the walk's Schedules, Inventory, Insights and
// Constellation operations find (the walk's deleteSchedule gets an unknown id, which the API
// answers 204).
func walkLifeSetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	sched, err := c.Schedules.Create(ctx, DemoAgentID, "walk-user", sonzai.ScheduleCreateParams{
		Cadence: sonzai.ScheduleCadence{Cron: "0 9 * * *", Location: time.UTC}, Intent: "walk", CheckType: "check_in",
	})
	if err != nil {
		t.Fatal(err)
	}
	onSchedule := map[string]string{"userId": "walk-user", "scheduleId": sched.ScheduleID}
	var facts []string
	for _, label := range []string{"walk-update", "walk-delete"} {
		it, err := c.Inventory.CreateItem(ctx, DemoAgentID, "walk-user", sonzai.InventoryItemCreateParams{ItemType: "walk", Label: label})
		if err != nil {
			t.Fatal(err)
		}
		facts = append(facts, it.FactID)
	}
	// A user whose conversation moved the personality has an overlay.
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "walk-overlay", Messages: []sonzai.Message{sonzai.UserMessage("I love this, I'm so happy!")},
	}); err != nil {
		t.Fatal(err)
	}
	var nodes []string
	for _, label := range []string{"walk-update", "walk-delete"} {
		n, err := c.Constellation.CreateNode(ctx, DemoAgentID, sonzai.ConstellationNodeCreateParams{Label: label})
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, n.NodeID)
	}
	return walkIDs{
		"updateConstellationNode":   {"nodeId": nodes[0]},
		"deleteConstellationNode":   {"nodeId": nodes[1]},
		"getUserPersonalityOverlay": {"userId": "walk-overlay"},
		"getTimeMachine":            {"at": "2026-01-01T00:00:00Z"},
		"directUpdateInventory":     {"userId": "walk-user", "factId": facts[0]},
		"directDeleteInventory":     {"userId": "walk-user", "factId": facts[1]},
		"getSchedule":               onSchedule,
		"patchSchedule":             onSchedule,
		"upcomingSchedule":          onSchedule,
	}
}
