package sonzaitest

import (
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestSchedulesFlow runs a schedule through every Schedules operation
// under the recording harness, on a fake clock: fire times come from the
// cadence in its zone, the active window skips times, updates recompute
// them, and a deleted schedule is gone.
func TestSchedulesFlow(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// Monday 2026-03-02, 08:30 in Paris.
	clock := NewFakeClock(time.Date(2026, 3, 2, 8, 30, 0, 0, paris))
	h := newHarness(t, WithClock(clock))
	ctx := ctxT(t)
	c := h.client
	const user = "user-sched"

	created, err := c.Schedules.Create(ctx, DemoAgentID, user, sonzai.ScheduleCreateParams{
		Cadence:      sonzai.ScheduleCadence{Cron: "0 9 * * *", Location: paris},
		ActiveWindow: &sonzai.ScheduleActiveWindow{Days: []time.Weekday{time.Monday, time.Wednesday, time.Friday}},
		Intent:       "morning check-in", CheckType: "check_in",
		Metadata: map[string]any{"source": "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 3, 2, 9, 0, 0, 0, paris)
	if created.ScheduleID == "" || !created.Enabled || !created.NextFireAt.Equal(want) || created.NextFireAtLocal == "" {
		t.Fatalf("Create = %+v, want the next fire at %v", created, want)
	}

	up, err := c.Schedules.Upcoming(ctx, DemoAgentID, user, created.ScheduleID, sonzai.ScheduleUpcomingParams{Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	wantDays := []int{2, 4, 6, 9} // Mon, Wed, Fri, Mon
	if len(up) != 4 {
		t.Fatalf("Upcoming = %v, want 4 times", up)
	}
	for i, at := range up {
		if at.In(paris).Day() != wantDays[i] || at.In(paris).Hour() != 9 {
			t.Errorf("Upcoming[%d] = %v, want 9:00 on March %d", i, at.In(paris), wantDays[i])
		}
	}

	got, err := c.Schedules.Get(ctx, DemoAgentID, user, created.ScheduleID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CadenceType != sonzai.ScheduleCadenceCron || got.Timezone != "Europe/Paris" || got.Intent != "morning check-in" ||
		!got.NextFireAt.Equal(want) || got.CreatedAt.IsZero() || got.ActiveWindow == "" || got.Metadata == "" {
		t.Errorf("Get = %+v", got)
	}
	if loc, err := got.Location(); err != nil || loc.String() != "Europe/Paris" {
		t.Errorf("Location() = %v, %v", loc, err)
	}

	// The clock passes the first fire time: the next one is Wednesday's.
	clock.Advance(2 * time.Hour)
	got, err = c.Schedules.Get(ctx, DemoAgentID, user, created.ScheduleID)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 4, 9, 0, 0, 0, paris); !got.NextFireAt.Equal(want) {
		t.Errorf("after 9:00 NextFireAt = %v, want %v", got.NextFireAt, want)
	}

	// A new cadence and an hours window: every 30 minutes, 14:00 to 15:59.
	updated, err := c.Schedules.Update(ctx, DemoAgentID, user, created.ScheduleID, sonzai.ScheduleUpdateParams{
		Cadence:      &sonzai.ScheduleCadence{Cron: "*/30 * * * *", Location: paris},
		ActiveWindow: &sonzai.ScheduleActiveWindow{Hours: &sonzai.ScheduleHours{Start: 14, End: 15}},
		Enabled:      sonzai.Ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 2, 14, 0, 0, 0, paris); updated.Enabled || !updated.NextFireAt.Equal(want) {
		t.Errorf("Update = %+v, want disabled, next at %v", updated, want)
	}
	up, err = c.Schedules.Upcoming(ctx, DemoAgentID, user, created.ScheduleID, sonzai.ScheduleUpcomingParams{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(up) != 5 || up[3].In(paris).Hour() != 15 || up[4].In(paris).Day() != 3 || up[4].In(paris).Hour() != 14 {
		t.Errorf("Upcoming after update = %v", up)
	}

	list, err := c.Schedules.List(ctx, DemoAgentID, user)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ScheduleID != created.ScheduleID {
		t.Errorf("List = %+v", list)
	}
	if other, err := c.Schedules.List(ctx, DemoAgentID, "someone-else"); err != nil || len(other) != 0 {
		t.Errorf("List(other user) = %+v, %v", other, err)
	}

	if err := c.Schedules.Delete(ctx, DemoAgentID, user, created.ScheduleID); err != nil {
		t.Fatal(err)
	}
	if err := c.Schedules.Delete(ctx, DemoAgentID, user, created.ScheduleID); err != nil {
		t.Errorf("deleting again = %v, want nil (idempotent)", err)
	}
	for name, err := range map[string]error{
		"Get":      lifeErr(c.Schedules.Get(ctx, DemoAgentID, user, created.ScheduleID)),
		"Update":   lifeErr(c.Schedules.Update(ctx, DemoAgentID, user, created.ScheduleID, sonzai.ScheduleUpdateParams{Intent: sonzai.Ptr("x")})),
		"Upcoming": lifeErr(c.Schedules.Upcoming(ctx, DemoAgentID, user, created.ScheduleID, sonzai.ScheduleUpcomingParams{})),
		"List":     lifeErr(c.Schedules.List(ctx, "no-such-agent", user)),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s after delete = %v, want ErrNotFound", name, err)
		}
	}
}

// TestSchedulesSimpleCadenceAndBounds: a simple cadence fires daily at the
// start's wall-clock time, and EndsAt ends the fire times.
func TestSchedulesSimpleCadenceAndBounds(t *testing.T) {
	start := time.Date(2026, 5, 1, 7, 15, 0, 0, time.UTC)
	h := newHarness(t, WithClock(NewFakeClock(start.Add(-48*time.Hour))))
	ctx := ctxT(t)
	created, err := h.client.Schedules.Create(ctx, DemoAgentID, "u", sonzai.ScheduleCreateParams{
		Cadence: sonzai.ScheduleCadence{Simple: map[string]any{"every": "day"}, Location: time.UTC},
		Intent:  "daily", CheckType: "check_in", StartsAt: start, EndsAt: start.Add(50 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	up, err := h.client.Schedules.Upcoming(ctx, DemoAgentID, "u", created.ScheduleID, sonzai.ScheduleUpcomingParams{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(up) != 3 || !up[0].Equal(start) || !up[2].Equal(start.Add(48*time.Hour)) {
		t.Errorf("Upcoming = %v, want 3 days from %v", up, start)
	}
	got, err := h.client.Schedules.Get(ctx, DemoAgentID, "u", created.ScheduleID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CadenceType != sonzai.ScheduleCadenceSimple || !got.StartsAt.Equal(start) || got.EndsAt.IsZero() {
		t.Errorf("Get = %+v", got)
	}
}

func lifeErr[T any](_ T, err error) error { return err }
