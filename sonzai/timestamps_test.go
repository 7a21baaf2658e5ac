package sonzai

import (
	"encoding/json"
	"testing"
	"time"
)

// TestServerFormattedTimes decodes each timestamp the contract leaves as a
// plain string into its time.Time field: RFC 3339 and the layouts Go
// servers print are read, and null, "" or a value that is no time leave it
// zero without failing the answer.
func TestServerFormattedTimes(t *testing.T) {
	fields := []struct {
		name  string
		key   string
		field func(decode func(any) error) (time.Time, error)
	}{
		{"Notification.CreatedAt", "created_at", decodeTime(func(v *Notification) *time.Time { return &v.CreatedAt })},
		{"Notification.ConsumedAt", "consumed_at", decodeTime(func(v *Notification) *time.Time { return &v.ConsumedAt })},
		{"Relationship.UpdatedAt", "updated_at", decodeTime(func(v *Relationship) *time.Time { return &v.UpdatedAt })},
		{"SessionEnd.EnqueuedAt", "enqueued_at", decodeTime(func(v *SessionEnd) *time.Time { return &v.EnqueuedAt })},
		{"SessionEndStatus.EnqueuedAt", "enqueued_at", decodeTime(func(v *SessionEndStatus) *time.Time { return &v.EnqueuedAt })},
		{"SessionEndStatus.StartedAt", "started_at", decodeTime(func(v *SessionEndStatus) *time.Time { return &v.StartedAt })},
		{"SessionEndStatus.FinishedAt", "finished_at", decodeTime(func(v *SessionEndStatus) *time.Time { return &v.FinishedAt })},
		{"RecentTurn.Timestamp", "timestamp", decodeTime(func(v *RecentTurn) *time.Time { return &v.Timestamp })},
		{"PersonalityProfile.CreatedAt", "created_at", decodeTime(func(v *PersonalityProfile) *time.Time { return &v.CreatedAt })},
		{"PersonalityShift.Timestamp", "timestamp", decodeTime(func(v *PersonalityShift) *time.Time { return &v.Timestamp })},
		{"SignificantMoment.CreatedAt", "created_at", decodeTime(func(v *SignificantMoment) *time.Time { return &v.CreatedAt })},
	}
	want := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	cases := []struct {
		value string
		want  time.Time
	}{
		{`"2026-03-04T05:06:07Z"`, want},
		{`"2026-03-04T06:06:07+01:00"`, want},
		{`"2026-03-04 05:06:07"`, want},
		{`"2026-03-04 05:06:07 +0000 UTC"`, want},
		{`""`, time.Time{}},
		{`null`, time.Time{}},
		{`"yesterday"`, time.Time{}},
	}
	for _, f := range fields {
		for _, tc := range cases {
			doc := `{"` + f.key + `": ` + tc.value + `}`
			got, err := f.field(func(v any) error { return json.Unmarshal([]byte(doc), v) })
			if err != nil || !got.Equal(tc.want) {
				t.Errorf("%s from %s = %v, %v; want %v", f.name, doc, got, err, tc.want)
			}
		}
	}
}

// decodeTime decodes into a fresh T and returns the field at points to.
func decodeTime[T any](at func(*T) *time.Time) func(func(any) error) (time.Time, error) {
	return func(decode func(any) error) (time.Time, error) {
		v := new(T)
		err := decode(v)
		return *at(v), err
	}
}
