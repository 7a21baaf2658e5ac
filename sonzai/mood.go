package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
	out, err := call[moodResult](ctx, s.c, opts, "getMood", func(server string) (*http.Request, error) {
		return gen.NewGetMoodRequest(server, agentID, &gen.GetMoodParams{
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
		})
	})
	if err != nil {
		return nil, err
	}
	return &out.Mood, nil
}

// MoodUpdateParams overrides an agent's mood with MoodService.Update. The
// four axes are all sent (the API takes them together), each from 0 to
// 100.
type MoodUpdateParams struct {
	// Valence, Arousal, Tension and Affiliation are the new mood, 0 to 100.
	Valence     float64 `json:"valence"`
	Arousal     float64 `json:"arousal"`
	Tension     float64 `json:"tension"`
	Affiliation float64 `json:"affiliation"`
	// UserID sets the mood towards this user; empty sets the agent's
	// overall mood. A query parameter, not part of the body.
	UserID string `json:"-"`
	// InstanceID sets the mood of this agent instance (a query parameter).
	InstanceID string `json:"-"`
}

func (p MoodUpdateParams) toGen() (gen.UpdateMoodInputBody, error) {
	for _, axis := range []struct {
		name string
		v    float64
	}{{"Valence", p.Valence}, {"Arousal", p.Arousal}, {"Tension", p.Tension}, {"Affiliation", p.Affiliation}} {
		if !(axis.v >= 0 && axis.v <= 100) { // also catches NaN
			return gen.UpdateMoodInputBody{}, invalid("MoodUpdateParams."+axis.name, fmt.Sprintf("%v is outside 0..100", axis.v))
		}
	}
	return gen.UpdateMoodInputBody{Valence: p.Valence, Arousal: p.Arousal, Tension: p.Tension, Affiliation: p.Affiliation}, nil
}

// Update overrides an agent's mood (towards p.UserID when set) and returns
// the mood as stored. The mood drifts back towards its baseline afterwards,
// as after any conversation.
func (s *MoodService) Update(ctx context.Context, agentID string, p MoodUpdateParams, opts ...Option) (*Mood, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[moodResult](ctx, s.c, opts, "updateMood", func(server string) (*http.Request, error) {
		return gen.NewUpdateMoodRequest(server, agentID, &gen.UpdateMoodParams{
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
		}, body)
	})
	if err != nil {
		return nil, err
	}
	return &out.Mood, nil
}

// MoodHistoryParams narrows MoodService.History. Every field is optional.
type MoodHistoryParams struct {
	// Limit caps the number of entries; 0 leaves it to the server (50).
	Limit int64
	// UserID reads the history of the mood towards this user.
	UserID string
	// InstanceID reads the history of this agent instance.
	InstanceID string
}

func (p MoodHistoryParams) validate() error {
	if p.Limit < 0 {
		return invalid("MoodHistoryParams.Limit", fmt.Sprintf("%d is negative; use 0 for the server's default", p.Limit))
	}
	return nil
}

// MoodHistoryEntry is one change of an agent's mood.
type MoodHistoryEntry struct {
	// Timestamp is when the mood changed.
	Timestamp time.Time `json:"timestamp"`
	// Label names the mood after the change.
	Label string `json:"label"`
	// Valence, Arousal, Tension and Affiliation are the mood after the
	// change.
	Valence     float64 `json:"valence"`
	Arousal     float64 `json:"arousal"`
	Tension     float64 `json:"tension"`
	Affiliation float64 `json:"affiliation"`
	// The Delta fields are how much each axis moved; zero when not reported.
	DeltaValence     float64 `json:"delta_valence"`
	DeltaArousal     float64 `json:"delta_arousal"`
	DeltaTension     float64 `json:"delta_tension"`
	DeltaAffiliation float64 `json:"delta_affiliation"`
	// TriggerType and TriggerReason say what moved the mood, e.g. a
	// conversation or an override.
	TriggerType   string `json:"trigger_type"`
	TriggerReason string `json:"trigger_reason"`
}

// UnmarshalJSON reads the timestamp, which the server formats itself,
// leniently: one that is not a time is left zero rather than failing the
// answer.
func (e *MoodHistoryEntry) UnmarshalJSON(b []byte) error {
	type plain MoodHistoryEntry
	return json.Unmarshal(b, &struct {
		*plain
		Timestamp serverTime `json:"timestamp"`
	}{(*plain)(e), serverTime{&e.Timestamp}})
}

// moodHistory is the wire shape of the answer.
type moodHistory struct {
	Entries []MoodHistoryEntry `json:"entries"`
}

// History lists the recent changes of an agent's mood.
func (s *MoodService) History(ctx context.Context, agentID string, p MoodHistoryParams, opts ...Option) ([]MoodHistoryEntry, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[moodHistory](ctx, s.c, opts, "getMoodHistory", func(server string) (*http.Request, error) {
		return gen.NewGetMoodHistoryRequest(server, agentID, &gen.GetMoodHistoryParams{
			Limit:      optional(p.Limit),
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Entries, nil
}

// MoodAggregateParams narrows MoodService.Aggregate. Every field is
// optional.
type MoodAggregateParams struct {
	// Days is the window to average over, in days; 0 leaves it to the
	// server (5).
	Days int64
}

func (p MoodAggregateParams) validate() error {
	if p.Days < 0 {
		return invalid("MoodAggregateParams.Days", fmt.Sprintf("%d is negative; use 0 for the server's default", p.Days))
	}
	return nil
}

// MoodAggregate is an agent's mood averaged over its users and a window of
// days.
type MoodAggregate struct {
	// Label names the average mood.
	Label string `json:"label"`
	// Valence, Arousal, Tension and Affiliation are the averages.
	Valence     float64 `json:"valence"`
	Arousal     float64 `json:"arousal"`
	Tension     float64 `json:"tension"`
	Affiliation float64 `json:"affiliation"`
	// UserCount is how many users' moods went into the average.
	UserCount int64 `json:"user_count"`
	// DaysWindow is the window the server averaged over, in days.
	DaysWindow int64 `json:"days_window"`
}

// Aggregate reads an agent's mood averaged over all its users.
func (s *MoodService) Aggregate(ctx context.Context, agentID string, p MoodAggregateParams, opts ...Option) (*MoodAggregate, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return call[MoodAggregate](ctx, s.c, opts, "getMoodAggregate", func(server string) (*http.Request, error) {
		return gen.NewGetMoodAggregateRequest(server, agentID, &gen.GetMoodAggregateParams{Days: optional(p.Days)})
	})
}
