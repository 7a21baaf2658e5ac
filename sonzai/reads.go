package sonzai

import (
	"context"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// ReadParams narrows a read to one user and one agent instance. Both are
// optional.
type ReadParams struct {
	// UserID keeps only data about this user.
	UserID string
	// InstanceID keeps only data of this agent instance.
	InstanceID string
}

// Mood is an agent's mood on four axes, with the baselines it drifts back
// to.
type Mood struct {
	// AgentID is the agent whose mood this is.
	AgentID string `json:"agent_id"`
	// UserID is the user the mood is towards, if any.
	UserID string `json:"user_id"`
	// Label names the mood, e.g. "content".
	Label string `json:"label"`
	// Valence, Arousal, Tension and Affiliation are the current mood.
	Valence     float64 `json:"valence"`
	Arousal     float64 `json:"arousal"`
	Tension     float64 `json:"tension"`
	Affiliation float64 `json:"affiliation"`
	// The Baseline fields are the agent's resting mood.
	BaselineValence     float64 `json:"baseline_valence"`
	BaselineArousal     float64 `json:"baseline_arousal"`
	BaselineTension     float64 `json:"baseline_tension"`
	BaselineAffiliation float64 `json:"baseline_affiliation"`
	// The UserBaseline fields are the resting mood towards this user.
	UserBaselineValence     float64 `json:"user_baseline_valence"`
	UserBaselineArousal     float64 `json:"user_baseline_arousal"`
	UserBaselineTension     float64 `json:"user_baseline_tension"`
	UserBaselineAffiliation float64 `json:"user_baseline_affiliation"`
	// LastInteractionAt is when the mood was last moved by a conversation.
	LastInteractionAt time.Time `json:"last_interaction_at"`
	// LastDecayAt is when the mood last drifted towards its baseline.
	LastDecayAt time.Time `json:"last_decay_at"`
	// CreatedAt and UpdatedAt are when the state was created and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
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
	// UpdatedAt is when it last changed, as the server formats it.
	UpdatedAt string `json:"updated_at"`
}

// AgentModels are the LLMs available for extraction, and the defaults.
type AgentModels struct {
	// DefaultProvider and DefaultModel are used when a call names neither.
	DefaultProvider string `json:"default_provider"`
	DefaultModel    string `json:"default_model"`
	// Providers are the providers to choose from.
	Providers []ModelProvider `json:"providers"`
}

// ModelProvider is one LLM provider.
type ModelProvider struct {
	// Provider is the value to pass as a Provider field, e.g. "gemini".
	Provider string `json:"provider"`
	// ProviderName is the provider's display name.
	ProviderName string `json:"provider_name"`
	// DefaultModel is the provider's default model.
	DefaultModel string `json:"default_model"`
}

// The wire shapes of the list answers.
type (
	moodResult struct {
		Mood Mood `json:"mood"`
	}
	goalList struct {
		Goals []Goal `json:"goals"`
	}
	habitList struct {
		Habits []Habit `json:"habits"`
	}
	interestList struct {
		Interests []Interest `json:"interests"`
	}
	relationshipList struct {
		Relationships []Relationship `json:"relationships"`
	}
)

// Mood reads an agent's current mood, towards p.UserID when set.
func (s *AgentsService) Mood(ctx context.Context, agentID string, p ReadParams, opts ...Option) (*Mood, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetMoodRequest(ep.server, agentID, &gen.GetMoodParams{
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
	})
	var out moodResult
	if _, err := ep.doJSON(ctx, "getMood", req, err, &out); err != nil {
		return nil, err
	}
	return &out.Mood, nil
}

// Goals lists an agent's goals; userID, when not empty, keeps only the
// goals concerning that user.
func (s *AgentsService) Goals(ctx context.Context, agentID, userID string, opts ...Option) ([]Goal, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewListGoalsRequest(ep.server, agentID, &gen.ListGoalsParams{UserId: optional(userID)})
	var out goalList
	if _, err := ep.doJSON(ctx, "listGoals", req, err, &out); err != nil {
		return nil, err
	}
	return out.Goals, nil
}

// Habits lists the habits an agent has observed.
func (s *AgentsService) Habits(ctx context.Context, agentID string, p ReadParams, opts ...Option) ([]Habit, error) {
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

// Interests lists the interests an agent has detected in its users.
func (s *AgentsService) Interests(ctx context.Context, agentID string, p ReadParams, opts ...Option) ([]Interest, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetInterestsRequest(ep.server, agentID, &gen.GetInterestsParams{
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
	})
	var out interestList
	if _, err := ep.doJSON(ctx, "getInterests", req, err, &out); err != nil {
		return nil, err
	}
	return out.Interests, nil
}

// Relationships lists an agent's relationships with its users.
func (s *AgentsService) Relationships(ctx context.Context, agentID string, opts ...Option) ([]Relationship, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetRelationshipsRequest(ep.server, agentID)
	var out relationshipList
	if _, err := ep.doJSON(ctx, "getRelationships", req, err, &out); err != nil {
		return nil, err
	}
	return out.Relationships, nil
}

// Models lists the LLM providers and models available for extraction, with
// the defaults used when a call names none.
func (s *AgentsService) Models(ctx context.Context, agentID string, opts ...Option) (*AgentModels, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetAgentModelsRequest(ep.server, agentID)
	out := new(AgentModels)
	if _, err := ep.doJSON(ctx, "getAgentModels", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}
