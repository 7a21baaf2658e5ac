package sonzai

import (
	"context"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// MoodParams narrows MoodService.Get. Every field is optional.
type MoodParams struct {
	// UserID reads the mood towards this user.
	UserID string
	// InstanceID reads the mood of this agent instance.
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

// moodResult is the wire shape of the answer.
type moodResult struct {
	Mood Mood `json:"mood"`
}

// Get reads an agent's current mood, towards p.UserID when set.
func (s *MoodService) Get(ctx context.Context, agentID string, p MoodParams, opts ...Option) (*Mood, error) {
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
