package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// WakeupStatus is where a wake-up is. The contract leaves the set open;
// the constants are the statuses the API is known to use.
type WakeupStatus string

// Wake-up statuses.
const (
	// WakeupPending is a wake-up that has not fired yet.
	WakeupPending WakeupStatus = "pending"
	// WakeupExecuted is a wake-up that fired (ExecutedAt says when).
	WakeupExecuted WakeupStatus = "executed"
)

// maxWakeupListLimit is the largest Limit the API accepts.
const maxWakeupListLimit = 500

// WakeupListParams filters WakeupsService.List. Every field is optional.
type WakeupListParams struct {
	// Status keeps only the wake-ups in this status.
	Status WakeupStatus
	// Limit caps the number of wake-ups, 1 to 500; 0 leaves it to the
	// server (50).
	Limit int64
}

func (p WakeupListParams) validate() error {
	if p.Limit < 0 || p.Limit > maxWakeupListLimit {
		return invalid("WakeupListParams.Limit", fmt.Sprintf("%d is outside 1..%d (0 for the server's default)", p.Limit, maxWakeupListLimit))
	}
	return nil
}

// Wakeup is a time an agent will reach out to a user, or did.
type Wakeup struct {
	// WakeupID identifies the wake-up.
	WakeupID string `json:"wakeup_id"`
	// AgentID and UserID say who reaches out to whom.
	AgentID string `json:"agent_id"`
	UserID  string `json:"user_id"`
	// CheckType is the kind of outreach, e.g. a check-in.
	CheckType string `json:"check_type"`
	// Intent is what the agent means to do.
	Intent string `json:"intent"`
	// Occasion, InterestTopic and EventDescription give the reason.
	Occasion         string `json:"occasion"`
	InterestTopic    string `json:"interest_topic"`
	EventDescription string `json:"event_description"`
	// LastTopic is what the agent and the user last talked about.
	LastTopic string `json:"last_topic"`
	// ResearchSummary is what the agent looked up beforehand, if anything.
	ResearchSummary string `json:"research_summary"`
	// Status is where the wake-up is, e.g. WakeupPending.
	Status WakeupStatus `json:"status"`
	// ScheduledAt is when it fires; ExecutedAt when it did (zero until then).
	ScheduledAt time.Time `json:"scheduled_at"`
	ExecutedAt  time.Time `json:"executed_at"`
	// CreatedAt is when it was scheduled.
	CreatedAt time.Time `json:"created_at"`
}

// UnmarshalJSON reads the timestamps, which the server formats itself,
// leniently: one that is not a time is left zero rather than failing the
// answer.
func (w *Wakeup) UnmarshalJSON(b []byte) error {
	type plain Wakeup
	return json.Unmarshal(b, &struct {
		*plain
		ScheduledAt serverTime `json:"scheduled_at"`
		ExecutedAt  serverTime `json:"executed_at"`
		CreatedAt   serverTime `json:"created_at"`
	}{(*plain)(w), serverTime{&w.ScheduledAt}, serverTime{&w.ExecutedAt}, serverTime{&w.CreatedAt}})
}

// wakeupList is the wire shape of the answer.
type wakeupList struct {
	Wakeups []Wakeup `json:"wakeups"`
}

