package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// SignificantMomentsParams shapes InsightsService.SignificantMoments.
type SignificantMomentsParams struct {
	// Limit is how many moments to return; zero means the server's default
	// (20).
	Limit int
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
	// Timestamp is when the shift was observed.
	Timestamp time.Time `json:"timestamp"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *PersonalityShift) UnmarshalJSON(b []byte) error {
	type plain PersonalityShift
	return json.Unmarshal(b, &struct {
		*plain
		Timestamp serverTime `json:"timestamp"`
	}{(*plain)(v), serverTime{&v.Timestamp}})
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
	// CreatedAt is when it happened.
	CreatedAt time.Time `json:"created_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *SignificantMoment) UnmarshalJSON(b []byte) error {
	type plain SignificantMoment
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt serverTime `json:"created_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}})
}

// recentShifts and significantMoments are the wire shapes of the answers.
type recentShifts struct {
	Shifts []PersonalityShift `json:"shifts"`
}

type significantMoments struct {
	Moments []SignificantMoment `json:"moments"`
}

// RecentShifts reads the recent trends in an agent's personality.
func (s *InsightsService) RecentShifts(ctx context.Context, agentID string, opts ...Option) ([]PersonalityShift, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[recentShifts](ctx, s.c, opts, "getRecentShifts", func(server string) (*http.Request, error) {
		return gen.NewGetRecentShiftsRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Shifts, nil
}

// SignificantMoments reads the events that shaped an agent's personality.
func (s *InsightsService) SignificantMoments(ctx context.Context, agentID string, p SignificantMomentsParams, opts ...Option) ([]SignificantMoment, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.Limit < 0 {
		return nil, invalid("SignificantMomentsParams.Limit", fmt.Sprintf("%d is negative (0 means the server's default)", p.Limit))
	}
	out, err := call[significantMoments](ctx, s.c, opts, "getSignificantMoments", func(server string) (*http.Request, error) {
		return gen.NewGetSignificantMomentsRequest(server, agentID, &gen.GetSignificantMomentsParams{
			Limit: optional(int64(p.Limit)),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Moments, nil
}
