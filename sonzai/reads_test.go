package sonzai_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestAgentsMood(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/My%20Agent%2Fv2/mood",
		query: url.Values{"user_id": {"user-123"}, "instance_id": {"inst-1"}}}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/MoodResult.json",
		"mood": {
			"agent_id": "a1", "user_id": "user-123", "label": "content",
			"valence": 0.4, "arousal": 0.2, "tension": -0.1, "affiliation": 0.3,
			"baseline_valence": 0.1, "baseline_arousal": 0.15, "baseline_tension": 0.05, "baseline_affiliation": 0.2,
			"user_baseline_valence": 0.25, "user_baseline_arousal": 0.35, "user_baseline_tension": -0.05, "user_baseline_affiliation": 0.45,
			"last_interaction_at": "2026-03-04T05:06:07Z", "last_decay_at": "2026-03-04T06:00:00Z",
			"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-03-04T06:00:00Z"
		}}`)
	got, err := c.Mood.Get(context.Background(), "My Agent/v2", sonzai.MoodParams{UserID: "user-123", InstanceID: "inst-1"})
	mustSucceed(t, err)
	want := &sonzai.Mood{
		AgentID: "a1", UserID: "user-123", Label: "content",
		Valence: 0.4, Arousal: 0.2, Tension: -0.1, Affiliation: 0.3,
		BaselineValence: 0.1, BaselineArousal: 0.15, BaselineTension: 0.05, BaselineAffiliation: 0.2,
		UserBaselineValence: 0.25, UserBaselineArousal: 0.35, UserBaselineTension: -0.05, UserBaselineAffiliation: 0.45,
		LastInteractionAt: wireTime(t, "2026-03-04T05:06:07Z"), LastDecayAt: wireTime(t, "2026-03-04T06:00:00Z"),
		CreatedAt: wireTime(t, "2026-01-01T00:00:00Z"), UpdatedAt: wireTime(t, "2026-03-04T06:00:00Z"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Mood =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Mood", *got)

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/mood"}, 200, `{"mood": {"agent_id": "a1", "label": "calm"}}`)
	got, err = c.Mood.Get(context.Background(), "a1", sonzai.MoodParams{})
	mustSucceed(t, err)
	if got.Label != "calm" {
		t.Errorf("Mood without parameters = %+v", got)
	}
}

func TestAgentsGoals(t *testing.T) {
	reply := `{
		"$schema": "https://api.sonz.ai/schemas/GoalList.json",
		"goals": [{
			"$schema": "https://api.sonz.ai/schemas/Goal.json",
			"goal_id": "g1", "agent_id": "a1", "user_id": "user-123", "type": "relationship",
			"title": "Learn Alice's favourite constellations", "description": "Ask about the night sky",
			"priority": 2, "status": "achieved", "related_traits": ["curious"],
			"achieved_at": "2026-03-01T00:00:00Z", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z"
		}]}`
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/goals", query: url.Values{"user_id": {"user-123"}}}, 200, reply)
	got, err := c.Goals.List(context.Background(), "a1", sonzai.GoalListParams{UserID: "user-123"})
	mustSucceed(t, err)
	want := []sonzai.Goal{{
		GoalID: "g1", AgentID: "a1", UserID: "user-123", Type: "relationship",
		Title: "Learn Alice's favourite constellations", Description: "Ask about the night sky",
		Priority: 2, Status: "achieved", RelatedTraits: []string{"curious"},
		AchievedAt: wireTime(t, "2026-03-01T00:00:00Z"), CreatedAt: wireTime(t, "2026-01-01T00:00:00Z"),
		UpdatedAt: wireTime(t, "2026-03-01T00:00:00Z"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Goals =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Goal", got[0])

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/goals"}, 200, `{"goals": []}`)
	got, err = c.Goals.List(context.Background(), "a1", sonzai.GoalListParams{})
	mustSucceed(t, err)
	if len(got) != 0 {
		t.Errorf("Goals = %+v", got)
	}
}

func TestAgentsHabits(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/habits",
		query: url.Values{"user_id": {"user-123"}, "instance_id": {"inst-1"}}}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/HabitList.json",
		"habits": [{
			"$schema": "https://api.sonz.ai/schemas/Habit.json",
			"id": "h1", "agent_id": "a1", "user_id": "user-123", "name": "evening_walk", "display_name": "Evening walk",
			"category": "routine", "description": "Walks after dinner", "strength": 0.7, "formed": true,
			"formed_at": "2026-02-01T00:00:00Z", "observation_count": 9, "daily_reinforced": 0.5,
			"last_reinforced_at": "2026-03-03T20:00:00Z", "created_at": "2026-01-10T00:00:00Z", "updated_at": "2026-03-03T20:00:00Z"
		}]}`)
	got, err := c.Habits.List(context.Background(), "a1", sonzai.HabitListParams{UserID: "user-123", InstanceID: "inst-1"})
	mustSucceed(t, err)
	want := []sonzai.Habit{{
		ID: "h1", AgentID: "a1", UserID: "user-123", Name: "evening_walk", DisplayName: "Evening walk",
		Category: "routine", Description: "Walks after dinner", Strength: 0.7, Formed: true,
		FormedAt: wireTime(t, "2026-02-01T00:00:00Z"), ObservationCount: 9, DailyReinforced: 0.5,
		LastReinforcedAt: wireTime(t, "2026-03-03T20:00:00Z"), CreatedAt: wireTime(t, "2026-01-10T00:00:00Z"),
		UpdatedAt: wireTime(t, "2026-03-03T20:00:00Z"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Habits =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Habit", got[0])
}

func TestAgentsInterests(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/interests",
		query: url.Values{"user_id": {"user-123"}}}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/InterestList.json",
		"interests": [{
			"agent_id": "a1", "user_id": "user-123", "topic": "hiking", "category": "outdoors",
			"confidence": 0.85, "engagement_level": 0.6, "research_status": "done",
			"research_findings": "Kumano Kodo is a UNESCO trail.", "mention_count": 4,
			"last_mentioned_at": "2026-03-02T00:00:00Z", "created_at": "2026-01-05T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z"
		}]}`)
	got, err := c.Interests.List(context.Background(), "a1", sonzai.InterestListParams{UserID: "user-123"})
	mustSucceed(t, err)
	want := []sonzai.Interest{{
		AgentID: "a1", UserID: "user-123", Topic: "hiking", Category: "outdoors", Confidence: 0.85,
		EngagementLevel: 0.6, ResearchStatus: "done", ResearchFindings: "Kumano Kodo is a UNESCO trail.",
		MentionCount: 4, LastMentionedAt: wireTime(t, "2026-03-02T00:00:00Z"),
		CreatedAt: wireTime(t, "2026-01-05T00:00:00Z"), UpdatedAt: wireTime(t, "2026-03-02T00:00:00Z"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Interests =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Interest", got[0])
}

func TestAgentsRelationships(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/relationships"}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/RelationshipList.json",
		"relationships": [
			{"user_id": "user-123", "love_score": 72, "chemistry_score": 64, "narrative": "Close friends who share the stars.", "updated_at": "2026-03-03T20:00:00Z"},
			{"user_id": "user-456", "love_score": 10}
		]}`)
	got, err := c.Relationships.List(context.Background(), "a1")
	mustSucceed(t, err)
	want := []sonzai.Relationship{
		{UserID: "user-123", LoveScore: 72, ChemistryScore: 64, Narrative: "Close friends who share the stars.", UpdatedAt: wireTime(t, "2026-03-03T20:00:00Z")},
		{UserID: "user-456", LoveScore: 10},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Relationships = %+v, want %+v", got, want)
	}
	requireAllSet(t, "Relationship", got[0])
}

