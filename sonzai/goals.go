package sonzai

import (
	"context"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// GoalListParams filters GoalsService.List. Every field is optional.
type GoalListParams struct {
	// UserID keeps only the goals concerning this user.
	UserID string
}

// Goal is something an agent is working towards.
type Goal struct {
	// GoalID identifies the goal.
	GoalID string `json:"goal_id"`
	// AgentID is the agent pursuing it.
	AgentID string `json:"agent_id"`
	// UserID is the user the goal concerns, if any.
	UserID string `json:"user_id"`
	// Type is the kind of goal.
	Type string `json:"type"`
	// Title and Description say what the goal is.
	Title       string `json:"title"`
	Description string `json:"description"`
	// Priority ranks the goal against the others.
	Priority int64 `json:"priority"`
	// Status is where the goal is, e.g. "active" or "achieved".
	Status string `json:"status"`
	// RelatedTraits are the personality traits the goal expresses.
	RelatedTraits []string `json:"related_traits"`
	// AchievedAt is when the goal was achieved; zero until then.
	AchievedAt time.Time `json:"achieved_at"`
	// CreatedAt and UpdatedAt are when the goal was set and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// goalList is the wire shape of the answer.
type goalList struct {
	Goals []Goal `json:"goals"`
}

// List lists an agent's goals.
func (s *GoalsService) List(ctx context.Context, agentID string, p GoalListParams, opts ...Option) ([]Goal, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewListGoalsRequest(ep.server, agentID, &gen.ListGoalsParams{UserId: optional(p.UserID)})
	var out goalList
	if _, err := ep.doJSON(ctx, "listGoals", req, err, &out); err != nil {
		return nil, err
	}
	return out.Goals, nil
}
