package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// PersonalityParams shapes the evolution history Get returns.
type PersonalityParams struct {
	// HistoryLimit is how many evolution entries to return; zero means the
	// server's default (200).
	HistoryLimit int64
	// Since keeps only evolution entries after this time; zero keeps all.
	Since time.Time
}

// Personality is an agent's personality and how it evolved.
type Personality struct {
	// Profile is the personality as it is now.
	Profile PersonalityProfile `json:"profile"`
	// Evolution lists the changes that led there.
	Evolution []PersonalityDelta `json:"evolution"`
}

// PersonalityProfile is an agent's current personality.
type PersonalityProfile struct {
	// AgentID is the agent's UUID.
	AgentID string `json:"agent_id"`
	// Name, Gender, Bio and AvatarURL describe the agent.
	Name      string `json:"name"`
	Gender    string `json:"gender"`
	Bio       string `json:"bio"`
	AvatarURL string `json:"avatar_url"`
	// PersonalityPrompt is the agent's identity and instructions.
	PersonalityPrompt string `json:"personality_prompt"`
	// SpeechPatterns describe how the agent talks.
	SpeechPatterns []string `json:"speech_patterns"`
	// TrueInterests and TrueDislikes are what the agent likes and dislikes.
	TrueInterests []string `json:"true_interests"`
	TrueDislikes  []string `json:"true_dislikes"`
	// PrimaryTraits are the agent's defining traits.
	PrimaryTraits []string `json:"primary_traits"`
	// Temperature is the sampling temperature the agent speaks with.
	Temperature float64 `json:"temperature"`
	// Big5 is the Big Five assessment.
	Big5 Big5Assessment `json:"big5"`
	// Dimensions are the ten Big Five aspects.
	Dimensions PersonalityDimensions `json:"dimensions"`
	// Preferences are the agent's conversational preferences.
	Preferences InteractionPreferences `json:"preferences"`
	// Behaviors are the agent's behavioral tendencies.
	Behaviors BehaviorTraits `json:"behaviors"`
	// EmotionalTendencies weigh the agent's leaning to each emotion.
	EmotionalTendencies map[string]float64 `json:"emotional_tendencies"`
	// TraitPrecisions say how settled each trait is, keyed by trait.
	TraitPrecisions map[string]TraitPrecision `json:"trait_precisions"`
	// CreatedAt is when the profile was created.
	CreatedAt time.Time `json:"created_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *PersonalityProfile) UnmarshalJSON(b []byte) error {
	type plain PersonalityProfile
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt serverTime `json:"created_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}})
}

// TraitPrecision says how settled one trait is.
type TraitPrecision struct {
	// Precision grows as observations agree.
	Precision float64 `json:"precision"`
	// ObservationCount is how many observations shaped the trait.
	ObservationCount int64 `json:"observation_count"`
	// LastUpdatedAt is when the trait last moved.
	LastUpdatedAt time.Time `json:"last_updated_at"`
}

// PersonalityDelta is one change to one trait.
type PersonalityDelta struct {
	// TraitCategory and TraitName identify the trait.
	TraitCategory string `json:"trait_category"`
	TraitName     string `json:"trait_name"`
	// OldValue and NewValue are the trait before and after; Delta is the
	// difference.
	OldValue float64 `json:"old_value"`
	NewValue float64 `json:"new_value"`
	Delta    float64 `json:"delta"`
	// ProposedDelta is the change the evidence asked for; AppliedDelta is
	// what was applied after DampeningFactor.
	ProposedDelta   float64 `json:"proposed_delta"`
	AppliedDelta    float64 `json:"applied_delta"`
	DampeningFactor float64 `json:"dampening_factor"`
	// Confidence is how sure the model is of the change.
	Confidence float64 `json:"confidence"`
	// PredictionError is how far the evidence was from what was expected.
	PredictionError float64 `json:"prediction_error"`
	// PriorPrecision and PosteriorPrecision are the trait's precision
	// before and after.
	PriorPrecision     float64 `json:"prior_precision"`
	PosteriorPrecision float64 `json:"posterior_precision"`
	// IsSignificantMoment marks a change big enough to be remembered as a
	// significant moment.
	IsSignificantMoment bool `json:"is_significant_moment"`
	// Reasoning explains the change.
	Reasoning string `json:"reasoning"`
	// TriggerType is the kind of event that caused it.
	TriggerType string `json:"trigger_type"`
	// UserID is the user whose conversation caused it.
	UserID string `json:"user_id"`
	// Timestamp is when the change happened.
	Timestamp time.Time `json:"timestamp"`
}

// Get reads an agent's personality and its evolution history.
func (s *PersonalityService) Get(ctx context.Context, agentID string, p PersonalityParams, opts ...Option) (*Personality, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.HistoryLimit < 0 {
		return nil, invalid("PersonalityParams.HistoryLimit", fmt.Sprintf("%d is negative (0 means the server's default)", p.HistoryLimit))
	}
	if err := sendableTime("PersonalityParams.Since", p.Since); err != nil {
		return nil, err
	}
	return call[Personality](ctx, s.c, opts, "getPersonality", func(server string) (*http.Request, error) {
		return gen.NewGetPersonalityRequest(server, agentID, &gen.GetPersonalityParams{
			HistoryLimit: optional(p.HistoryLimit),
			Since:        optional(formatSince(p.Since)),
		})
	})
}

// formatSince writes a time for the since parameter: RFC 3339, or "" (not
// sent) for the zero time.
func formatSince(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}
