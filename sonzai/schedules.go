package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// ScheduleCadenceType is how a schedule's cadence is written.
type ScheduleCadenceType string

// Cadence types.
const (
	// ScheduleCadenceCron is a cadence written as a cron expression.
	ScheduleCadenceCron ScheduleCadenceType = "cron"
	// ScheduleCadenceSimple is a cadence written in the server's simple form.
	ScheduleCadenceSimple ScheduleCadenceType = "simple"
)

// ScheduleCadence says when a schedule fires: a cron expression or a
// simple cadence, read in a time zone. Exactly one of Cron and Simple is
// set, and Location is required.
type ScheduleCadence struct {
	// Cron is a five-field cron expression (minute, hour, day of month,
	// month, day of week), read on Location's wall clock: "0 9 * * 1-5"
	// fires at 9:00 on weekdays. Fields take numbers, "*", ranges ("1-5"),
	// lists ("1,15") and steps ("*/15"); months and days of the week may
	// also be written as three-letter names (JAN, MON). The descriptors
	// @yearly, @annually, @monthly, @weekly, @daily and @hourly are sent
	// as they are.
	Cron string
	// Simple is a cadence in the server's simple form, sent as given under
	// "simple". The contract leaves its fields to the server; prefer Cron,
	// which is checked before sending.
	Simple map[string]any
	// Location is the time zone the cadence is read in, sent as its IANA
	// name (time.LoadLocation("Europe/Paris"), or time.UTC). Required;
	// time.Local is refused, since its name is not an IANA zone.
	Location *time.Location
}

// validate checks the cadence against what the contract states (one of
// cron or simple, a time zone) and the cron syntax.
func (c *ScheduleCadence) validate(field string) error {
	switch {
	case c.Cron == "" && c.Simple == nil:
		return invalid(field+".Cron", "empty and Simple is nil; set one of them to say when the schedule fires")
	case c.Cron != "" && c.Simple != nil:
		return invalid(field+".Simple", "set together with Cron; set only one of them")
	}
	if err := checkLocation(field+".Location", c.Location); err != nil {
		return err
	}
	if c.Cron != "" {
		if err := checkCron(c.Cron); err != nil {
			return invalid(field+".Cron", err.Error())
		}
	}
	return encodable(field+".Simple", c.Simple)
}

// wire is the cadence as the API reads it.
func (c *ScheduleCadence) wire() map[string]any {
	out := map[string]any{"timezone": c.Location.String()}
	if c.Cron != "" {
		out["cron"] = c.Cron
	} else {
		out["simple"] = c.Simple
	}
	return out
}

// checkLocation requires a zone the API can name.
func checkLocation(field string, loc *time.Location) error {
	switch {
	case loc == nil:
		return invalid(field, "nil; a schedule needs a time zone (time.LoadLocation(\"Europe/Paris\"), or time.UTC)")
	case loc.String() == "Local" || loc.String() == "":
		return invalid(field, "time.Local has no IANA name the API can read; load the zone by name with time.LoadLocation")
	}
	return nil
}

// cronDescriptor reports whether expr is one of the @ forms accepted as
// they are.
func cronDescriptor(expr string) bool {
	switch expr {
	case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly":
		return true
	}
	return false
}

// cronField is one field of a cron expression: its name, bounds and, for
// months and days of the week, the names it may be written with.
type cronField struct {
	name   string
	lo, hi int
	names  []string
}

