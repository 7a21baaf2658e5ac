package sonzai

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
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

// HabitCreateParams describes a habit for HabitsService.Create. Name is
// required; the other fields are optional and left off the wire when zero.
type HabitCreateParams struct {
	// Name is the habit's key, used to update or delete it. Required.
	Name string `json:"name"`
	// DisplayName is how to show the habit.
	DisplayName string `json:"display_name"`
	// Category groups similar habits.
	Category string `json:"category"`
	// Description says what the habit is.
	Description string `json:"description"`
	// Strength is how established the habit is; nil leaves it to the server.
	Strength *float64 `json:"strength"`
	// UserID is the user the habit belongs to.
	UserID string `json:"user_id"`
	// InstanceID is the agent instance that records the habit (a query
	// parameter, not part of the body).
	InstanceID string `json:"-"`
}

func (p HabitCreateParams) toGen() (gen.CreateHabitInputBody, error) {
	const at = "HabitCreateParams."
	if strings.TrimSpace(p.Name) == "" {
		return gen.CreateHabitInputBody{}, invalid(at+"Name", "empty; a habit needs a name")
	}
	if err := checkFinite(at+"Strength", p.Strength); err != nil {
		return gen.CreateHabitInputBody{}, err
	}
	return gen.CreateHabitInputBody{
		Name: p.Name, DisplayName: p.DisplayName, Category: p.Category, Description: p.Description,
		Strength: p.Strength, UserId: p.UserID,
	}, nil
}

// HabitUpdateParams changes a habit with HabitsService.Update. Only what
// is set is sent: a nil pointer leaves the field as it is, a non-nil one is
// sent even when it points to "" or 0 (use Ptr). At least one of the
// pointer fields must be set.
type HabitUpdateParams struct {
	// DisplayName, Category and Description replace the habit's.
	DisplayName *string `json:"display_name"`
	Category    *string `json:"category"`
	Description *string `json:"description"`
	// Strength sets how established the habit is.
	Strength *float64 `json:"strength"`
	// UserID is the user the habit belongs to.
	UserID string `json:"user_id"`
	// InstanceID is the agent instance that records the habit (a query
	// parameter, not part of the body).
	InstanceID string `json:"-"`
}

func (p HabitUpdateParams) toGen() (gen.UpdateHabitInputBody, error) {
	if p.DisplayName == nil && p.Category == nil && p.Description == nil && p.Strength == nil {
		return gen.UpdateHabitInputBody{}, invalid("HabitUpdateParams", "nothing to update; set at least one of DisplayName, Category, Description, Strength")
	}
	if err := checkFinite("HabitUpdateParams.Strength", p.Strength); err != nil {
		return gen.UpdateHabitInputBody{}, err
	}
	return gen.UpdateHabitInputBody{
		DisplayName: p.DisplayName, Category: p.Category, Description: p.Description,
		Strength: p.Strength, UserId: optional(p.UserID),
	}, nil
}

// checkFinite rejects NaN and infinities, which JSON cannot carry.
func checkFinite(field string, v *float64) error {
	if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
		return invalid(field, fmt.Sprintf("%v is not a finite number", *v))
	}
	return nil
}

// HabitDeleteParams narrows HabitsService.Delete. Every field is optional.
type HabitDeleteParams struct {
	// UserID is the user the habit belongs to.
	UserID string
	// InstanceID is the agent instance that records the habit.
	InstanceID string
}

// Create records a habit for an agent and returns it as stored.
func (s *HabitsService) Create(ctx context.Context, agentID string, p HabitCreateParams, opts ...Option) (*Habit, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Habit](ctx, s.c, opts, "createHabit", func(server string) (*http.Request, error) {
		return gen.NewCreateHabitRequest(server, agentID, &gen.CreateHabitParams{InstanceId: optional(p.InstanceID)}, body)
	})
}

// Update changes the fields of the habit named habitName that p sets and
// returns the habit as stored.
func (s *HabitsService) Update(ctx context.Context, agentID, habitName string, p HabitUpdateParams, opts ...Option) (*Habit, error) {
	if err := requireIDs("agentID", agentID, "habitName", habitName); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Habit](ctx, s.c, opts, "updateHabit", func(server string) (*http.Request, error) {
		return gen.NewUpdateHabitRequest(server, agentID, habitName, &gen.UpdateHabitParams{InstanceId: optional(p.InstanceID)}, body)
	})
}

// Delete removes the habit named habitName; it is gone for good (the agent
// may observe it again later). A DELETE is retried on a 5xx answer; when
// the retry finds the habit already gone (404), the first attempt may have
// deleted it, and Delete returns an *AmbiguousResultError.
func (s *HabitsService) Delete(ctx context.Context, agentID, habitName string, p HabitDeleteParams, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "habitName", habitName); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteHabit", func(server string) (*http.Request, error) {
		return gen.NewDeleteHabitRequest(server, agentID, habitName, &gen.DeleteHabitParams{
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
		})
	}, nil)
}
