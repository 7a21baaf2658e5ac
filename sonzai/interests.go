package sonzai

import (
	"context"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// InterestListParams filters InterestsService.List. Every field is
// optional.
type InterestListParams struct {
	// UserID keeps only the interests of this user.
	UserID string
	// InstanceID keeps only the interests seen by this agent instance.
	InstanceID string
}

// Interest is a topic an agent has noticed a user cares about.
type Interest struct {
	// AgentID is the agent that noticed it.
	AgentID string `json:"agent_id"`
	// UserID is the user who has the interest.
	UserID string `json:"user_id"`
	// Topic is what the user is interested in; Category groups topics.
	Topic    string `json:"topic"`
	Category string `json:"category"`
	// Confidence is how sure the agent is of the interest.
	Confidence float64 `json:"confidence"`
	// EngagementLevel is how engaged the user is with the topic.
	EngagementLevel float64 `json:"engagement_level"`
	// ResearchStatus is where the agent's own research on the topic is;
	// ResearchFindings is what it found.
	ResearchStatus   string `json:"research_status"`
	ResearchFindings string `json:"research_findings"`
	// MentionCount is how often the topic came up.
	MentionCount int64 `json:"mention_count"`
	// LastMentionedAt is when it last came up.
	LastMentionedAt time.Time `json:"last_mentioned_at"`
	// CreatedAt and UpdatedAt are when the interest was noticed and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// interestList is the wire shape of the answer.
type interestList struct {
	Interests []Interest `json:"interests"`
}

// List lists the interests an agent has noticed in its users.
func (s *InterestsService) List(ctx context.Context, agentID string, p InterestListParams, opts ...Option) ([]Interest, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[interestList](ctx, s.c, opts, "getInterests", func(server string) (*http.Request, error) {
		return gen.NewGetInterestsRequest(server, agentID, &gen.GetInterestsParams{
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Interests, nil
}