// cronFields are the five fields, in order (a function, so that no
// package-level table can be changed).
func cronFields() [5]cronField {
	return [5]cronField{
		{"minute", 0, 59, nil},
		{"hour", 0, 23, nil},
		{"day of month", 1, 31, nil},
		{"month", 1, 12, []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
		{"day of week", 0, 7, []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
	}
}

// checkCron checks a five-field cron expression.
func checkCron(expr string) error {
	if cronDescriptor(strings.ToLower(strings.TrimSpace(expr))) {
		return nil
	}
	fields := strings.Fields(expr)
	if len(fields) != 5 {
		return fmt.Errorf("%q has %d fields; a cron expression has 5 (minute hour day-of-month month day-of-week)", expr, len(fields))
	}
	for i, f := range fields {
		spec := cronFields()[i]
		for _, item := range strings.Split(f, ",") {
			if err := checkCronItem(item, spec.lo, spec.hi, spec.names); err != nil {
				return fmt.Errorf("%s field %q: %v", spec.name, f, err)
			}
		}
	}
	return nil
}

func checkCronItem(item string, lo, hi int, names []string) error {
	rng, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		n, err := strconv.Atoi(step)
		if err != nil || n < 1 || n > hi {
			return fmt.Errorf("step %q is not a number from 1 to %d", step, hi)
		}
	}
	if rng == "*" {
		return nil
	}
	a, b, isRange := strings.Cut(rng, "-")
	first, err := cronValue(a, lo, hi, names)
	if err != nil {
		return err
	}
	if !isRange {
		return nil // a value, or with a step ("5/15") a start
	}
	last, err := cronValue(b, lo, hi, names)
	if err != nil {
		return err
	}
	if last < first {
		return fmt.Errorf("range %q runs backwards", rng)
	}
	return nil
}

func cronValue(s string, lo, hi int, names []string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			if lo == 1 {
				return i + 1, nil
			}
			return i, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a value from %d to %d", s, lo, hi)
	}
	return n, nil
}

// ScheduleActiveWindow limits when a schedule may fire: a fire time that
// falls outside it is skipped. Both parts are optional; the zero value
// allows every time.
type ScheduleActiveWindow struct {
	// Hours, when set, allows firing only within these hours of the day,
	// on the cadence's wall clock.
	Hours *ScheduleHours
	// Days, when not empty, allows firing only on these days of the week.
	// They are sent as numbers, 0 for Sunday, as time.Weekday counts them.
	Days []time.Weekday
}

// ScheduleHours are hours of the day, 0 to 23. The window runs from the
// start of hour Start to the end of hour End; an End before Start runs
// past midnight (Start 22, End 6 is the night).
type ScheduleHours struct {
	Start, End int
}

func (w *ScheduleActiveWindow) validate(field string) error {
	if h := w.Hours; h != nil {
		if h.Start < 0 || h.Start > 23 {
			return invalid(field+".Hours.Start", fmt.Sprintf("%d is not an hour of the day (0..23)", h.Start))
		}
		if h.End < 0 || h.End > 23 {
			return invalid(field+".Hours.End", fmt.Sprintf("%d is not an hour of the day (0..23)", h.End))
		}
	}
	seen := map[time.Weekday]bool{}
	for i, d := range w.Days {
		if d < time.Sunday || d > time.Saturday {
			return invalid(fmt.Sprintf("%s.Days[%d]", field, i), fmt.Sprintf("%d is not a day of the week (time.Sunday..time.Saturday)", d))
		}
		if seen[d] {
			return invalid(fmt.Sprintf("%s.Days[%d]", field, i), d.String()+" is listed twice")
		}
		seen[d] = true
	}
	return nil
}

// wire is the window as the API reads it.
func (w *ScheduleActiveWindow) wire() map[string]any {
	out := map[string]any{}
	if w.Hours != nil {
		out["hours"] = map[string]any{"start": w.Hours.Start, "end": w.Hours.End}
	}
	if len(w.Days) > 0 {
		days := make([]int, len(w.Days))
		for i, d := range w.Days {
			days[i] = int(d)
		}
		out["days_of_week"] = days
	}
	return out
}

// ScheduleCreateParams describes a recurring schedule for
// SchedulesService.Create. Cadence, Intent and CheckType are required.
type ScheduleCreateParams struct {
	// Cadence says when the schedule fires. Required.
	Cadence ScheduleCadence
	// Intent is what the agent means to do when it fires. Required.
	Intent string
	// CheckType is the kind of outreach, e.g. "check_in". Required.
	CheckType string
	// ActiveWindow, when set, skips fire times outside it.
	ActiveWindow *ScheduleActiveWindow
	// StartsAt and EndsAt bound the schedule; zero leaves it open on that
	// side. They are sent with their own UTC offset.
	StartsAt, EndsAt time.Time
	// InventoryItemID ties the schedule to an item of the user's inventory.
	InventoryItemID string
	// Metadata is free-form data kept with the schedule.
	Metadata map[string]any
}

