package sonzaitest

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkMemorySetup creates what the walk's facts and custom-state
// operations find. The walk runs the operations in path order, so a
// delete comes before the read or update of the same path: each gets a
// thing of its own. getCustomStateByKey reads "key-value", the key the
// walk synthesizes, as the agent's global state (createCustomState then
// writes the user-scoped one, so the two do not conflict).
func walkMemorySetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	facts, err := c.Memory.CreateFacts(ctx, DemoAgentID, sonzai.FactBulkCreateParams{UserID: "walk-user",
		Facts: []sonzai.FactCreateParams{{Content: "Walk fact to delete."}, {Content: "Walk fact to update."}}})
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, key := range []string{"key-value", "walk-delete-by-key", "walk-delete", "walk-update"} {
		s, err := c.CustomStates.Create(ctx, DemoAgentID, sonzai.CustomStateCreateParams{CustomStateKey: sonzai.CustomStateKey{Key: key}, Value: key})
		if err != nil {
			t.Fatal(err)
		}
		states = append(states, s.StateID)
	}
	return walkIDs{
		"deleteFact":             {"factId": facts.Facts[0].FactID},
		"updateFact":             {"factId": facts.Facts[1].FactID},
		"getFactHistory":         {"factId": facts.Facts[1].FactID},
		"deleteCustomStateByKey": {"key": "walk-delete-by-key"},
		"deleteCustomState":      {"stateId": states[2]},
		"updateCustomState":      {"stateId": states[3]},
	}
}