// List lists an agent's wake-ups.
func (s *WakeupsService) List(ctx context.Context, agentID string, p WakeupListParams, opts ...Option) ([]Wakeup, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[wakeupList](ctx, s.c, opts, "listWakeups", func(server string) (*http.Request, error) {
		return gen.NewListWakeupsRequest(server, agentID, &gen.ListWakeupsParams{
			Status: optional(string(p.Status)),
			Limit:  optional(p.Limit),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Wakeups, nil
}

// WakeupScheduleParams describes a wake-up for WakeupsService.Schedule.
// UserID, CheckType and Intent are required, and exactly one of At and
// After says when. It has no json tags: At and After are converted (to an
// RFC 3339 string and to whole hours) into the generated request body.
type WakeupScheduleParams struct {
	// UserID is the user the agent reaches out to. Required.
	UserID string
	// CheckType is the kind of outreach, e.g. "check_in". Required.
	CheckType string
	// Intent is what the agent means to do. Required.
	Intent string
	// At is when the wake-up fires. It is sent with its own UTC offset, so
	// a time built in the user's zone (time.Date(..., loc) with loc from
	// time.LoadLocation) keeps the user's wall clock on the wire.
	At time.Time
	// Location, when set, converts At to this zone before it is sent, for
	// an At that was built in another zone (time.Now(), say).
	Location *time.Location
	// After fires the wake-up this long from now, in whole hours (the API
	// counts in hours).
	After time.Duration
	// Occasion, InterestTopic and EventDescription give the agent a reason
	// to reach out.
	Occasion         string
	InterestTopic    string
	EventDescription string
}

func (p WakeupScheduleParams) toGen() (gen.ScheduleWakeupInputBody, error) {
	const at = "WakeupScheduleParams."
	for _, f := range []struct{ name, v string }{{"UserID", p.UserID}, {"CheckType", p.CheckType}, {"Intent", p.Intent}} {
		if strings.TrimSpace(f.v) == "" {
			return gen.ScheduleWakeupInputBody{}, invalid(at+f.name, "empty; a wake-up needs a user, a check type and an intent")
		}
	}
	switch {
	case p.At.IsZero() && p.After == 0:
		return gen.ScheduleWakeupInputBody{}, invalid(at+"At", "not set; set At or After to say when the wake-up fires")
	case !p.At.IsZero() && p.After != 0:
		return gen.ScheduleWakeupInputBody{}, invalid(at+"After", "set together with At; set only one of them")
	case p.After < 0 || p.After%time.Hour != 0:
		return gen.ScheduleWakeupInputBody{}, invalid(at+"After", fmt.Sprintf("%v is not a positive whole number of hours (the API counts in hours)", p.After))
	case p.Location != nil && p.At.IsZero():
		return gen.ScheduleWakeupInputBody{}, invalid(at+"Location", "set without At; it only converts At")
	}
	body := gen.ScheduleWakeupInputBody{
		UserId: p.UserID, CheckType: p.CheckType, Intent: p.Intent,
		DelayHours: int64(p.After / time.Hour),
		Occasion:   p.Occasion, InterestTopic: p.InterestTopic, EventDescription: p.EventDescription,
	}
	if !p.At.IsZero() {
		t := p.At
		if p.Location != nil {
			t = t.In(p.Location)
		}
		if err := sendableTime(at+"At", t); err != nil {
			return gen.ScheduleWakeupInputBody{}, err
		}
		body.ScheduledAt = t.Format(time.RFC3339)
	}
	return body, nil
}

// ScheduledWakeup is the answer to WakeupsService.Schedule.
type ScheduledWakeup struct {
	// WakeupID identifies the wake-up.
	WakeupID string `json:"wakeup_id"`
	// ScheduledAt is when it fires, as the server set it.
	ScheduledAt time.Time `json:"scheduled_at"`
}

// UnmarshalJSON reads the timestamp, which the server formats itself,
// leniently.
func (w *ScheduledWakeup) UnmarshalJSON(b []byte) error {
	type plain ScheduledWakeup
	return json.Unmarshal(b, &struct {
		*plain
		ScheduledAt serverTime `json:"scheduled_at"`
	}{(*plain)(w), serverTime{&w.ScheduledAt}})
}

// Schedule has an agent reach out to a user at a time. It is not retried
// after the request may have reached the server (a POST), so an error from
// a lost connection leaves it unknown whether the wake-up was scheduled:
// List shows it.
func (s *WakeupsService) Schedule(ctx context.Context, agentID string, p WakeupScheduleParams, opts ...Option) (*ScheduledWakeup, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[ScheduledWakeup](ctx, s.c, opts, "scheduleWakeup", func(server string) (*http.Request, error) {
		return gen.NewScheduleWakeupRequest(server, agentID, body)
	})
}
