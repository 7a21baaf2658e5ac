package sonzaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// schedule is a recurring check-in. Its fire times are computed from the
// cadence on the fake's clock: a cron cadence as cron reads it, a simple
// cadence (whose fields the contract leaves to the server) as once a day
// at the wall-clock time the schedule starts.
type schedule struct {
	id, agentID, userID        string
	cadence                    map[string]any
	cron                       *cronSpec // nil for a simple cadence
	loc                        *time.Location
	window                     map[string]any // nil: none
	intent, checkType, invItem string
	metadata                   any
	enabled                    bool
	startsAt, endsAt, anchor   time.Time // anchor: where a simple cadence counts from
	nextFire, created, updated time.Time
}

// readCadence checks a cadence as the contract states it: an object with
// one of cron and simple, and a timezone.
func readCadence(v any, field string) (map[string]any, *cronSpec, *time.Location, error) {
	c, ok := v.(map[string]any)
	if !ok {
		return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field, v, "the cadence is an object: {cron} or {simple}, with a timezone")
	}
	tz, _ := c["timezone"].(string)
	if tz == "" {
		return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field+".timezone", c["timezone"], "the cadence needs a timezone")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "Local" {
		return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field+".timezone", tz, "not an IANA time zone")
	}
	expr, hasCron := c["cron"]
	_, hasSimple := c["simple"]
	switch {
	case hasCron == hasSimple:
		return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field, v, "the cadence has one of cron and simple")
	case hasCron:
		s, _ := expr.(string)
		spec, err := parseCron(s)
		if err != nil {
			return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field+".cron", expr, "%v", err)
		}
		return c, spec, loc, nil
	}
	if _, ok := c["simple"].(map[string]any); !ok {
		return nil, nil, nil, failAt(http.StatusUnprocessableEntity, field+".simple", c["simple"], "the simple cadence is an object")
	}
	return c, nil, loc, nil
}

// readWindow checks an active window: an object, maybe empty.
func readWindow(v any, field string) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	w, ok := v.(map[string]any)
	if !ok {
		return nil, failAt(http.StatusUnprocessableEntity, field, v, "the active window is an object: {hours:{start,end}, days_of_week}")
	}
	if len(w) == 0 {
		return nil, nil
	}
	return w, nil
}

// readRFC3339 reads an optional RFC 3339 time.
func readRFC3339(s, field string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, failAt(http.StatusUnprocessableEntity, field, s, "not an RFC 3339 time")
	}
	return t, nil
}

// allowed applies the active window to a time on the schedule's clock.
func (sc *schedule) allowed(t time.Time) bool {
	if sc.window == nil {
		return true
	}
	if h, ok := sc.window["hours"].(map[string]any); ok {
		start, ok1 := h["start"].(float64)
		end, ok2 := h["end"].(float64)
		if ok1 && ok2 {
			hour := float64(t.Hour())
			if start <= end && (hour < start || hour > end) || start > end && hour < start && hour > end {
				return false
			}
		}
	}
	if days, ok := sc.window["days_of_week"].([]any); ok && len(days) > 0 {
		for _, d := range days {
			if n, ok := d.(float64); ok && int(n) == int(t.Weekday()) {
				return true
			}
		}
		return false
	}
	return true
}

// fireTimes returns up to n fire times after from, in order.
func (sc *schedule) fireTimes(from time.Time, n int) []time.Time {
	var out []time.Time
	t := from
	if t.Before(sc.startsAt) {
		t = sc.startsAt.Add(-time.Minute)
	}
	for range 100_000 {
		if len(out) == n {
			break
		}
		next, ok := sc.after(t)
		if !ok || !sc.endsAt.IsZero() && next.After(sc.endsAt) {
			break
		}
		if sc.allowed(next.In(sc.loc)) {
			out = append(out, next)
		}
		t = next
	}
	return out
}

// after is the cadence's first time after t.
func (sc *schedule) after(t time.Time) (time.Time, bool) {
	if sc.cron != nil {
		return sc.cron.next(t.In(sc.loc))
	}
	a := sc.anchor.In(sc.loc)
	if t.Before(a) {
		return a, true
	}
	lt := t.In(sc.loc)
	c := time.Date(lt.Year(), lt.Month(), lt.Day(), a.Hour(), a.Minute(), a.Second(), 0, sc.loc)
	if !c.After(t) {
		c = time.Date(lt.Year(), lt.Month(), lt.Day()+1, a.Hour(), a.Minute(), a.Second(), 0, sc.loc)
	}
	return c, true
}

// refresh moves nextFire past now (a fire time the clock passed is gone).
func (sc *schedule) refresh(now time.Time) {
	if !sc.nextFire.IsZero() && sc.nextFire.After(now) {
		return
	}
	sc.nextFire = time.Time{}
	if ts := sc.fireTimes(now, 1); len(ts) == 1 {
		sc.nextFire = ts[0]
	}
}