func (p ScheduleCreateParams) toGen() (gen.CreateScheduleInputBody, error) {
	const at = "ScheduleCreateParams."
	if err := p.Cadence.validate(at + "Cadence"); err != nil {
		return gen.CreateScheduleInputBody{}, err
	}
	if strings.TrimSpace(p.Intent) == "" {
		return gen.CreateScheduleInputBody{}, invalid(at+"Intent", "empty; say what the agent means to do")
	}
	if strings.TrimSpace(p.CheckType) == "" {
		return gen.CreateScheduleInputBody{}, invalid(at+"CheckType", "empty; name the kind of outreach, e.g. \"check_in\"")
	}
	if err := checkBounds(at, p.StartsAt, p.EndsAt); err != nil {
		return gen.CreateScheduleInputBody{}, err
	}
	body := gen.CreateScheduleInputBody{
		Cadence: p.Cadence.wire(), Intent: p.Intent, CheckType: p.CheckType,
		StartsAt: formatOptTime(p.StartsAt), EndsAt: formatOptTime(p.EndsAt), InventoryItemId: p.InventoryItemID,
	}
	if p.ActiveWindow != nil {
		if err := p.ActiveWindow.validate(at + "ActiveWindow"); err != nil {
			return gen.CreateScheduleInputBody{}, err
		}
		body.ActiveWindow = p.ActiveWindow.wire()
	}
	if err := encodable(at+"Metadata", p.Metadata); err != nil {
		return gen.CreateScheduleInputBody{}, err
	}
	if p.Metadata != nil {
		body.Metadata = p.Metadata
	}
	return body, nil
}

