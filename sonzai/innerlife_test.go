package sonzai_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// Goals, habits, mood and wake-ups: the requests they send, the answers
// they read, their bad input, and their round trips through the fake.

func TestInnerLifeInvalidInputSendsNothing(t *testing.T) {
	cases := []struct {
		sdkCall
		field string
	}{
		{sdkCall{"Goals.Create agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Create(ctx, "", sonzai.GoalCreateParams{Title: "t"})
			return err
		}}, "agentID"},
		{sdkCall{"Goals.Create title", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Create(ctx, "a1", sonzai.GoalCreateParams{Title: "  ", Description: "d"})
			return err
		}}, "GoalCreateParams.Title"},
		{sdkCall{"Goals.Create trait", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Create(ctx, "a1", sonzai.GoalCreateParams{Title: "t", RelatedTraits: []string{"warm", ""}})
			return err
		}}, "GoalCreateParams.RelatedTraits[1]"},
		{sdkCall{"Goals.Update goal", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Update(ctx, "a1", "..", sonzai.GoalUpdateParams{Title: sonzai.Ptr("t")})
			return err
		}}, "goalID"},
		{sdkCall{"Goals.Update nothing", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Update(ctx, "a1", "g1", sonzai.GoalUpdateParams{UserID: "u"})
			return err
		}}, "GoalUpdateParams"},
		{sdkCall{"Goals.Update status", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Update(ctx, "a1", "g1", sonzai.GoalUpdateParams{Status: sonzai.Ptr(sonzai.GoalStatus(""))})
			return err
		}}, "GoalUpdateParams.Status"},
		{sdkCall{"Goals.Delete goal", func(ctx context.Context, c *sonzai.Client) error {
			return c.Goals.Delete(ctx, "a1", "", sonzai.GoalDeleteParams{})
		}}, "goalID"},
		{sdkCall{"Goals.Breakthroughs agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.Breakthroughs(ctx, ".", sonzai.BreakthroughsParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Habits.Create name", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.Create(ctx, "a1", sonzai.HabitCreateParams{DisplayName: "Running"})
			return err
		}}, "HabitCreateParams.Name"},
		{sdkCall{"Habits.Create strength", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.Create(ctx, "a1", sonzai.HabitCreateParams{Name: "run", Strength: sonzai.Ptr(math.NaN())})
			return err
		}}, "HabitCreateParams.Strength"},
		{sdkCall{"Habits.Update name", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.Update(ctx, "a1", "", sonzai.HabitUpdateParams{Category: sonzai.Ptr("")})
			return err
		}}, "habitName"},
		{sdkCall{"Habits.Update nothing", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.Update(ctx, "a1", "run", sonzai.HabitUpdateParams{UserID: "u"})
			return err
		}}, "HabitUpdateParams"},
		{sdkCall{"Habits.Update strength", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.Update(ctx, "a1", "run", sonzai.HabitUpdateParams{Strength: sonzai.Ptr(math.Inf(1))})
			return err
		}}, "HabitUpdateParams.Strength"},
		{sdkCall{"Habits.Delete name", func(ctx context.Context, c *sonzai.Client) error {
			return c.Habits.Delete(ctx, "a1", "..", sonzai.HabitDeleteParams{})
		}}, "habitName"},
		{sdkCall{"Mood.Update range", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.Update(ctx, "a1", sonzai.MoodUpdateParams{Valence: 50, Arousal: 50, Tension: 101, Affiliation: 50})
			return err
		}}, "MoodUpdateParams.Tension"},
		{sdkCall{"Mood.Update NaN", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.Update(ctx, "a1", sonzai.MoodUpdateParams{Valence: math.NaN()})
			return err
		}}, "MoodUpdateParams.Valence"},
		{sdkCall{"Mood.History limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.History(ctx, "a1", sonzai.MoodHistoryParams{Limit: -1})
			return err
		}}, "MoodHistoryParams.Limit"},
		{sdkCall{"Mood.Aggregate days", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.Aggregate(ctx, "a1", sonzai.MoodAggregateParams{Days: -2})
			return err
		}}, "MoodAggregateParams.Days"},
		{sdkCall{"Wakeups.List limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.List(ctx, "a1", sonzai.WakeupListParams{Limit: 501})
			return err
		}}, "WakeupListParams.Limit"},
		{sdkCall{"Wakeups.Schedule user", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{CheckType: "check_in", Intent: "i", After: time.Hour})
			return err
		}}, "WakeupScheduleParams.UserID"},
		{sdkCall{"Wakeups.Schedule when", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u", CheckType: "check_in", Intent: "i"})
			return err
		}}, "WakeupScheduleParams.At"},
		{sdkCall{"Wakeups.Schedule both", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u", CheckType: "check_in", Intent: "i",
				At: time.Now(), After: time.Hour})
			return err
		}}, "WakeupScheduleParams.After"},
		{sdkCall{"Wakeups.Schedule partial hour", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u", CheckType: "check_in", Intent: "i",
				After: 90 * time.Minute})
			return err
		}}, "WakeupScheduleParams.After"},
		{sdkCall{"Wakeups.Schedule location without At", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u", CheckType: "check_in", Intent: "i",
				After: time.Hour, Location: time.UTC})
			return err
		}}, "WakeupScheduleParams.Location"},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 500, "must not be reached")
	}))
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}

