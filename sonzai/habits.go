package sonzai

import (
	"context"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// HabitListParams filters HabitsService.List. Every field is optional.
type HabitListParams struct {
	// UserID keeps only the habits of this user.
	UserID string
	// InstanceID keeps only the habits seen by this agent instance.
	InstanceID string
}

// Habit is a recurring behavior an agent has observed.
type Habit struct {
	// ID identifies the habit.
	ID string `json:"id"`
	// AgentID is the agent that observed it.
	AgentID string `json:"agent_id"`
	// UserID is the user it belongs to, if any.
	UserID string `json:"user_id"`
	// Name is the habit's key; DisplayName is how to show it.
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	// Category groups similar habits.
	Category string `json:"category"`
	// Description says what the habit is.
	Description string `json:"description"`
	// Strength is how established the habit is.
	Strength float64 `json:"strength"`
	// Formed is true once the habit is established; FormedAt says when.
	Formed   bool      `json:"formed"`
	FormedAt time.Time `json:"formed_at"`
	// ObservationCount is how often the habit was seen.
	ObservationCount int64 `json:"observation_count"`
	// DailyReinforced is how much the habit was reinforced today.
	DailyReinforced float64 `json:"daily_reinforced"`
	// LastReinforcedAt is when the habit was last seen.
	LastReinforcedAt time.Time `json:"last_reinforced_at"`
	// CreatedAt and UpdatedAt are when the habit was first seen and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// habitList is the wire shape of the answer.
type habitList struct {
	Habits []Habit `json:"habits"`
}

// List lists the habits an agent has observed.
func (s *HabitsService) List(ctx context.Context, agentID string, p HabitListParams, opts ...Option) ([]Habit, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewListHabitsRequest(ep.server, agentID, &gen.ListHabitsParams{
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
	})
	var out habitList
	if _, err := ep.doJSON(ctx, "listHabits", req, err, &out); err != nil {
		return nil, err
	}
	return out.Habits, nil
}
