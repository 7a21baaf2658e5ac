package sonzai_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const personalityJSON = `{
	"$schema": "https://api.sonz.ai/schemas/PersonalityResult.json",
	"profile": {
		"agent_id": "a1", "name": "Luna", "gender": "female", "bio": "A curious astronomer.",
		"avatar_url": "https://cdn.example.com/luna.png", "personality_prompt": "You are Luna.",
		"speech_patterns": ["uses star metaphors"], "true_interests": ["astronomy"],
		"true_dislikes": ["light pollution"], "primary_traits": ["curious"], "temperature": 0.7,
		"big5": {
			"openness": {"score": 0.9, "confidence": 0.8, "level": "high", "facets": ["imagination"]},
			"conscientiousness": {"score": 0.6, "confidence": 0.7, "level": "medium", "facets": ["order"]},
			"extraversion": {"score": 0.4, "confidence": 0.6, "level": "medium", "facets": ["warmth"]},
			"agreeableness": {"score": 0.8, "confidence": 0.75, "level": "high", "facets": ["trust"]},
			"neuroticism": {"score": 0.2, "confidence": 0.65, "level": "low", "facets": ["anxiety"]}
		},
		"dimensions": {"intellect": 0.9, "aesthetic": 0.8, "industriousness": 0.6, "orderliness": 0.5,
			"enthusiasm": 0.45, "assertiveness": 0.35, "compassion": 0.85, "politeness": 0.75,
			"withdrawal": 0.15, "volatility": 0.25},
		"preferences": {"conversation_pace": "relaxed", "formality": "casual", "humor_style": "dry", "emotional_expression": "open"},
		"behaviors": {"response_length": "medium", "question_frequency": "often", "empathy_style": "warm", "conflict_approach": "calm"},
		"emotional_tendencies": {"joy": 0.6, "anxiety": 0.1},
		"trait_precisions": {"openness": {"precision": 4.5, "observation_count": 12, "last_updated_at": "2026-03-01T12:00:00Z"}},
		"created_at": "2025-12-01 10:00:00"
	},
	"evolution": [{
		"trait_category": "big5", "trait_name": "openness", "old_value": 0.85, "new_value": 0.9, "delta": 0.05,
		"proposed_delta": 0.08, "applied_delta": 0.05, "dampening_factor": 0.6, "confidence": 0.7,
		"prediction_error": 0.12, "prior_precision": 4.0, "posterior_precision": 4.5,
		"is_significant_moment": true, "reasoning": "Explored a new topic with enthusiasm.",
		"trigger_type": "conversation", "user_id": "user-123", "timestamp": "2026-03-01T12:00:00Z"
	}]
}`