const goalJSON = `{"goal_id":"g 1","agent_id":"a1","user_id":"u1","type":"personal_growth","title":"Bake","description":"Bread",
	"priority":2,"status":"achieved","related_traits":["patient"],"achieved_at":"2026-05-02T10:00:00Z",
	"created_at":"2026-05-01T10:00:00Z","updated_at":"2026-05-02T10:00:00Z"}`

func TestGoalsCreateSendsOnlyWhatIsSet(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/goals",
		body: `{"title":"Bake","type":"personal_growth","related_traits":["patient"]}`}, 200, goalJSON)
	g, err := c.Goals.Create(context.Background(), "a1", sonzai.GoalCreateParams{
		Title: "Bake", Type: sonzai.GoalPersonalGrowth, RelatedTraits: []string{"patient"}})
	mustSucceed(t, err)
	requireAllSet(t, "Goal", *g)
	if g.Status != sonzai.GoalAchieved || g.Type != sonzai.GoalPersonalGrowth {
		t.Errorf("status, type = %q, %q", g.Status, g.Type)
	}
}

// An update sends a field set to "" or 0 or [] (to clear it), and nothing
// for the fields left nil.
func TestGoalsUpdateSendsZeroesAndOmitsNil(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "PUT", path: "/api/v1/agents/a1/goals/g%201",
		body: `{"description":"","priority":0,"related_traits":[],"status":"achieved"}`}, 200, goalJSON)
	done := sonzai.GoalAchieved
	_, err := c.Goals.Update(context.Background(), "a1", "g 1", sonzai.GoalUpdateParams{
		Description: sonzai.Ptr(""), Priority: sonzai.Ptr(int64(0)), RelatedTraits: []string{}, Status: &done})
	mustSucceed(t, err)
}

func TestGoalsDeleteAndBreakthroughs(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "DELETE", path: "/api/v1/agents/a1/goals/g1", query: url.Values{"user_id": {"u1"}}}, 204, "")
	mustSucceed(t, c.Goals.Delete(context.Background(), "a1", "g1", sonzai.GoalDeleteParams{UserID: "u1"}))

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/breakthroughs", query: url.Values{"user_id": {"u1"}}}, 200,
		`{"breakthroughs":[{"breakthrough_id":"b1","agent_id":"a1","user_id":"u1","breakthrough_number":1,"level_at_breakthrough":3,
		"narrative":"n","personality_shifts":["warmer"],"new_goals":["g2"],"achieved_goals":["g1"],"trait_evolved":"warmth",
		"skill_points_awarded":5,"acknowledged":true,"created_at":"2026-05-01T10:00:00Z"}]}`)
	bs, err := c.Goals.Breakthroughs(context.Background(), "a1", sonzai.BreakthroughsParams{UserID: "u1"})
	mustSucceed(t, err)
	if len(bs) != 1 {
		t.Fatalf("got %d breakthroughs", len(bs))
	}
	requireAllSet(t, "Breakthrough", bs[0])
}

