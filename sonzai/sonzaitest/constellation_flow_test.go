package sonzaitest

import (
	"errors"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestConstellationFlow: created nodes show in the graph, scoped by
// user; labels are unique per agent and user; updates and deletes apply.
func TestConstellationFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client

	hiking, err := c.Constellation.CreateNode(ctx, DemoAgentID, sonzai.ConstellationNodeCreateParams{Label: "Hiking", UserID: "u1", Description: "Weekend trails"})
	if err != nil {
		t.Fatal(err)
	}
	if hiking.NodeID == "" || hiking.NodeType != sonzai.NodeTheme || hiking.Significance != 0.5 || hiking.UserID != "u1" || hiking.CreatedAt.IsZero() {
		t.Errorf("CreateNode = %+v", hiking)
	}
	stars, err := c.Constellation.CreateNode(ctx, DemoAgentID, sonzai.ConstellationNodeCreateParams{Label: "Stars", NodeType: "interest", Significance: sonzai.Ptr(0.9)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Constellation.CreateNode(ctx, DemoAgentID, sonzai.ConstellationNodeCreateParams{Label: "hiking", UserID: "u1"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("a second Hiking for u1 = %v, want ErrConflict", err)
	}
	if _, err := c.Constellation.CreateNode(ctx, DemoAgentID, sonzai.ConstellationNodeCreateParams{Label: "Hiking", UserID: "u2"}); err != nil {
		t.Errorf("Hiking for another user: %v", err)
	}

	all, err := c.Constellation.Get(ctx, DemoAgentID, sonzai.ConstellationParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Nodes) != 3 || all.Nodes[0].NodeID != hiking.NodeID || all.Nodes[1].NodeID != stars.NodeID || all.Edges == nil || all.Insights == nil {
		t.Errorf("Get = %+v", all)
	}
	mine, err := c.Constellation.Get(ctx, DemoAgentID, sonzai.ConstellationParams{UserID: "u1"})
	if err != nil || len(mine.Nodes) != 1 || mine.Nodes[0].Label != "Hiking" {
		t.Errorf("Get(u1) = %+v, %v", mine, err)
	}

	up, err := c.Constellation.UpdateNode(ctx, DemoAgentID, hiking.NodeID, sonzai.ConstellationNodeUpdateParams{
		Label: sonzai.Ptr("Mountain hiking"), Description: sonzai.Ptr(""), Significance: sonzai.Ptr(0.7),
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.Label != "Mountain hiking" || up.Description != "" || up.Significance != 0.7 || up.NodeType != sonzai.NodeTheme {
		t.Errorf("UpdateNode = %+v", up)
	}
	if err := c.Constellation.DeleteNode(ctx, DemoAgentID, stars.NodeID); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"UpdateNode": lifeErr(c.Constellation.UpdateNode(ctx, DemoAgentID, stars.NodeID, sonzai.ConstellationNodeUpdateParams{Label: sonzai.Ptr("x")})),
		"DeleteNode": c.Constellation.DeleteNode(ctx, DemoAgentID, stars.NodeID, sonzai.WithMaxRetries(0)),
		"Get":        lifeErr(c.Constellation.Get(ctx, "no-such-agent", sonzai.ConstellationParams{})),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s after delete = %v, want ErrNotFound", name, err)
		}
	}
	after, _ := c.Constellation.Get(ctx, DemoAgentID, sonzai.ConstellationParams{})
	if len(after.Nodes) != 2 {
		t.Errorf("after delete: %+v", after.Nodes)
	}
}
