package sonzai_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestSchedulesInvalidInputSendsNothing(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	utc := sonzai.ScheduleCadence{Cron: "0 9 * * *", Location: time.UTC}
	create := func(p sonzai.ScheduleCreateParams) func(ctx context.Context, c *sonzai.Client) error {
		return func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Create(ctx, "a1", "u1", p))
		}
	}
	ok := sonzai.ScheduleCreateParams{Cadence: utc, Intent: "i", CheckType: "c"}
	with := func(f func(p *sonzai.ScheduleCreateParams)) sonzai.ScheduleCreateParams {
		p := ok
		f(&p)
		return p
	}
	update := func(p sonzai.ScheduleUpdateParams) func(ctx context.Context, c *sonzai.Client) error {
		return func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Update(ctx, "a1", "u1", "s1", p))
		}
	}
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"List agent", "agentID", func(ctx context.Context, c *sonzai.Client) error { return errOnly(c.Schedules.List(ctx, "", "u1")) }},
		{"List user", "userID", func(ctx context.Context, c *sonzai.Client) error { return errOnly(c.Schedules.List(ctx, "a1", "..")) }},
		{"Create user", "userID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Create(ctx, "a1", "", ok))
		}},
		{"Create no cadence", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence = sonzai.ScheduleCadence{Location: time.UTC} }))},
		{"Create both cadences", "ScheduleCreateParams.Cadence.Simple", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Simple = map[string]any{} }))},
		{"Create no zone", "ScheduleCreateParams.Cadence.Location", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Location = nil }))},
		{"Create local zone", "ScheduleCreateParams.Cadence.Location", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Location = time.Local }))},
		{"Create cron fields", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Cron = "0 9 * *" }))},
		{"Create cron hour", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Cron = "0 24 * * *" }))},
		{"Create cron range", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Cron = "0 9 * * 5-1" }))},
		{"Create cron step", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Cron = "*/0 9 * * *" }))},
		{"Create cron name", "ScheduleCreateParams.Cadence.Cron", create(with(func(p *sonzai.ScheduleCreateParams) { p.Cadence.Cron = "0 9 * FOO *" }))},
		{"Create intent", "ScheduleCreateParams.Intent", create(with(func(p *sonzai.ScheduleCreateParams) { p.Intent = " " }))},
		{"Create check type", "ScheduleCreateParams.CheckType", create(with(func(p *sonzai.ScheduleCreateParams) { p.CheckType = "" }))},
		{"Create bounds", "ScheduleCreateParams.EndsAt", create(with(func(p *sonzai.ScheduleCreateParams) {
			p.StartsAt = time.Date(2026, 1, 2, 0, 0, 0, 0, paris)
			p.EndsAt = p.StartsAt.Add(-time.Hour)
		}))},
		{"Create window hour", "ScheduleCreateParams.ActiveWindow.Hours.End", create(with(func(p *sonzai.ScheduleCreateParams) {
			p.ActiveWindow = &sonzai.ScheduleActiveWindow{Hours: &sonzai.ScheduleHours{Start: 8, End: 24}}
		}))},
		{"Create window day", "ScheduleCreateParams.ActiveWindow.Days[1]", create(with(func(p *sonzai.ScheduleCreateParams) {
			p.ActiveWindow = &sonzai.ScheduleActiveWindow{Days: []time.Weekday{time.Monday, 7}}
		}))},
		{"Create window day twice", "ScheduleCreateParams.ActiveWindow.Days[1]", create(with(func(p *sonzai.ScheduleCreateParams) {
			p.ActiveWindow = &sonzai.ScheduleActiveWindow{Days: []time.Weekday{time.Monday, time.Monday}}
		}))},
		{"Get schedule", "scheduleID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Get(ctx, "a1", "u1", ""))
		}},
		{"Update nothing", "ScheduleUpdateParams", update(sonzai.ScheduleUpdateParams{})},
		{"Update intent", "ScheduleUpdateParams.Intent", update(sonzai.ScheduleUpdateParams{Intent: sonzai.Ptr("")})},
		{"Update check type", "ScheduleUpdateParams.CheckType", update(sonzai.ScheduleUpdateParams{CheckType: sonzai.Ptr(" ")})},
		{"Update cadence", "ScheduleUpdateParams.Cadence.Location", update(sonzai.ScheduleUpdateParams{Cadence: &sonzai.ScheduleCadence{Cron: "@daily"}})},
		{"Update window", "ScheduleUpdateParams.ActiveWindow.Hours.Start", update(sonzai.ScheduleUpdateParams{ActiveWindow: &sonzai.ScheduleActiveWindow{Hours: &sonzai.ScheduleHours{Start: -1}}})},
		{"Update id", "scheduleID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Update(ctx, "a1", "u1", ".", sonzai.ScheduleUpdateParams{Enabled: sonzai.Ptr(true)}))
		}},
		{"Delete id", "scheduleID", func(ctx context.Context, c *sonzai.Client) error { return c.Schedules.Delete(ctx, "a1", "u1", "") }},
		{"Upcoming limit", "ScheduleUpcomingParams.Limit", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Schedules.Upcoming(ctx, "a1", "u1", "s1", sonzai.ScheduleUpcomingParams{Limit: 101}))
		}},
	})
}