func TestHabitsCreateUpdateDeleteRequests(t *testing.T) {
	habit := `{"id":"h1","agent_id":"a1","user_id":"u1","name":"run","display_name":"Running","category":"routine",
		"description":"d","strength":0,"formed":false,"observation_count":0,"daily_reinforced":0,
		"last_reinforced_at":"2026-05-01T10:00:00Z","created_at":"2026-05-01T10:00:00Z","updated_at":"2026-05-01T10:00:00Z"}`
	c, _ := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/habits", query: url.Values{"instance_id": {"i1"}},
		body: `{"name":"run","strength":0,"user_id":"u1"}`}, 200, habit)
	h, err := c.Habits.Create(context.Background(), "a1", sonzai.HabitCreateParams{Name: "run", Strength: sonzai.Ptr(0.0), UserID: "u1", InstanceID: "i1"})
	mustSucceed(t, err)
	if h.Name != "run" {
		t.Errorf("name = %q", h.Name)
	}
	c, _ = serveCall(t, wantCall{method: "PUT", path: "/api/v1/agents/a1/habits/morning%20run",
		body: `{"description":"","user_id":"u1"}`}, 200, habit)
	_, err = c.Habits.Update(context.Background(), "a1", "morning run", sonzai.HabitUpdateParams{Description: sonzai.Ptr(""), UserID: "u1"})
	mustSucceed(t, err)
	c, _ = serveCall(t, wantCall{method: "DELETE", path: "/api/v1/agents/a1/habits/run",
		query: url.Values{"user_id": {"u1"}, "instance_id": {"i1"}}}, 204, "")
	mustSucceed(t, c.Habits.Delete(context.Background(), "a1", "run", sonzai.HabitDeleteParams{UserID: "u1", InstanceID: "i1"}))
}

func TestMoodRequestsAndAnswers(t *testing.T) {
	ctx := context.Background()
	c, _ := serveCall(t, wantCall{method: "PUT", path: "/api/v1/agents/a1/mood", query: url.Values{"user_id": {"u1"}},
		body: `{"valence":0,"arousal":100,"tension":0,"affiliation":50}`}, 200, `{"mood":{"agent_id":"a1","label":"calm","valence":0}}`)
	m, err := c.Mood.Update(ctx, "a1", sonzai.MoodUpdateParams{Arousal: 100, Affiliation: 50, UserID: "u1"})
	mustSucceed(t, err)
	if m.Label != "calm" {
		t.Errorf("label = %q", m.Label)
	}

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/mood-history", query: url.Values{"limit": {"3"}}}, 200,
		`{"entries":[{"timestamp":"2026-05-01 10:00:00","label":"happy","valence":1,"arousal":2,"tension":3,"affiliation":4,
		"delta_valence":0.1,"delta_arousal":0.2,"delta_tension":0.3,"delta_affiliation":0.4,"trigger_type":"override","trigger_reason":"r"}]}`)
	hist, err := c.Mood.History(ctx, "a1", sonzai.MoodHistoryParams{Limit: 3})
	mustSucceed(t, err)
	if len(hist) != 1 {
		t.Fatalf("got %d entries", len(hist))
	}
	requireAllSet(t, "MoodHistoryEntry", hist[0])
	if want := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC); !hist[0].Timestamp.Equal(want) {
		t.Errorf("timestamp = %v, want %v", hist[0].Timestamp, want)
	}

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/mood/aggregate", query: url.Values{"days": {"7"}}}, 200,
		`{"valence":1,"arousal":2,"tension":3,"affiliation":4,"label":"happy","user_count":2,"days_window":7}`)
	agg, err := c.Mood.Aggregate(ctx, "a1", sonzai.MoodAggregateParams{Days: 7})
	mustSucceed(t, err)
	requireAllSet(t, "MoodAggregate", *agg)
}

