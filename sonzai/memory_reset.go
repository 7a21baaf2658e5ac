package sonzai

import (
	"context"
	"net/http"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// MemoryResetParams says whose memories ResetMemory erases.
type MemoryResetParams struct {
	// UserID is the user whose memories are erased. Required: there is no
	// way to erase every user's at once.
	UserID string
	// InstanceID is the agent instance; empty for the default instance.
	InstanceID string
}

// MemoryReset is what ResetMemory erased.
type MemoryReset struct {
	// Success and Status are the server's verdict.
	Success bool   `json:"success"`
	Status  string `json:"status"`
	// FactsDeleted and NodesDeleted count what was erased.
	FactsDeleted int64 `json:"facts_deleted"`
	NodesDeleted int64 `json:"nodes_deleted"`
	// FactsFailed and NodesFailed count what could not be erased, and
	// FailedFactIDs and FailedNodeIDs name them; calling ResetMemory again
	// retries them.
	FactsFailed   int64    `json:"facts_failed"`
	NodesFailed   int64    `json:"nodes_failed"`
	FailedFactIDs []string `json:"failed_fact_ids"`
	FailedNodeIDs []string `json:"failed_node_ids"`
}

// ResetMemory erases everything an agent remembers about one user: every
// fact and memory node of that user, with their history. It cannot be
// undone. It is sent once and never retried by the SDK, even after a
// network error or a 5xx: a retry could report zero deletions for a reset
// that did happen. After such an error, read the facts (ListFacts) to see
// whether it took effect, and call it again if needed.
func (s *MemoryService) ResetMemory(ctx context.Context, agentID string, p MemoryResetParams, opts ...Option) (*MemoryReset, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.UserID == "" {
		return nil, invalid("MemoryResetParams.UserID", "empty; say whose memories to erase")
	}
	return call[MemoryReset](ctx, s.c, once(opts), "resetMemory", func(server string) (*http.Request, error) {
		return gen.NewResetMemoryRequest(server, agentID, &gen.ResetMemoryParams{UserId: p.UserID, InstanceId: optional(p.InstanceID)})
	})
}