func TestPersonalityGet(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/My%20Agent%2Fv2/personality", query: url.Values{
		"history_limit": {"10"}, "since": {"2026-01-01T00:00:00Z"},
	}}, 200, personalityJSON)
	got, err := c.Personality.Get(context.Background(), "My Agent/v2", sonzai.PersonalityParams{HistoryLimit: 10, Since: wireTime(t, "2026-01-01T00:00:00Z")})
	mustSucceed(t, err)
	requireAllSet(t, "Personality", *got)
	want := wantAgent(t)
	p := got.Profile
	if p.AgentID != "a1" || p.Name != "Luna" || p.Gender != "female" || p.Bio != want.Bio || p.AvatarURL != want.AvatarURL ||
		p.PersonalityPrompt != want.PersonalityPrompt || p.Temperature != 0.7 || !p.CreatedAt.Equal(time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("profile scalars = %+v", p)
	}
	if !reflect.DeepEqual(p.SpeechPatterns, want.SpeechPatterns) || !reflect.DeepEqual(p.TrueInterests, want.TrueInterests) ||
		!reflect.DeepEqual(p.TrueDislikes, want.TrueDislikes) || !reflect.DeepEqual(p.PrimaryTraits, want.PrimaryTraits) {
		t.Errorf("profile lists = %+v", p)
	}
	if !reflect.DeepEqual(p.Big5, *want.Big5) || !reflect.DeepEqual(p.Dimensions, *want.Dimensions) ||
		!reflect.DeepEqual(p.Preferences, *want.Preferences) || !reflect.DeepEqual(p.Behaviors, *want.Behaviors) {
		t.Errorf("profile model = %+v", p)
	}
	if !reflect.DeepEqual(p.EmotionalTendencies, map[string]float64{"joy": 0.6, "anxiety": 0.1}) {
		t.Errorf("EmotionalTendencies = %v", p.EmotionalTendencies)
	}
	wantPrecision := map[string]sonzai.TraitPrecision{"openness": {Precision: 4.5, ObservationCount: 12, LastUpdatedAt: wireTime(t, "2026-03-01T12:00:00Z")}}
	if !reflect.DeepEqual(p.TraitPrecisions, wantPrecision) {
		t.Errorf("TraitPrecisions = %+v", p.TraitPrecisions)
	}
	wantDelta := []sonzai.PersonalityDelta{{
		TraitCategory: "big5", TraitName: "openness", OldValue: 0.85, NewValue: 0.9, Delta: 0.05,
		ProposedDelta: 0.08, AppliedDelta: 0.05, DampeningFactor: 0.6, Confidence: 0.7, PredictionError: 0.12,
		PriorPrecision: 4.0, PosteriorPrecision: 4.5, IsSignificantMoment: true,
		Reasoning: "Explored a new topic with enthusiasm.", TriggerType: "conversation", UserID: "user-123",
		Timestamp: wireTime(t, "2026-03-01T12:00:00Z"),
	}}
	if !reflect.DeepEqual(got.Evolution, wantDelta) {
		t.Errorf("Evolution =\n  %+v\nwant\n  %+v", got.Evolution, wantDelta)
	}

	// Defaults: no query.
	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/personality"}, 200, personalityJSON)
	_, err = c.Personality.Get(context.Background(), "a1", sonzai.PersonalityParams{})
	mustSucceed(t, err)
}

func TestPersonalityRecentShifts(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/personality/recent-shifts"}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/RecentShifts.json",
		"shifts": [{"trait_name": "openness", "direction": "up", "magnitude": "small",
			"reasoning": "More curious lately.", "trigger_types": ["conversation", "reflection"],
			"timeframe_days": 7, "timestamp": "2026-03-01T12:00:00Z"}]}`)
	got, err := c.Insights.RecentShifts(context.Background(), "a1")
	mustSucceed(t, err)
	want := []sonzai.PersonalityShift{{
		TraitName: "openness", Direction: "up", Magnitude: "small", Reasoning: "More curious lately.",
		TriggerTypes: []string{"conversation", "reflection"}, TimeframeDays: 7, Timestamp: wireTime(t, "2026-03-01T12:00:00Z"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RecentShifts = %+v, want %+v", got, want)
	}
	requireAllSet(t, "PersonalityShift", got[0])
}

func TestPersonalitySignificantMoments(t *testing.T) {
	reply := `{
		"$schema": "https://api.sonz.ai/schemas/SignificantMoments.json",
		"moments": [{"description": "First stargazing night together", "reasoning": "Shared wonder",
			"trigger_type": "shared_experience", "emotional_impact": "strong", "location": "Mauna Kea",
			"partner_name": "Alice", "traits_affected": ["openness"], "created_at": "2026-02-14T22:00:00Z"}]}`
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/personality/significant-moments",
		query: url.Values{"limit": {"5"}}}, 200, reply)
	got, err := c.Insights.SignificantMoments(context.Background(), "a1", sonzai.SignificantMomentsParams{Limit: 5})
	mustSucceed(t, err)
	want := []sonzai.SignificantMoment{{
		Description: "First stargazing night together", Reasoning: "Shared wonder", TriggerType: "shared_experience",
		EmotionalImpact: "strong", Location: "Mauna Kea", PartnerName: "Alice",
		TraitsAffected: []string{"openness"}, CreatedAt: wireTime(t, "2026-02-14T22:00:00Z"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SignificantMoments = %+v, want %+v", got, want)
	}
	requireAllSet(t, "SignificantMoment", got[0])

	// Zero limit: the server's default, so no query.
	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/personality/significant-moments"}, 200, `{"moments": null}`)
	got, err = c.Insights.SignificantMoments(context.Background(), "a1", sonzai.SignificantMomentsParams{})
	mustSucceed(t, err)
	if got != nil {
		t.Errorf("null moments = %+v", got)
	}
}