// A wake-up's time goes out with the offset of its zone, so the user's
// wall clock survives; After goes out as whole hours.
func TestWakeupsScheduleSendsZoneAndHours(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	ctx := context.Background()
	c, _ := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/wakeups",
		body: `{"user_id":"u1","check_type":"check_in","intent":"ask about the exam","delay_hours":0,
		"scheduled_at":"2026-12-24T09:00:00-05:00","occasion":"exam"}`}, 200,
		`{"wakeup_id":"w1","scheduled_at":"2026-12-24T14:00:00Z"}`)
	w, err := c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u1", CheckType: "check_in",
		Intent: "ask about the exam", Occasion: "exam",
		At: time.Date(2026, 12, 24, 14, 0, 0, 0, time.UTC), Location: ny})
	mustSucceed(t, err)
	if w.WakeupID != "w1" || !w.ScheduledAt.Equal(time.Date(2026, 12, 24, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v", w)
	}

	c, _ = serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/wakeups",
		body: `{"user_id":"u1","check_type":"check_in","intent":"i","delay_hours":48}`}, 200,
		`{"wakeup_id":"w2","scheduled_at":"2026-12-26T14:00:00Z"}`)
	_, err = c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u1", CheckType: "check_in", Intent: "i", After: 48 * time.Hour})
	mustSucceed(t, err)

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/wakeups", query: url.Values{"status": {"pending"}, "limit": {"500"}}}, 200,
		`{"wakeups":[{"wakeup_id":"w1","agent_id":"a1","user_id":"u1","check_type":"check_in","intent":"i","occasion":"o",
		"interest_topic":"t","event_description":"e","last_topic":"l","research_summary":"r","status":"executed",
		"scheduled_at":"2026-12-24T14:00:00Z","executed_at":"2026-12-24T14:00:01Z","created_at":"2026-12-01T14:00:00Z"}]}`)
	ws, err := c.Wakeups.List(ctx, "a1", sonzai.WakeupListParams{Status: sonzai.WakeupPending, Limit: 500})
	mustSucceed(t, err)
	if len(ws) != 1 {
		t.Fatalf("got %d wake-ups", len(ws))
	}
	requireAllSet(t, "Wakeup", ws[0])
}

