package sonzai

import (
	"bytes"
	"encoding/json"
	"time"
)

// serverTime decodes, into the time.Time it points to, a timestamp the
// contract declares as a plain string rather than a date-time (the server
// formats those itself). It accepts RFC 3339 and the few layouts Go
// servers are known to print; null, "" and anything else leave the time
// zero instead of failing the whole answer, since these are informative
// fields and the rest of the answer is still good.
type serverTime struct{ t *time.Time }

func (s *serverTime) UnmarshalJSON(b []byte) error {
	// RFC 3339, the usual case, through time.Time's own decoder, which
	// reads it from the bytes without allocating.
	var t time.Time
	if t.UnmarshalJSON(b) == nil {
		*s.t = t
		return nil
	}
	var text string
	switch {
	case len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0:
		// The usual case, a string without escapes: no decoder needed.
		// (A context holds hundreds of these; json.Unmarshal cost three
		// allocations each.)
		text = string(b[1 : len(b)-1])
	case bytes.Equal(b, []byte("null")) || json.Unmarshal(b, &text) != nil:
		return nil
	}
	if text == "" {
		return nil
	}
	for _, layout := range [...]string{
		time.RFC3339Nano, // also reads RFC 3339
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02 15:04:05.999999999 -0700 MST", // time.Time.String
	} {
		if t, err := time.Parse(layout, text); err == nil {
			*s.t = t
			return nil
		}
	}
	return nil
}

// lenientTime is a time.Time read as serverTime reads it, for the fields
// of wire structs: as the field's own type it is decoded in place, while a
// type-level UnmarshalJSON that wraps the whole value (RecentTurn's) makes
// the decoder scan every element twice more. EnrichedContext's recent
// turns use it: a context carries dozens of them, in every turn's answer.
type lenientTime time.Time

func (t *lenientTime) UnmarshalJSON(b []byte) error {
	return (&serverTime{(*time.Time)(t)}).UnmarshalJSON(b)
}
