package sonzai_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2TimesJSONCannotCarryAreInvalid: a time.Time outside the years
// 0..9999 cannot be encoded as JSON (RFC 3339 has four-digit years), so
// Priming.ImportUsers sent the batches before a user with such a
// FirstMetAt and then failed building that batch with a plain error, part
// of the import stored; Prime failed the same way on a message's
// OccurredAt. Both are now a *ValidationError before the first request.
func TestReview2TimesJSONCannotCarryAreInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"job_id":"j1","status":"queued","total_users":1}`)
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	users := []sonzai.ImportUser{{UserID: "u1"}, {UserID: "u2", FirstMetAt: far}}
	_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: users, BatchSize: 1})
	var ve *sonzai.ValidationError
	if !errors.As(err, &ve) || ve.Field != "UserImportParams.Users[1].FirstMetAt" {
		t.Errorf("ImportUsers: err = %v, want a *ValidationError naming UserImportParams.Users[1].FirstMetAt", err)
	}
	_, err = c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "Ann",
		Messages: []sonzai.PrimeMessage{{Role: "user", Content: "hi", OccurredAt: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	if !errors.As(err, &ve) || ve.Field != "PrimeParams.Messages[0].OccurredAt" {
		t.Errorf("Prime: err = %v, want a *ValidationError naming PrimeParams.Messages[0].OccurredAt", err)
	}
	_, err = c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "Ann", FirstMetAt: far})
	if !errors.As(err, &ve) || ve.Field != "PrimeParams.FirstMetAt" {
		t.Errorf("Prime: err = %v, want a *ValidationError naming PrimeParams.FirstMetAt", err)
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for times that cannot be encoded", got)
	}
}

// A time written into a query parameter or a string field (not encoded by
// json.Marshal) was formatted with a five-digit or negative year, which the
// server cannot parse; each is now a *ValidationError naming the field,
// with nothing sent.
func TestTimesOutsideRFC3339YearsAreRefusedEverywhere(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{}`)
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	early := time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC)
	// The last moment of year 9999 in UTC is already year 10000 in Tokyo.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	lastUTC := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
	cadence := sonzai.ScheduleCadence{Cron: "0 9 * * *", Location: time.UTC}
	for field, call := range map[string]func() error{
		"DialogueParams.Messages[0].Time": func() error {
			return errOnly(c.Dialogue.Reply(ctx, "a1", sonzai.DialogueParams{UserID: "u",
				Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleUser, Content: "hi", Time: far}}}))
		},
		"DiaryGetParams.Date": func() error {
			return errOnly(c.Diary.Get(ctx, "a1", sonzai.DiaryGetParams{Date: far}))
		},
		"UserOverlayParams.Since": func() error {
			return errOnly(c.Insights.UserOverlay(ctx, "a1", "u1", sonzai.UserOverlayParams{Since: early}))
		},
		"TimeMachineParams.At": func() error {
			return errOnly(c.Insights.TimeMachine(ctx, "a1", sonzai.TimeMachineParams{At: far}))
		},
		"PersonalityParams.Since": func() error {
			return errOnly(c.Personality.Get(ctx, "a1", sonzai.PersonalityParams{Since: far}))
		},
		"ScheduleCreateParams.StartsAt": func() error {
			return errOnly(c.Schedules.Create(ctx, "a1", "u1", sonzai.ScheduleCreateParams{Cadence: cadence, Intent: "i", CheckType: "check_in", StartsAt: early}))
		},
		"ScheduleUpdateParams.EndsAt": func() error {
			return errOnly(c.Schedules.Update(ctx, "a1", "u1", "s1", sonzai.ScheduleUpdateParams{EndsAt: far}))
		},
		"TimelineParams.End": func() error {
			return errOnly(c.Memory.Timeline(ctx, "a1", sonzai.TimelineParams{End: far}))
		},
		"WakeupScheduleParams.At": func() error {
			return errOnly(c.Wakeups.Schedule(ctx, "a1", sonzai.WakeupScheduleParams{UserID: "u1", CheckType: "check_in", Intent: "i", At: lastUTC, Location: tokyo}))
		},
	} {
		err := call()
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: err = %v, want a *ValidationError naming it", field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for times that cannot be written", got)
	}
}
