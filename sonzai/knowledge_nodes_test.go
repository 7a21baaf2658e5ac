package sonzai_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func TestKnowledgeNodesLifecycle(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	n, err := c.Knowledge.CreateNode(ctx, kbProject, sonzai.NodeCreateParams{NodeType: "policy", Label: "Refunds",
		Properties: map[string]any{"window_days": 30, "form": "text"}, Confidence: sonzai.Ptr(0.9), AgentID: "agent-7"})
	if err != nil {
		t.Fatal(err)
	}
	if n.NodeID == "" || n.Label != "Refunds" || n.Version != 1 || !n.IsActive || n.Confidence != 0.9 ||
		n.Properties["window_days"] != 30.0 || n.PropertySources["window_days"].Source != "agent:agent-7" || n.CreatedAt.IsZero() {
		t.Errorf("CreateNode = %+v", n)
	}
	if _, err := c.Knowledge.CreateNode(ctx, kbProject, sonzai.NodeCreateParams{NodeType: "policy", Label: "refunds"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("a second node with the same type and label: err = %v, want a conflict", err)
	}
	other, err := c.Knowledge.CreateNode(ctx, kbProject, sonzai.NodeCreateParams{NodeType: "policy", Label: "Exchanges"})
	if err != nil {
		t.Fatal(err)
	}

	list, err := c.Knowledge.ListNodes(ctx, kbProject, sonzai.NodeListParams{Type: "policy", SortBy: "label"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Nodes) != 2 || list.Nodes[0].Label != "Exchanges" || list.HasMore {
		t.Errorf("ListNodes = %+v", list)
	}
	list, err = c.Knowledge.ListNodes(ctx, kbProject, sonzai.NodeListParams{Limit: 1, SortBy: "label", Descending: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Nodes) != 1 || list.Nodes[0].Label != "Refunds" || !list.HasMore {
		t.Errorf("ListNodes limit 1 = %+v", list)
	}

	// Compare and swap: a stale expectation changes nothing.
	_, err = c.Knowledge.UpdateNode(ctx, kbProject, n.NodeID, sonzai.NodeUpdateParams{
		Properties: map[string]sonzai.ValueChange{"window_days": {Current: 14, New: 60}}})
	if !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("stale UpdateNode: err = %v, want a conflict", err)
	}
	up, err := c.Knowledge.UpdateNode(ctx, kbProject, n.NodeID, sonzai.NodeUpdateParams{
		Label:      &sonzai.ValueChange{Current: "Refunds", New: "Refund policy"},
		Properties: map[string]sonzai.ValueChange{"window_days": {Current: 30, New: 60}, "form": {Current: "text", New: "web"}},
		AgentID:    "agent-8",
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.Label != "Refund policy" || up.Version != 2 || up.Properties["window_days"] != 60.0 || up.Properties["form"] != "web" ||
		up.PropertySources["form"].Source != "agent:agent-8" {
		t.Errorf("UpdateNode = %+v", up)
	}

	d, err := c.Knowledge.GetNode(ctx, kbProject, n.NodeID, sonzai.NodeGetParams{History: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.Node.Label != "Refund policy" || len(d.History) != 2 || d.History[0].Version != 2 || d.History[0].ChangedBy != "agent:agent-8" {
		t.Errorf("GetNode = %+v", d)
	}
	plain, err := c.Knowledge.GetNode(ctx, kbProject, n.NodeID, sonzai.NodeGetParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.History) != 0 {
		t.Errorf("GetNode without History: %d versions", len(plain.History))
	}
	hist, err := c.Knowledge.NodeHistory(ctx, kbProject, n.NodeID, sonzai.NodeHistoryParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if h := hist.History; len(h) != 1 || hist.Total != 2 || h[0].Version != 2 || h[0].Properties["window_days"] != 60.0 || h[0].ChangedAt.IsZero() {
		t.Errorf("NodeHistory = %+v", hist)
	}

	// The checked delete refuses a stale label.
	err = c.Knowledge.DeleteNodeChecked(ctx, kbProject, n.NodeID, sonzai.NodeCheckedDeleteParams{ExpectedLabel: "Refunds"})
	if !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("DeleteNodeChecked with a stale label: err = %v, want a conflict", err)
	}
	if err := c.Knowledge.DeleteNodeChecked(ctx, kbProject, n.NodeID, sonzai.NodeCheckedDeleteParams{
		ExpectedLabel: "Refund policy", Reason: "superseded", AgentID: "agent-8"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Knowledge.DeleteNode(ctx, kbProject, other.NodeID); err != nil {
		t.Fatal(err)
	}
	list, err = c.Knowledge.ListNodes(ctx, kbProject, sonzai.NodeListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Nodes) != 0 {
		t.Errorf("after the deletes: %+v", list.Nodes)
	}

	// Organization-wide nodes: created directly, or promoted from a project.
	promoted, err := c.Knowledge.CreateNode(ctx, kbProject, sonzai.NodeCreateParams{NodeType: "playbook", Label: "Escalation"})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := c.Knowledge.PromoteNode(ctx, kbProject, promoted.NodeID, sonzai.NodePromoteParams{TenantID: "tenant-1"})
	if err != nil {
		t.Fatal(err)
	}
	if sc.NodeID != promoted.NodeID || sc.ScopeType != "org" || sc.TenantID != "tenant-1" || sc.Version != 2 {
		t.Errorf("PromoteNode = %+v", sc)
	}
	org, err := c.Knowledge.CreateOrgNode(ctx, "tenant-1", sonzai.OrgNodeCreateParams{NodeType: "product", Label: "Widget",
		Properties: map[string]any{"sku": "W-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if org.TenantID != "tenant-1" || org.Confidence != 1 || org.Properties["sku"] != "W-1" {
		t.Errorf("CreateOrgNode = %+v", org)
	}
	orgs, err := c.Knowledge.ListOrgNodes(ctx, "tenant-1", sonzai.OrgNodeListParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if orgs.Total != 2 || len(orgs.Nodes) != 1 || orgs.Nodes[0].NodeID != promoted.NodeID {
		t.Errorf("ListOrgNodes = %+v", orgs)
	}
	orgs, err = c.Knowledge.ListOrgNodes(ctx, "tenant-1", sonzai.OrgNodeListParams{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs.Nodes) != 2 {
		t.Errorf("ListOrgNodes All = %+v", orgs)
	}

	checkNotFound(t, c, []sdkCall{
		{"GetNode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetNode(ctx, kbProject, n.NodeID, sonzai.NodeGetParams{})
			return err
		}},
		{"GetNode promoted", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetNode(ctx, kbProject, promoted.NodeID, sonzai.NodeGetParams{})
			return err
		}},
		{"UpdateNode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateNode(ctx, kbProject, "kbnode_missing", sonzai.NodeUpdateParams{Label: &sonzai.ValueChange{Current: "a", New: "b"}})
			return err
		}},
		{"DeleteNode", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteNode(ctx, kbProject, other.NodeID)
		}},
		{"DeleteNodeChecked", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteNodeChecked(ctx, kbProject, "kbnode_missing", sonzai.NodeCheckedDeleteParams{ExpectedLabel: "x"})
		}},
		{"NodeHistory", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.NodeHistory(ctx, kbProject, "kbnode_missing", sonzai.NodeHistoryParams{})
			return err
		}},
		{"PromoteNode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.PromoteNode(ctx, kbProject, promoted.NodeID, sonzai.NodePromoteParams{TenantID: "tenant-1"})
			return err
		}},
	})
}

func TestKnowledgeNodesInvalidInput(t *testing.T) {
	checkInvalidSendsNothing(t, []invalidCase{
		{sdkCall{"ListNodes limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListNodes(ctx, "p", sonzai.NodeListParams{Limit: 10001})
			return err
		}}, "NodeListParams.Limit"},
		{sdkCall{"ListNodes sort", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListNodes(ctx, "p", sonzai.NodeListParams{SortBy: "properties."})
			return err
		}}, "NodeListParams.SortBy"},
		{sdkCall{"ListNodes descending", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListNodes(ctx, "p", sonzai.NodeListParams{Descending: true})
			return err
		}}, "NodeListParams.Descending"},
		{sdkCall{"ListNodes project", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListNodes(ctx, "", sonzai.NodeListParams{})
			return err
		}}, "projectID"},
		{sdkCall{"CreateNode type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateNode(ctx, "p", sonzai.NodeCreateParams{Label: "l"})
			return err
		}}, "NodeCreateParams.NodeType"},
		{sdkCall{"CreateNode label", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateNode(ctx, "p", sonzai.NodeCreateParams{NodeType: "t"})
			return err
		}}, "NodeCreateParams.Label"},
		{sdkCall{"CreateNode confidence", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateNode(ctx, "p", sonzai.NodeCreateParams{NodeType: "t", Label: "l", Confidence: sonzai.Ptr(1.5)})
			return err
		}}, "NodeCreateParams.Confidence"},
		{sdkCall{"GetNode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetNode(ctx, "p", "", sonzai.NodeGetParams{})
			return err
		}}, "nodeID"},
		{sdkCall{"UpdateNode nothing", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateNode(ctx, "p", "n", sonzai.NodeUpdateParams{})
			return err
		}}, "NodeUpdateParams.Properties"},
		{sdkCall{"UpdateNode label", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateNode(ctx, "p", "n", sonzai.NodeUpdateParams{Label: &sonzai.ValueChange{Current: "a", New: 3}})
			return err
		}}, "NodeUpdateParams.Label.New"},
		{sdkCall{"UpdateNode nil", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateNode(ctx, "p", "n", sonzai.NodeUpdateParams{Properties: map[string]sonzai.ValueChange{"a": {New: 1}}})
			return err
		}}, "NodeUpdateParams.Properties[a]"},
		{sdkCall{"DeleteNode", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteNode(ctx, "..", "n")
		}}, "projectID"},
		{sdkCall{"DeleteNodeChecked label", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteNodeChecked(ctx, "p", "n", sonzai.NodeCheckedDeleteParams{})
		}}, "NodeCheckedDeleteParams.ExpectedLabel"},
		{sdkCall{"NodeHistory limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.NodeHistory(ctx, "p", "n", sonzai.NodeHistoryParams{Limit: 201})
			return err
		}}, "NodeHistoryParams.Limit"},
		{sdkCall{"PromoteNode tenant", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.PromoteNode(ctx, "p", "n", sonzai.NodePromoteParams{})
			return err
		}}, "NodePromoteParams.TenantID"},
		{sdkCall{"ListOrgNodes tenant", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListOrgNodes(ctx, "", sonzai.OrgNodeListParams{})
			return err
		}}, "tenantID"},
		{sdkCall{"ListOrgNodes limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListOrgNodes(ctx, "t", sonzai.OrgNodeListParams{Limit: 2001})
			return err
		}}, "OrgNodeListParams.Limit"},
		{sdkCall{"CreateOrgNode label", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateOrgNode(ctx, "t", sonzai.OrgNodeCreateParams{NodeType: "x"})
			return err
		}}, "OrgNodeCreateParams.Label"},
		{sdkCall{"CreateOrgNode confidence", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateOrgNode(ctx, "t", sonzai.OrgNodeCreateParams{NodeType: "x", Label: "l", Confidence: sonzai.Ptr(-0.1)})
			return err
		}}, "OrgNodeCreateParams.Confidence"},
	})
}
