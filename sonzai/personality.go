package sonzai

import (
	"context"
	"fmt"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// PersonalityParams shapes the evolution history Get returns.
type PersonalityParams struct {
	// HistoryLimit is how many evolution entries to return; zero means the
	// server's default (200).
	HistoryLimit int64
	// Since keeps only evolution entries after this time (RFC 3339).
	Since string
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
	// CreatedAt is when the profile was created, as the server formats it.
	CreatedAt string `json:"created_at"`
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

// PersonalityShift is a recent trend in one trait.
type PersonalityShift struct {
	// TraitName is the trait that moved.
	TraitName string `json:"trait_name"`
	// Direction is which way it moved.
	Direction string `json:"direction"`
	// Magnitude is how much it moved, as a label.
	Magnitude string `json:"magnitude"`
	// Reasoning explains the shift.
	Reasoning string `json:"reasoning"`
	// TriggerTypes are the kinds of event behind it.
	TriggerTypes []string `json:"trigger_types"`
	// TimeframeDays is the period the shift covers.
	TimeframeDays int64 `json:"timeframe_days"`
	// Timestamp is when the shift was observed, as the server formats it.
	Timestamp string `json:"timestamp"`
}

// SignificantMoment is an event that shaped the agent's personality.
type SignificantMoment struct {
	// Description says what happened.
	Description string `json:"description"`
	// Reasoning explains why it mattered.
	Reasoning string `json:"reasoning"`
	// TriggerType is the kind of event.
	TriggerType string `json:"trigger_type"`
	// EmotionalImpact describes its emotional weight.
	EmotionalImpact string `json:"emotional_impact"`
	// Location is where it happened, if known.
	Location string `json:"location"`
	// PartnerName is who it happened with, if known.
	PartnerName string `json:"partner_name"`
	// TraitsAffected are the traits it moved.
	TraitsAffected []string `json:"traits_affected"`
	// CreatedAt is when it happened, as the server formats it.
	CreatedAt string `json:"created_at"`
}

// recentShifts and significantMoments are the wire shapes of the answers.
type recentShifts struct {
	Shifts []PersonalityShift `json:"shifts"`
}

type significantMoments struct {
	Moments []SignificantMoment `json:"moments"`
}

// Get reads an agent's personality and its evolution history.
func (s *PersonalityService) Get(ctx context.Context, agentID string, p PersonalityParams, opts ...Option) (*Personality, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.HistoryLimit < 0 {
		return nil, invalid("PersonalityParams.HistoryLimit", fmt.Sprintf("%d is negative (0 means the server's default)", p.HistoryLimit))
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetPersonalityRequest(ep.server, agentID, &gen.GetPersonalityParams{
		HistoryLimit: optional(p.HistoryLimit),
		Since:        optional(p.Since),
	})
	out := new(Personality)
	if _, err := ep.doJSON(ctx, "getPersonality", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RecentShifts reads the recent trends in an agent's personality.
func (s *PersonalityService) RecentShifts(ctx context.Context, agentID string, opts ...Option) ([]PersonalityShift, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetRecentShiftsRequest(ep.server, agentID)
	var out recentShifts
	if _, err := ep.doJSON(ctx, "getRecentShifts", req, err, &out); err != nil {
		return nil, err
	}
	return out.Shifts, nil
}

// SignificantMoments reads the events that shaped an agent's personality.
// limit is how many to return; zero means the server's default (20).
func (s *PersonalityService) SignificantMoments(ctx context.Context, agentID string, limit int, opts ...Option) ([]SignificantMoment, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if limit < 0 {
		return nil, invalid("limit", fmt.Sprintf("%d is negative (0 means the server's default)", limit))
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetSignificantMomentsRequest(ep.server, agentID, &gen.GetSignificantMomentsParams{
		Limit: optional(int64(limit)),
	})
	var out significantMoments
	if _, err := ep.doJSON(ctx, "getSignificantMoments", req, err, &out); err != nil {
		return nil, err
	}
	return out.Moments, nil
}
