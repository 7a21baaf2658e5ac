package sonzai

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// UserOverlay is how an agent's personality adapts to one user.
type UserOverlay struct {
	// AgentID and UserID say whose overlay it is.
	AgentID string `json:"agent_id"`
	UserID  string `json:"user_id"`
	// Big5, Dimensions, Preferences and Behaviors are the personality as
	// the agent shows it to this user.
	Big5        Big5Assessment         `json:"big5"`
	Dimensions  PersonalityDimensions  `json:"dimensions"`
	Preferences InteractionPreferences `json:"preferences"`
	Behaviors   BehaviorTraits         `json:"behaviors"`
	// PrimaryTraits are the traits that stand out with this user.
	PrimaryTraits []string `json:"primary_traits"`
	// CreatedAt and UpdatedAt are when the overlay formed and last moved.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON reads the timestamps, which the server formats itself,
// leniently.
func (v *UserOverlay) UnmarshalJSON(b []byte) error {
	type plain UserOverlay
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt serverTime `json:"created_at"`
		UpdatedAt serverTime `json:"updated_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}, serverTime{&v.UpdatedAt}})
}

// userOverlayList is the wire shape of the list answer.
type userOverlayList struct {
	Overlays []UserOverlay `json:"overlays"`
}

// UserOverlays lists how an agent's personality adapts to each of its
// users.
func (s *InsightsService) UserOverlays(ctx context.Context, agentID string, opts ...Option) ([]UserOverlay, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[userOverlayList](ctx, s.c, opts, "listUserOverlays", func(server string) (*http.Request, error) {
		return gen.NewListUserOverlaysRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Overlays, nil
}

// UserOverlayParams scopes InsightsService.UserOverlay. Every field is
// optional.
type UserOverlayParams struct {
	// InstanceID reads the overlay in one agent instance; empty for the
	// default instance.
	InstanceID string
	// Since keeps only the evolution from this day on (the API reads the
	// date, in Since's own zone); zero keeps all.
	Since time.Time
}

// UserOverlayDetail is one user's overlay with the base personality it
// departs from and the changes that shaped it.
type UserOverlayDetail struct {
	// Overlay is the personality as the agent shows it to the user.
	Overlay UserOverlay `json:"overlay"`
	// Base is the agent's own personality, for comparison.
	Base PersonalityProfile `json:"base"`
	// Evolution lists the changes the user's conversations caused.
	Evolution []PersonalityDelta `json:"evolution"`
}

// UserOverlay reads how an agent's personality adapts to one user, next
// to its base personality.
func (s *InsightsService) UserOverlay(ctx context.Context, agentID, userID string, p UserOverlayParams, opts ...Option) (*UserOverlayDetail, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if err := sendableTime("UserOverlayParams.Since", p.Since); err != nil {
		return nil, err
	}
	var since string
	if !p.Since.IsZero() {
		since = p.Since.Format(time.DateOnly)
	}
	return call[UserOverlayDetail](ctx, s.c, opts, "getUserPersonalityOverlay", func(server string) (*http.Request, error) {
		return gen.NewGetUserPersonalityOverlayRequest(server, agentID, userID, &gen.GetUserPersonalityOverlayParams{
			InstanceId: optional(p.InstanceID), Since: optional(since),
		})
	})
}

// TimeMachineParams says when InsightsService.TimeMachine looks.
type TimeMachineParams struct {
	// At is the moment to reconstruct. Required.
	At time.Time
}

// MoodSnapshot is an agent's mood at one moment, on the four axes.
type MoodSnapshot struct {
	Valence     float64 `json:"valence"`
	Arousal     float64 `json:"arousal"`
	Tension     float64 `json:"tension"`
	Affiliation float64 `json:"affiliation"`
	// Label names the mood.
	Label string `json:"label"`
}

// TimeMachine is an agent's personality and mood as they were at a past
// moment, next to its personality now.
type TimeMachine struct {
	// RequestedAt is the moment reconstructed, as the server read it.
	RequestedAt time.Time `json:"requested_at"`
	// PersonalityAt is the Big Five then; CurrentPersonality now.
	PersonalityAt      Big5Assessment `json:"personality_at"`
	CurrentPersonality Big5Assessment `json:"current_personality"`
	// EvolutionEvents are the changes replayed to reach PersonalityAt.
	EvolutionEvents []PersonalityDelta `json:"evolution_events"`
	// MoodAt is the mood then.
	MoodAt MoodSnapshot `json:"mood_at"`
}

// UnmarshalJSON reads RequestedAt, which the server formats itself,
// leniently.
func (v *TimeMachine) UnmarshalJSON(b []byte) error {
	type plain TimeMachine
	return json.Unmarshal(b, &struct {
		*plain
		RequestedAt serverTime `json:"requested_at"`
	}{(*plain)(v), serverTime{&v.RequestedAt}})
}

// TimeMachine reconstructs an agent's personality and mood at p.At by
// replaying its evolution up to then.
func (s *InsightsService) TimeMachine(ctx context.Context, agentID string, p TimeMachineParams, opts ...Option) (*TimeMachine, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.At.IsZero() {
		return nil, invalid("TimeMachineParams.At", "zero; say which moment to reconstruct")
	}
	if err := sendableTime("TimeMachineParams.At", p.At); err != nil {
		return nil, err
	}
	return call[TimeMachine](ctx, s.c, opts, "getTimeMachine", func(server string) (*http.Request, error) {
		return gen.NewGetTimeMachineRequest(server, agentID, &gen.GetTimeMachineParams{At: p.At.Format(time.RFC3339Nano)})
	})
}