// Through the fake: what is written is read back, by the lists and by the
// session context.
func TestInnerLifeRoundTripsThroughTheFake(t *testing.T) {
	clk := sonzaitest.NewFakeClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	fake := sonzaitest.NewServer(t, sonzaitest.WithClock(clk))
	client, err := fake.Client()
	mustSucceed(t, err)
	ctx := context.Background()
	agent := sonzaitest.DemoAgentID

	// Goals: created, in the list and the context; updated; deleted.
	g, err := client.Goals.Create(ctx, agent, sonzai.GoalCreateParams{Title: "Bake bread", Description: "sourdough", Priority: 3, UserID: "u1"})
	mustSucceed(t, err)
	session, err := client.Sessions.Start(ctx, agent, sonzai.StartParams{UserID: "u1"})
	mustSucceed(t, err)
	enriched, err := session.Context(ctx, sonzai.ContextParams{})
	mustSucceed(t, err)
	if !slices.ContainsFunc(enriched.ActiveGoals, func(x sonzai.Goal) bool { return x.GoalID == g.GoalID }) {
		t.Errorf("the new goal is not among the context's active goals: %+v", enriched.ActiveGoals)
	}
	_, err = client.Goals.Update(ctx, agent, g.GoalID, sonzai.GoalUpdateParams{Description: sonzai.Ptr(""), Status: sonzai.Ptr(sonzai.GoalAchieved)})
	mustSucceed(t, err)
	goals, err := client.Goals.List(ctx, agent, sonzai.GoalListParams{UserID: "u1"})
	mustSucceed(t, err)
	i := slices.IndexFunc(goals, func(x sonzai.Goal) bool { return x.GoalID == g.GoalID })
	if i < 0 {
		t.Fatalf("created goal not listed: %+v", goals)
	}
	if got := goals[i]; got.Description != "" || got.Title != "Bake bread" || got.Priority != 3 || got.Status != sonzai.GoalAchieved || got.AchievedAt.IsZero() {
		t.Errorf("after the update: %+v", got)
	}
	enriched, err = session.Context(ctx, sonzai.ContextParams{})
	mustSucceed(t, err)
	if slices.ContainsFunc(enriched.ActiveGoals, func(x sonzai.Goal) bool { return x.GoalID == g.GoalID }) {
		t.Error("an achieved goal is still among the context's active goals")
	}
	mustSucceed(t, client.Goals.Delete(ctx, agent, g.GoalID, sonzai.GoalDeleteParams{}))
	goals, err = client.Goals.List(ctx, agent, sonzai.GoalListParams{})
	mustSucceed(t, err)
	if slices.ContainsFunc(goals, func(x sonzai.Goal) bool { return x.GoalID == g.GoalID }) {
		t.Error("the deleted goal is still listed")
	}
	if err := client.Goals.Delete(ctx, agent, g.GoalID, sonzai.GoalDeleteParams{}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("deleting it again: err = %v, want ErrNotFound", err)
	}
	if _, err := client.Goals.Update(ctx, agent, "no-such-goal", sonzai.GoalUpdateParams{Title: sonzai.Ptr("x")}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("updating an unknown goal: err = %v, want ErrNotFound", err)
	}
	bs, err := client.Goals.Breakthroughs(ctx, agent, sonzai.BreakthroughsParams{})
	mustSucceed(t, err)
	if len(bs) != 0 {
		t.Errorf("breakthroughs = %+v", bs)
	}

	// Habits: created with a strength, updated, deleted.
	h, err := client.Habits.Create(ctx, agent, sonzai.HabitCreateParams{Name: "run", DisplayName: "Running", Strength: sonzai.Ptr(0.4), UserID: "u1"})
	mustSucceed(t, err)
	if h.Strength != 0.4 || h.DisplayName != "Running" {
		t.Errorf("created habit: %+v", h)
	}
	if _, err := client.Habits.Create(ctx, agent, sonzai.HabitCreateParams{Name: "run", UserID: "u1"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("creating it twice: err = %v, want ErrConflict", err)
	}
	_, err = client.Habits.Update(ctx, agent, "run", sonzai.HabitUpdateParams{Strength: sonzai.Ptr(0.0), Category: sonzai.Ptr("fitness"), UserID: "u1"})
	mustSucceed(t, err)
	habits, err := client.Habits.List(ctx, agent, sonzai.HabitListParams{UserID: "u1"})
	mustSucceed(t, err)
	if len(habits) != 1 || habits[0].Strength != 0 || habits[0].Category != "fitness" || habits[0].DisplayName != "Running" {
		t.Errorf("habits after the update: %+v", habits)
	}
	mustSucceed(t, client.Habits.Delete(ctx, agent, "run", sonzai.HabitDeleteParams{UserID: "u1"}))
	habits, err = client.Habits.List(ctx, agent, sonzai.HabitListParams{UserID: "u1"})
	mustSucceed(t, err)
	if len(habits) != 0 {
		t.Errorf("habits after the delete: %+v", habits)
	}

	// Mood: the override is what Get reads, and the history records it.
	clk.Advance(time.Hour)
	_, err = client.Mood.Update(ctx, agent, sonzai.MoodUpdateParams{Valence: 90, Arousal: 40, Tension: 5, Affiliation: 60, UserID: "u1"})
	mustSucceed(t, err)
	m, err := client.Mood.Get(ctx, agent, sonzai.MoodParams{UserID: "u1"})
	mustSucceed(t, err)
	if m.Valence != 90 || m.Arousal != 40 || m.Tension != 5 || m.Affiliation != 60 {
		t.Errorf("mood after the override: %+v", m)
	}
	hist, err := client.Mood.History(ctx, agent, sonzai.MoodHistoryParams{UserID: "u1"})
	mustSucceed(t, err)
	if len(hist) != 1 || hist[0].Valence != 90 || !hist[0].Timestamp.Equal(clk.Now()) {
		t.Errorf("history: %+v", hist)
	}
	agg, err := client.Mood.Aggregate(ctx, agent, sonzai.MoodAggregateParams{})
	mustSucceed(t, err)
	if agg.UserCount != 1 || agg.Valence != 90 || agg.DaysWindow != 5 {
		t.Errorf("aggregate: %+v", agg)
	}

	// Wake-ups: scheduled, listed pending, executed once the clock passes.
	w, err := client.Wakeups.Schedule(ctx, agent, sonzai.WakeupScheduleParams{UserID: "u1", CheckType: "check_in", Intent: "ask about the bread", After: 2 * time.Hour})
	mustSucceed(t, err)
	if want := clk.Now().Add(2 * time.Hour); !w.ScheduledAt.Equal(want) {
		t.Errorf("scheduled at %v, want %v", w.ScheduledAt, want)
	}
	pending, err := client.Wakeups.List(ctx, agent, sonzai.WakeupListParams{Status: sonzai.WakeupPending})
	mustSucceed(t, err)
	if len(pending) != 1 || pending[0].WakeupID != w.WakeupID || pending[0].Intent != "ask about the bread" {
		t.Errorf("pending: %+v", pending)
	}
	clk.Advance(3 * time.Hour)
	all, err := client.Wakeups.List(ctx, agent, sonzai.WakeupListParams{})
	mustSucceed(t, err)
	if len(all) != 1 || all[0].Status != sonzai.WakeupExecuted || !all[0].ExecutedAt.Equal(w.ScheduledAt) {
		t.Errorf("after the time passed: %+v", all)
	}

	// Unknown agents are a 404 for every call.
	if _, err := client.Wakeups.List(ctx, "nope", sonzai.WakeupListParams{}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent: err = %v", err)
	}
}