// TestScheduleWire checks what Create and Update put on the wire: the
// cadence with the zone's IANA name, the window as numbers, times with
// their offset, and only the fields an update sets.
func TestScheduleWire(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	var bodies []map[string]any
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bodies = append(bodies, decodeBody(t, r))
		switch r.Method {
		case http.MethodPost:
			if r.URL.Path != "/api/v1/agents/a%2F1/users/u1/schedules" && r.URL.EscapedPath() != "/api/v1/agents/a%2F1/users/u1/schedules" {
				t.Errorf("path %s", r.URL.EscapedPath())
			}
			writeJSON(w, 200, map[string]any{"schedule_id": "s1", "enabled": true, "next_fire_at": "2026-03-02T14:00:00Z", "next_fire_at_local": "2026-03-02T09:00:00-05:00"})
		default:
			writeJSON(w, 200, map[string]any{"schedule_id": "s1", "cadence_type": "cron", "cadence": "{}", "timezone": "America/New_York",
				"next_fire_at": "2026-03-02T14:00:00Z", "intent": "i", "check_type": "c", "enabled": false,
				"created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z"})
		}
	}))
	ctx := context.Background()
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, ny)
	created, err := c.Schedules.Create(ctx, "a/1", "u1", sonzai.ScheduleCreateParams{
		Cadence: sonzai.ScheduleCadence{Cron: "0 9 * * MON-FRI", Location: ny}, Intent: "i", CheckType: "c",
		ActiveWindow: &sonzai.ScheduleActiveWindow{Hours: &sonzai.ScheduleHours{Start: 8, End: 20}, Days: []time.Weekday{time.Monday}},
		StartsAt:     start,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !created.NextFireAt.Equal(time.Date(2026, 3, 2, 9, 0, 0, 0, ny)) {
		t.Errorf("NextFireAt = %v", created.NextFireAt)
	}
	b := bodies[0]
	cad, _ := b["cadence"].(map[string]any)
	win, _ := b["active_window"].(map[string]any)
	hours, _ := win["hours"].(map[string]any)
	if cad["cron"] != "0 9 * * MON-FRI" || cad["timezone"] != "America/New_York" || len(cad) != 2 ||
		hours["start"] != 8.0 || hours["end"] != 20.0 || len(win["days_of_week"].([]any)) != 1 || win["days_of_week"].([]any)[0] != 1.0 ||
		b["starts_at"] != "2026-03-01T08:00:00-05:00" || b["ends_at"] != nil || b["metadata"] != nil || b["inventory_item_id"] != nil {
		t.Errorf("create body = %v", b)
	}

	if _, err := c.Schedules.Update(ctx, "a/1", "u1", "s1", sonzai.ScheduleUpdateParams{Enabled: sonzai.Ptr(false), Metadata: map[string]any{}}); err != nil {
		t.Fatal(err)
	}
	if b := bodies[1]; len(b) != 2 || b["enabled"] != false || len(b["metadata"].(map[string]any)) != 0 {
		t.Errorf("update body = %v, want only enabled and metadata", b)
	}
}
