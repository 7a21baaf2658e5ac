package sonzai

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// WisdomAudit says where one of an agent's wisdom facts came from: the
// facts an agent holds for itself, beyond any one user, once something
// was learned from enough of them.
type WisdomAudit struct {
	// FactID identifies the wisdom fact; Content is its text.
	FactID  string `json:"fact_id"`
	Content string `json:"content"`
	// SourceUserCount is how many users it was learned from.
	SourceUserCount int64 `json:"source_user_count"`
	// PromotionConfidence is how sure the server was when it promoted the
	// fact, from 0 to 1.
	PromotionConfidence float64 `json:"promotion_confidence"`
	// PromotedAt is when the fact became wisdom.
	PromotedAt time.Time `json:"promoted_at"`
	// TargetPath is where in the agent's memory it was filed.
	TargetPath string `json:"target_path"`
	// DerivedFromHashes identify, without revealing them, the user facts
	// it was derived from.
	DerivedFromHashes []string `json:"derived_from_hashes"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *WisdomAudit) UnmarshalJSON(b []byte) error {
	type plain WisdomAudit
	return json.Unmarshal(b, &struct {
		*plain
		PromotedAt serverTime `json:"promoted_at"`
	}{(*plain)(v), serverTime{&v.PromotedAt}})
}

// WisdomAudit reads where a wisdom fact came from. factID must be one of
// the agent's own (agent-global) facts; a user's fact is not found (404).
func (s *MemoryService) WisdomAudit(ctx context.Context, agentID, factID string, opts ...Option) (*WisdomAudit, error) {
	if err := requireIDs("agentID", agentID, "factID", factID); err != nil {
		return nil, err
	}
	return call[WisdomAudit](ctx, s.c, opts, "getWisdomAudit", func(server string) (*http.Request, error) {
		return gen.NewGetWisdomAuditRequest(server, agentID, factID)
	})
}

// wisdomDeleted is the wire shape of deleteWisdomFact's answer.
type wisdomDeleted struct {
	Success bool   `json:"success"`
	FactID  string `json:"fact_id"`
}

// DeleteWisdomFact deletes one of an agent's wisdom facts: the agent no
// longer knows it, for any user, and it cannot be restored (the user
// facts it was learned from stay). Only agent-global facts can be deleted
// this way; a user's fact is not found (404): use DeleteFact. It is sent
// once and never retried by the SDK, even after a network error or a
// 5xx; after such an error, WisdomAudit tells whether the fact is still
// there (a 404 means it is gone).
func (s *MemoryService) DeleteWisdomFact(ctx context.Context, agentID, factID string, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "factID", factID); err != nil {
		return err
	}
	var out wisdomDeleted
	err := callInto(ctx, s.c, once(opts), "deleteWisdomFact", func(server string) (*http.Request, error) {
		return gen.NewDeleteWisdomFactRequest(server, agentID, factID)
	}, &out)
	return checkApplied("deleteWisdomFact", err, out.Success)
}