// checkBounds requires EndsAt after StartsAt when both are set, and both
// writable as RFC 3339.
func checkBounds(at string, start, end time.Time) error {
	if err := sendableTime(at+"StartsAt", start); err != nil {
		return err
	}
	if err := sendableTime(at+"EndsAt", end); err != nil {
		return err
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		return invalid(at+"EndsAt", fmt.Sprintf("%s is not after StartsAt (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339)))
	}
	return nil
}

// formatOptTime is t in RFC 3339 with its own offset, or "" (not sent) for
// the zero time.
func formatOptTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// ScheduleUpdateParams changes a schedule with SchedulesService.Update.
// Only what is set is sent; at least one field must be. Changing Cadence,
// ActiveWindow or StartsAt makes the server compute the next fire time
// again.
type ScheduleUpdateParams struct {
	// Cadence replaces the schedule's cadence, sent whole (with its zone).
	Cadence *ScheduleCadence
	// ActiveWindow replaces the schedule's window, sent whole: a pointer
	// to the zero ScheduleActiveWindow sends an empty window, which
	// allows every time.
	ActiveWindow *ScheduleActiveWindow
	// Intent and CheckType replace the schedule's; they cannot be empty.
	Intent    *string
	CheckType *string
	// Enabled pauses (false) or resumes (true) the schedule.
	Enabled *bool
	// StartsAt and EndsAt move the schedule's bounds; zero leaves them.
	StartsAt, EndsAt time.Time
	// Metadata replaces the schedule's metadata; an empty non-nil map
	// sends {}.
	Metadata map[string]any
}

func (p ScheduleUpdateParams) toGen() (gen.PatchScheduleInputBody, error) {
	const at = "ScheduleUpdateParams."
	if p.Cadence == nil && p.ActiveWindow == nil && p.Intent == nil && p.CheckType == nil && p.Enabled == nil &&
		p.StartsAt.IsZero() && p.EndsAt.IsZero() && p.Metadata == nil {
		return gen.PatchScheduleInputBody{}, invalid("ScheduleUpdateParams", "nothing to update; set at least one field")
	}
	var body gen.PatchScheduleInputBody
	if p.Cadence != nil {
		if err := p.Cadence.validate(at + "Cadence"); err != nil {
			return body, err
		}
		var c any = p.Cadence.wire()
		body.Cadence = &c
	}
	if p.ActiveWindow != nil {
		if err := p.ActiveWindow.validate(at + "ActiveWindow"); err != nil {
			return body, err
		}
		var w any = p.ActiveWindow.wire()
		body.ActiveWindow = &w
	}
	if p.Intent != nil && strings.TrimSpace(*p.Intent) == "" {
		return body, invalid(at+"Intent", "empty; a schedule always has an intent")
	}
	if p.CheckType != nil && strings.TrimSpace(*p.CheckType) == "" {
		return body, invalid(at+"CheckType", "empty; a schedule always has a check type")
	}
	if err := checkBounds(at, p.StartsAt, p.EndsAt); err != nil {
		return body, err
	}
	body.Intent, body.CheckType, body.Enabled = p.Intent, p.CheckType, p.Enabled
	body.StartsAt, body.EndsAt = optional(formatOptTime(p.StartsAt)), optional(formatOptTime(p.EndsAt))
	if err := encodable(at+"Metadata", p.Metadata); err != nil {
		return body, err
	}
	if p.Metadata != nil {
		var m any = p.Metadata
		body.Metadata = &m
	}
	return body, nil
}

// Schedule is a recurring check-in an agent makes with a user.
type Schedule struct {
	// ScheduleID identifies the schedule.
	ScheduleID string `json:"schedule_id"`
	// CadenceType says how Cadence is written.
	CadenceType ScheduleCadenceType `json:"cadence_type"`
	// Cadence is the cadence as the server stored it (JSON text).
	Cadence string `json:"cadence"`
	// Timezone is the IANA name of the zone the cadence is read in;
	// Location loads it.
	Timezone string `json:"timezone"`
	// ActiveWindow is the window as the server stored it (JSON text), or
	// empty.
	ActiveWindow string `json:"active_window"`
	// Intent and CheckType say what the agent does when it fires.
	Intent    string `json:"intent"`
	CheckType string `json:"check_type"`
	// InventoryItemID is the inventory item the schedule is about, if any.
	InventoryItemID string `json:"inventory_item_id"`
	// Metadata is the schedule's metadata as the server stored it (JSON
	// text), or empty.
	Metadata string `json:"metadata"`
	// Enabled is false while the schedule is paused.
	Enabled bool `json:"enabled"`
	// NextFireAt is when it fires next.
	NextFireAt time.Time `json:"next_fire_at"`
	// StartsAt and EndsAt bound the schedule; zero when open.
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	// CreatedAt and UpdatedAt are when it was created and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON reads the timestamps, which the server formats itself,
// leniently: one that is not a time is left zero rather than failing the
// answer.
func (s *Schedule) UnmarshalJSON(b []byte) error {
	type plain Schedule
	return json.Unmarshal(b, &struct {
		*plain
		NextFireAt serverTime `json:"next_fire_at"`
		StartsAt   serverTime `json:"starts_at"`
		EndsAt     serverTime `json:"ends_at"`
		CreatedAt  serverTime `json:"created_at"`
		UpdatedAt  serverTime `json:"updated_at"`
	}{(*plain)(s), serverTime{&s.NextFireAt}, serverTime{&s.StartsAt}, serverTime{&s.EndsAt}, serverTime{&s.CreatedAt}, serverTime{&s.UpdatedAt}})
}

// Location loads the schedule's time zone.
func (s *Schedule) Location() (*time.Location, error) {
	return time.LoadLocation(s.Timezone)
}

// ScheduleCreated is the answer to SchedulesService.Create.
type ScheduleCreated struct {
	// ScheduleID identifies the new schedule.
	ScheduleID string `json:"schedule_id"`
	// Enabled is whether it is active.
	Enabled bool `json:"enabled"`
	// NextFireAt is when it fires first.
	NextFireAt time.Time `json:"next_fire_at"`
	// NextFireAtLocal is the same time on the schedule's wall clock, as
	// the server wrote it.
	NextFireAtLocal string `json:"next_fire_at_local"`
}

// UnmarshalJSON reads the timestamp leniently.
func (s *ScheduleCreated) UnmarshalJSON(b []byte) error {
	type plain ScheduleCreated
	return json.Unmarshal(b, &struct {
		*plain
		NextFireAt serverTime `json:"next_fire_at"`
	}{(*plain)(s), serverTime{&s.NextFireAt}})
}

// scheduleList and scheduleUpcoming are the wire shapes of the answers.
type scheduleList struct {
	Schedules []Schedule `json:"schedules"`
}

type scheduleUpcoming struct {
	Upcoming []string `json:"upcoming"`
}

// maxUpcoming is the most fire times one Upcoming call returns.
const maxUpcoming = 100

// ScheduleUpcomingParams sizes SchedulesService.Upcoming.
type ScheduleUpcomingParams struct {
	// Limit is how many fire times to return, 1 to 100; zero means the
	// server's default (10).
	Limit int
}

func (p ScheduleUpcomingParams) validate() error {
	if p.Limit < 0 || p.Limit > maxUpcoming {
		return invalid("ScheduleUpcomingParams.Limit", fmt.Sprintf("%d is outside 1..%d (0 means the server's default)", p.Limit, maxUpcoming))
	}
	return nil
}

// List lists the schedules an agent keeps with a user.
func (s *SchedulesService) List(ctx context.Context, agentID, userID string, opts ...Option) ([]Schedule, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	out, err := call[scheduleList](ctx, s.c, opts, "listSchedules", func(server string) (*http.Request, error) {
		return gen.NewListSchedulesRequest(server, agentID, userID)
	})
	if err != nil {
		return nil, err
	}
	return out.Schedules, nil
}

// Create creates a recurring schedule for a user and returns its id and
// first fire time. It is a POST, retried only when the server provably did
// not act on it, so the SDK never creates it twice; after a lost
// connection List tells whether it was created.
func (s *SchedulesService) Create(ctx context.Context, agentID, userID string, p ScheduleCreateParams, opts ...Option) (*ScheduleCreated, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[ScheduleCreated](ctx, s.c, opts, "createSchedule", func(server string) (*http.Request, error) {
		return gen.NewCreateScheduleRequest(server, agentID, userID, body)
	})
}

// Get reads one schedule.
func (s *SchedulesService) Get(ctx context.Context, agentID, userID, scheduleID string, opts ...Option) (*Schedule, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "scheduleID", scheduleID); err != nil {
		return nil, err
	}
	return call[Schedule](ctx, s.c, opts, "getSchedule", func(server string) (*http.Request, error) {
		return gen.NewGetScheduleRequest(server, agentID, userID, scheduleID)
	})
}

// Update changes what p sets on a schedule and returns it as stored. It is
// a PATCH, retried only when the server provably did not act on it.
func (s *SchedulesService) Update(ctx context.Context, agentID, userID, scheduleID string, p ScheduleUpdateParams, opts ...Option) (*Schedule, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "scheduleID", scheduleID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Schedule](ctx, s.c, opts, "patchSchedule", func(server string) (*http.Request, error) {
		return gen.NewPatchScheduleRequest(server, agentID, userID, scheduleID, body)
	})
}

// Delete removes a schedule for good: it no longer fires, and it cannot be
// restored. Deleting a schedule that does not exist succeeds (the API
// answers 204 either way), so the DELETE is safely retried.
func (s *SchedulesService) Delete(ctx context.Context, agentID, userID, scheduleID string, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "userID", userID, "scheduleID", scheduleID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteSchedule", func(server string) (*http.Request, error) {
		return gen.NewDeleteScheduleRequest(server, agentID, userID, scheduleID)
	}, nil)
}

// Upcoming previews a schedule's next fire times, in order, with its
// active window applied. It changes nothing. A time the server wrote in a
// form that cannot be read is left zero.
func (s *SchedulesService) Upcoming(ctx context.Context, agentID, userID, scheduleID string, p ScheduleUpcomingParams, opts ...Option) ([]time.Time, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "scheduleID", scheduleID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[scheduleUpcoming](ctx, s.c, opts, "upcomingSchedule", func(server string) (*http.Request, error) {
		return gen.NewUpcomingScheduleRequest(server, agentID, userID, scheduleID, &gen.UpcomingScheduleParams{Limit: optional(int64(p.Limit))})
	})
	if err != nil {
		return nil, err
	}
	times := make([]time.Time, len(out.Upcoming))
	for i, text := range out.Upcoming {
		raw, _ := json.Marshal(text)
		_ = (&serverTime{&times[i]}).UnmarshalJSON(raw)
	}
	return times, nil
}
