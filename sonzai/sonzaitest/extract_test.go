package sonzaitest

import (
	"slices"
	"testing"
	"time"
)

func texts(ex *extraction) []string {
	var out []string
	for _, f := range ex.facts {
		out = append(out, f.text)
	}
	return out
}

func TestExtract(t *testing.T) {
	cases := []struct {
		in        string
		facts     []string
		interests []string
		habits    []string
		reminders []string
		sentiment int
	}{
		{in: "I like hiking", facts: []string{"User likes hiking"}, interests: []string{"hiking"}, sentiment: 1},
		{in: "Hi, my name is Alice and I love hiking in the Alps!",
			facts: []string{"User's name is Alice", "User loves hiking in the Alps"}, interests: []string{"hiking"}, sentiment: 1},
		{in: "I really enjoy Italian food a lot.", facts: []string{"User enjoys Italian food"}, interests: []string{"italian food"}, sentiment: 1},
		{in: "I like to cook", facts: []string{"User likes to cook"}, interests: []string{"cook"}, sentiment: 1},
		{in: "I don't like olives", facts: []string{"User dislikes olives"}, sentiment: -1},
		{in: "I hate traffic, it is awful", facts: []string{"User hates traffic"}, sentiment: -2},
		{in: "I'm not happy", sentiment: -1},
		{in: "I live in Osaka. I work as a nurse; I work at St. Mary's",
			facts: []string{"User lives in Osaka", "User works as a nurse", "User works at St"}},
		{in: "I go running every morning",
			facts: []string{"User's routine: go running every morning"}, habits: []string{"go_running"}},
		{in: "I love swimming every weekend",
			facts:     []string{"User loves swimming every weekend", "User's routine: swimming every weekend"},
			interests: []string{"swimming"}, habits: []string{"swimming"}, sentiment: 1},
		{in: "Remind me to water the plants", facts: []string{"User asked to be reminded to water the plants"},
			reminders: []string{"to water the plants"}},
		{in: "remind me the meeting at 5", facts: []string{"User asked to be reminded to the meeting at 5"},
			reminders: []string{"to the meeting at 5"}},
		{in: "I like it", sentiment: 1},
		{in: "Where is my order?"},
	}
	x := newExtractor()
	for _, tc := range cases {
		ex := x.extract([]chatMsg{{role: "user", content: tc.in}})
		var habits []string
		for _, h := range ex.habits {
			habits = append(habits, h.name)
		}
		if !slices.Equal(texts(ex), tc.facts) || !slices.Equal(ex.interests, tc.interests) ||
			!slices.Equal(habits, tc.habits) || !slices.Equal(ex.reminders, tc.reminders) || ex.sentiment != tc.sentiment {
			t.Errorf("%q:\n facts %q interests %q habits %q reminders %q sentiment %d\nwant %q %q %q %q %d",
				tc.in, texts(ex), ex.interests, habits, ex.reminders, ex.sentiment,
				tc.facts, tc.interests, tc.habits, tc.reminders, tc.sentiment)
		}
	}
}

func TestExtractToolResults(t *testing.T) {
	msgs := []chatMsg{
		{role: "user", content: "Where did my last order ship from?"},
		{role: "assistant", toolCalls: []toolCallRef{{id: "call_1", name: "order-lookup"}, {id: "call_2", name: "weather"}}},
		{role: "tool", toolCallID: "call_1", content: `{"order_id":"42","origin":"Tokyo","carrier":"DHL","items":[1,2],"express":true,"weight":1.5}`},
		{role: "tool", toolCallID: "call_2", content: "sunny, 24°C"},
		{role: "tool", toolCallID: "call_9", content: `[1,2,3]`},
		{role: "assistant", content: "I love that! Your order shipped from Tokyo."},
		{role: "system", content: "My name is System"},
	}
	ex := newExtractor().extract(msgs)
	want := []string{
		"order_id: 42", "origin: Tokyo", "carrier: DHL", "express: true", "weight: 1.5",
		"tool result (order-lookup): order_id 42, origin Tokyo, carrier DHL, express true, weight 1.5",
		"tool result (weather): sunny, 24°C",
		"tool result: [1,2,3]",
	}
	if !slices.Equal(texts(ex), want) {
		t.Errorf("facts:\n got %q\nwant %q", texts(ex), want)
	}
	if ex.sentiment != 0 {
		t.Errorf("assistant text moved the sentiment: %d", ex.sentiment)
	}
	for _, f := range ex.facts {
		if f.factType != "tool_result" || f.sourceType != "tool_result" {
			t.Errorf("%q: type %s, source %s", f.text, f.factType, f.sourceType)
		}
	}
}

func TestRelevance(t *testing.T) {
	cases := []struct {
		q, text string
		want    float64
	}{
		{"hiking", "User likes hiking", 1},
		{"Hiking!", "User likes hiking in the alps", 1},
		{"hike", "User likes hiking", 0.9},
		{"where do I hike and swim", "User likes hiking", 0.3},
		{"weekend", "User likes hiking", 0},
		{"", "User likes hiking", 0},
		{"the", "User likes the sea", 0},
	}
	x := newExtractor()
	for _, tc := range cases {
		if got := x.relevance(tc.q, tc.text); got != tc.want {
			t.Errorf("relevance(%q, %q) = %v, want %v", tc.q, tc.text, got, tc.want)
		}
	}
}

func TestFakeClock(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := NewFakeClock(start)
	if !c.Now().Equal(start) {
		t.Fatal(c.Now())
	}
	c.Advance(90 * time.Second)
	if got := c.Now().Sub(start); got != 90*time.Second {
		t.Errorf("advanced %v", got)
	}
	j := &job{created: start, dur: 300 * time.Millisecond}
	for _, tc := range []struct {
		at   time.Duration
		want int
	}{{0, stageWaiting}, {99 * time.Millisecond, stageWaiting}, {100 * time.Millisecond, stageRunning},
		{299 * time.Millisecond, stageRunning}, {300 * time.Millisecond, stageFinished}} {
		if got := j.stage(start.Add(tc.at)); got != tc.want {
			t.Errorf("stage at %v = %d, want %d", tc.at, got, tc.want)
		}
	}
}
