package sonzai_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// Recent turns' timestamps are read leniently inside the context's single
// pass: server formats decode, anything else is a zero time, never an error.
func TestContextRecentTurnTimestamps(t *testing.T) {
	var c sonzai.EnrichedContext
	err := json.Unmarshal([]byte(`{"recent_turns":[
		{"role":"user","content":"a","timestamp":"2026-01-02T15:04:05Z"},
		{"role":"assistant","content":"b","timestamp":"2026-01-02 15:04:05"},
		{"role":"user","content":"c","timestamp":"yesterday"},
		{"role":"user","content":"d","timestamp":null}]}`), &c)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	if len(c.RecentTurns) != 4 || !c.RecentTurns[0].Timestamp.Equal(want) || !c.RecentTurns[1].Timestamp.Equal(want) ||
		!c.RecentTurns[2].Timestamp.IsZero() || !c.RecentTurns[3].Timestamp.IsZero() || c.RecentTurns[2].Content != "c" {
		t.Fatalf("recent turns = %+v", c.RecentTurns)
	}
}
