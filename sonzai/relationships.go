package sonzai

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// Relationship is an agent's relationship with one user.
type Relationship struct {
	// UserID is the user.
	UserID string `json:"user_id"`
	// LoveScore is how close the agent feels to the user.
	LoveScore int64 `json:"love_score"`
	// ChemistryScore is how well they get along.
	ChemistryScore int64 `json:"chemistry_score"`
	// Narrative describes the relationship in words.
	Narrative string `json:"narrative"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *Relationship) UnmarshalJSON(b []byte) error {
	type plain Relationship
	return json.Unmarshal(b, &struct {
		*plain
		UpdatedAt serverTime `json:"updated_at"`
	}{(*plain)(v), serverTime{&v.UpdatedAt}})
}

// relationshipList is the wire shape of the answer.
type relationshipList struct {
	Relationships []Relationship `json:"relationships"`
}

// List lists an agent's relationships with its users. The API has no
// filter for this read, so it takes no params.
func (s *RelationshipsService) List(ctx context.Context, agentID string, opts ...Option) ([]Relationship, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[relationshipList](ctx, s.c, opts, "getRelationships", func(server string) (*http.Request, error) {
		return gen.NewGetRelationshipsRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Relationships, nil
}