func storedJSON(v any) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func optRFC3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return rfc3339(t)
}

func (sc *schedule) toGen() gen.ScheduleDTO {
	typ := "simple"
	if sc.cron != nil {
		typ = "cron"
	}
	return gen.ScheduleDTO{
		ScheduleId: sc.id, CadenceType: typ, Cadence: storedJSON(sc.cadence), Timezone: sc.loc.String(),
		ActiveWindow: storedJSON(sc.window), Intent: sc.intent, CheckType: sc.checkType, InventoryItemId: sc.invItem,
		Metadata: storedJSON(sc.metadata), Enabled: sc.enabled, NextFireAt: optRFC3339(sc.nextFire),
		StartsAt: optRFC3339(sc.startsAt), EndsAt: optRFC3339(sc.endsAt),
		CreatedAt: rfc3339(sc.created), UpdatedAt: rfc3339(sc.updated),
	}
}

// cronSpec is a parsed five-field cron expression: the allowed values of
// each field.
type cronSpec struct {
	minute, hour, dom, month, dow [64]bool
	domAny, dowAny                bool
}

// cronMacro is the five-field form of an @ descriptor, if expr is one.
func cronMacro(expr string) (string, bool) {
	switch expr {
	case "@yearly", "@annually":
		return "0 0 1 1 *", true
	case "@monthly":
		return "0 0 1 * *", true
	case "@weekly":
		return "0 0 * * 0", true
	case "@daily":
		return "0 0 * * *", true
	case "@hourly":
		return "0 * * * *", true
	}
	return "", false
}

func parseCron(expr string) (*cronSpec, error) {
	if m, ok := cronMacro(strings.ToLower(strings.TrimSpace(expr))); ok {
		expr = m
	}
	f := strings.Fields(expr)
	if len(f) != 5 {
		return nil, fmt.Errorf("a cron expression has 5 fields, not %d", len(f))
	}
	s := &cronSpec{domAny: f[2] == "*", dowAny: f[4] == "*"}
	for i, dst := range []*[64]bool{&s.minute, &s.hour, &s.dom, &s.month, &s.dow} {
		lo, hi, names := [5]int{0, 0, 1, 1, 0}[i], [5]int{59, 23, 31, 12, 7}[i], [][]string{nil, nil, nil,
			{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"},
			{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}}[i]
		for _, item := range strings.Split(f[i], ",") {
			if err := cronItem(dst, item, lo, hi, names); err != nil {
				return nil, fmt.Errorf("field %d (%q): %v", i+1, f[i], err)
			}
		}
	}
	if s.dow[7] {
		s.dow[0] = true
	}
	return s, nil
}

func cronItem(dst *[64]bool, item string, lo, hi int, names []string) error {
	rng, stepText, hasStep := strings.Cut(item, "/")
	step := 1
	if hasStep {
		n, err := strconv.Atoi(stepText)
		if err != nil || n < 1 {
			return fmt.Errorf("bad step %q", stepText)
		}
		step = n
	}
	first, last := lo, hi
	if rng != "*" {
		a, b, isRange := strings.Cut(rng, "-")
		var err error
		if first, err = cronNum(a, lo, hi, names); err != nil {
			return err
		}
		last = first
		if isRange {
			if last, err = cronNum(b, lo, hi, names); err != nil {
				return err
			}
		} else if hasStep {
			last = hi
		}
		if last < first {
			return fmt.Errorf("range %q runs backwards", rng)
		}
	}
	for v := first; v <= last; v += step {
		dst[v] = true
	}
	return nil
}

func cronNum(s string, lo, hi int, names []string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return i + lo, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a value from %d to %d", s, lo, hi)
	}
	return n, nil
}

func (s *cronSpec) dayMatches(t time.Time) bool {
	dom, dow := s.dom[t.Day()], s.dow[int(t.Weekday())]
	switch {
	case s.domAny && s.dowAny:
		return true
	case s.domAny:
		return dow
	case s.dowAny:
		return dom
	}
	return dom || dow
}

// next is the first matching minute after t, on t's clock, searched for
// five years at most.
func (s *cronSpec) next(t time.Time) (time.Time, bool) {
	loc := t.Location()
	t = t.Truncate(time.Minute).Add(time.Minute)
	limit := t.AddDate(5, 0, 0)
	for t.Before(limit) {
		switch {
		case !s.month[int(t.Month())]:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, loc)
		case !s.dayMatches(t):
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
		case !s.hour[t.Hour()]:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, loc)
		case !s.minute[t.Minute()]:
			t = t.Add(time.Minute)
		default:
			return t, true
		}
	}
	return time.Time{}, false
}
