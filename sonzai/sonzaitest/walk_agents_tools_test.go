package sonzaitest

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkAgentsToolsSetup creates what the walk's custom-tool and fork
// operations find: a tool to update, another to delete (the delete comes
// first in path order), a fork whose status the walk reads, and the agent
// the walk's generateAndCreateAgent names (found, not created, by that
// idempotent call), which updateAgentProfile then renames to its own name,
// so the rename does not collide with another agent's name.
func walkAgentsToolsSetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	for _, name := range []string{"walk_update_tool", "walk_delete_tool"} {
		if _, err := c.Agents.CreateCustomTool(ctx, DemoAgentID, sonzai.CustomToolCreateParams{Name: name, Description: "A tool for the walk."}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := c.Agents.Fork(ctx, DemoAgentID, sonzai.AgentForkParams{Name: "walk-fork"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "name-value", AgentID: "agent_id-value"}); err != nil {
		t.Fatal(err)
	}
	return walkIDs{
		"updateAgentProfile": {"agentId": "agent_id-value"},
		"updateCustomTool":   {"toolName": "walk_update_tool"},
		"deleteCustomTool":   {"toolName": "walk_delete_tool"},
		"getForkStatus":      {"agentId": f.AgentID},
	}
}