func TestAgentsModels(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/models"}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/AgentModels.json",
		"default_provider": "gemini", "default_model": "gemini-3.1-flash-lite-preview",
		"providers": [
			{"provider": "gemini", "provider_name": "Google Gemini", "default_model": "gemini-3.1-flash-lite-preview"},
			{"provider": "zhipu", "provider_name": "Zhipu AI", "default_model": "glm-4"}
		]}`)
	got, err := c.Models.ForAgent(context.Background(), "a1")
	mustSucceed(t, err)
	want := &sonzai.AgentModels{
		DefaultProvider: "gemini", DefaultModel: "gemini-3.1-flash-lite-preview",
		Providers: []sonzai.ModelProvider{
			{Provider: "gemini", ProviderName: "Google Gemini", DefaultModel: "gemini-3.1-flash-lite-preview"},
			{Provider: "zhipu", ProviderName: "Zhipu AI", DefaultModel: "glm-4"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Models = %+v, want %+v", got, want)
	}
	requireAllSet(t, "AgentModels", *got)
}

func TestReadsRetryTransientFailures(t *testing.T) {
	// Reads are GETs: a 503 is retried, and per-call options apply.
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("X-Trace"); got != "t-2" {
			t.Errorf("X-Trace = %q", got)
		}
		if n.total.Load() == 1 {
			writeProblem(w, 503, "warming up")
			return
		}
		writeRaw(w, 200, `{"relationships": [{"user_id": "u1", "love_score": 1}]}`)
	}))
	got, err := c.Relationships.List(context.Background(), "a1", sonzai.WithHeader("X-Trace", "t-2"))
	mustSucceed(t, err)
	if len(got) != 1 || n.total.Load() != 2 {
		t.Errorf("%+v after %d requests", got, n.total.Load())
	}
}
