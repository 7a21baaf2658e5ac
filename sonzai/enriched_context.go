package sonzai

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"
)

// EnrichedContext is the context to put in front of an LLM call: a flat
// object with one key per layer (identity, personality, mood, memories,
// goals, habits, relationship, proactive signals, knowledge hits, recent
// turns, application state).
//
// The server publishes no shape for most layers, so they are decoded
// leniently: a layer whose JSON does not fit its field is left zero rather
// than failing the call, and every layer, known or not, stays available as
// the server sent it through Layer and Raw (e.g. Layer("current_mood") for
// mood fields this version does not model).
type EnrichedContext struct {
	// PersonalityPrompt is the agent's identity and system instructions.
	PersonalityPrompt string
	// Bio is the agent's biography.
	Bio string
	// SpeechPatterns, TrueInterests and TrueDislikes describe the agent.
	SpeechPatterns, TrueInterests, TrueDislikes []string
	// Big5, Dimensions, Preferences and Behaviors are the personality model.
	Big5, Dimensions, Preferences, Behaviors json.RawMessage
	// CurrentMood is the agent's mood; nil when the context has none.
	CurrentMood *Mood
	// EmotionalState describes the mood in words.
	EmotionalState json.RawMessage
	// ActiveGoals are the goals the agent is pursuing.
	ActiveGoals []Goal
	// Habits are the habits the agent has observed.
	Habits []Habit
	// RecentPersonalityShifts and SignificantMoments are the agent's recent
	// evolution.
	RecentPersonalityShifts, SignificantMoments json.RawMessage
	// LoadedFacts are the memories recalled for the query.
	LoadedFacts []ContextFact
	// LongTermSummaries are digests of earlier sessions.
	LongTermSummaries json.RawMessage
	// ProactiveMemories are pending proactive signals.
	ProactiveMemories json.RawMessage
	// ConstellationPatterns are deeper behavioral patterns.
	ConstellationPatterns json.RawMessage
	// RelationshipNarrative describes the relationship with the user.
	RelationshipNarrative string
	// ChemistryScore, LoveFromAgent and LoveFromUser quantify it.
	ChemistryScore, LoveFromAgent, LoveFromUser float64
	// KnowledgeResults are knowledge-base hits for the query (knowledge.results).
	KnowledgeResults json.RawMessage
	// RecentTurns are the session's buffered messages.
	RecentTurns []RecentTurn
	// BackendContext is the application state set for the user; servers
	// that still call it game_context are understood too.
	BackendContext json.RawMessage

	// Raw is the whole object as received.
	Raw json.RawMessage

	layers *layerIndex
}

// ContextFact is one recalled memory.
type ContextFact struct {
	// AtomicText is the fact, as one sentence.
	AtomicText string `json:"atomic_text"`
	// FactType classifies it, e.g. "preference".
	FactType string `json:"fact_type"`
	// Importance ranks it.
	Importance float64 `json:"importance"`
}

// RecentTurn is one buffered message of the session.
type RecentTurn struct {
	// Role is who spoke: user, assistant, ...
	Role string `json:"role"`
	// Content is what was said.
	Content string `json:"content"`
	// Timestamp is when the message was received.
	Timestamp time.Time `json:"timestamp"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *RecentTurn) UnmarshalJSON(b []byte) error {
	type plain RecentTurn
	return json.Unmarshal(b, &struct {
		*plain
		Timestamp serverTime `json:"timestamp"`
	}{(*plain)(v), serverTime{&v.Timestamp}})
}

// Layer returns the raw JSON of any top-level key, nil when absent. Use it
// for layers this type has no field for.
func (c *EnrichedContext) Layer(name string) json.RawMessage { return c.layers.get()[name] }

// Layers lists the top-level keys present.
func (c *EnrichedContext) Layers() []string {
	layers := c.layers.get()
	names := make([]string, 0, len(layers))
	for k := range layers {
		names = append(names, k)
	}
	return names
}

// layerIndex maps every top-level key of a decoded context to its raw JSON.
// It is built on the first call to Layer or Layers, not while decoding:
// most callers never ask, and splitting a 50 KB context into a map of
// copies cost as much as decoding it. A pointer, so that copies of an
// EnrichedContext share one index (and one sync.Once).
type layerIndex struct {
	raw  json.RawMessage
	once sync.Once
	m    map[string]json.RawMessage
}

func (x *layerIndex) get() map[string]json.RawMessage {
	if x == nil {
		return nil
	}
	x.once.Do(func() { _ = json.Unmarshal(x.raw, &x.m) }) // raw was valid when decoded
	return x.m
}

// wireContext is the layers EnrichedContext has fields for, decoded in a
// single json.Unmarshal.
type wireContext struct {
	PersonalityPrompt       string           `json:"personality_prompt"`
	Bio                     string           `json:"bio"`
	RelationshipNarrative   string           `json:"relationship_narrative"`
	SpeechPatterns          []string         `json:"speech_patterns"`
	TrueInterests           []string         `json:"true_interests"`
	TrueDislikes            []string         `json:"true_dislikes"`
	ChemistryScore          float64          `json:"chemistry_score"`
	LoveFromAgent           float64          `json:"love_from_agent"`
	LoveFromUser            float64          `json:"love_from_user"`
	Big5                    json.RawMessage  `json:"big5"`
	Dimensions              json.RawMessage  `json:"dimensions"`
	Preferences             json.RawMessage  `json:"preferences"`
	Behaviors               json.RawMessage  `json:"behaviors"`
	CurrentMood             json.RawMessage  `json:"current_mood"`
	EmotionalState          json.RawMessage  `json:"emotional_state"`
	RecentPersonalityShifts json.RawMessage  `json:"recent_personality_shifts"`
	SignificantMoments      json.RawMessage  `json:"significant_moments"`
	ActiveGoals             json.RawMessage  `json:"active_goals"`
	Habits                  json.RawMessage  `json:"habits"`
	LongTermSummaries       json.RawMessage  `json:"long_term_summaries"`
	ProactiveMemories       json.RawMessage  `json:"proactive_memories"`
	ConstellationPatterns   json.RawMessage  `json:"constellation_patterns"`
	BackendContext          json.RawMessage  `json:"backend_context"`
	GameContext             json.RawMessage  `json:"game_context"`
	LoadedFacts             []ContextFact    `json:"loaded_facts"`
	RecentTurns             []wireRecentTurn `json:"recent_turns"`
	Knowledge               struct {
		Results json.RawMessage `json:"results"`
	} `json:"knowledge"`
}

// UnmarshalJSON decodes the layers leniently (see the type's
// documentation). Malformed JSON, or a context that is not an object,
// still fails.
func (c *EnrichedContext) UnmarshalJSON(data []byte) error {
	// One json.Unmarshal decodes every layer; a layer that does not fit
	// its field makes it report an *UnmarshalTypeError, but only after
	// decoding everything else, so such errors are dropped.
	var w wireContext
	if err := lenient(json.Unmarshal(data, &w)); err != nil {
		return err
	}
	c.fromWire(&w, append(json.RawMessage(nil), data...))
	return nil
}

// fromWire fills c with the decoded layers w and the object's raw JSON.
func (c *EnrichedContext) fromWire(w *wireContext, raw json.RawMessage) {
	*c = EnrichedContext{
		PersonalityPrompt: w.PersonalityPrompt, Bio: w.Bio, RelationshipNarrative: w.RelationshipNarrative,
		SpeechPatterns: w.SpeechPatterns, TrueInterests: w.TrueInterests, TrueDislikes: w.TrueDislikes,
		ChemistryScore: w.ChemistryScore, LoveFromAgent: w.LoveFromAgent, LoveFromUser: w.LoveFromUser,
		Big5: nonNull(w.Big5), Dimensions: nonNull(w.Dimensions), Preferences: nonNull(w.Preferences),
		Behaviors: nonNull(w.Behaviors), EmotionalState: nonNull(w.EmotionalState),
		RecentPersonalityShifts: nonNull(w.RecentPersonalityShifts), SignificantMoments: nonNull(w.SignificantMoments),
		LongTermSummaries: nonNull(w.LongTermSummaries),
		ProactiveMemories: nonNull(w.ProactiveMemories), ConstellationPatterns: nonNull(w.ConstellationPatterns),
		LoadedFacts: w.LoadedFacts, RecentTurns: recentTurns(w.RecentTurns),
		KnowledgeResults: nonNull(w.Knowledge.Results),
		BackendContext:   nonNull(w.BackendContext),
		Raw:              raw,
		layers:           &layerIndex{raw: raw},
	}
	if c.BackendContext == nil { // backend_context is the current name, game_context the old one
		c.BackendContext = nonNull(w.GameContext)
	}
	// The typed layers are decoded on their own, each leniently: a layer
	// that does not fit (a timestamp in another format, say) stays zero,
	// and in Layer, without failing the whole context.
	if !isNull(w.CurrentMood) {
		var m Mood
		if json.Unmarshal(w.CurrentMood, &m) == nil {
			c.CurrentMood = &m
		}
	}
	if !isNull(w.ActiveGoals) && json.Unmarshal(w.ActiveGoals, &c.ActiveGoals) != nil {
		c.ActiveGoals = nil
	}
	if !isNull(w.Habits) && json.Unmarshal(w.Habits, &c.Habits) != nil {
		c.Habits = nil
	}
}

// lenient drops the errors of mistyped layers (see UnmarshalJSON).
func lenient(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return nil
	}
	return err
}

// memberValue returns the raw value of the last member of the JSON object
// data whose name matches name as encoding/json matches a struct field
// (case-insensitively), or nil, and how many members matched. data must be
// valid JSON: this only walks it, skipping strings and nested values, and
// checks nothing.
func memberValue(data []byte, name string) (found []byte, matches int) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, 0
	}
	for i = skipSpace(data, i+1); i < len(data) && data[i] == '"'; i = skipSpace(data, i+1) {
		keyEnd := stringEnd(data, i)
		start := skipSpace(data, skipSpace(data, keyEnd)+1) // past the colon
		end := valueEnd(data, start)
		if memberName(data[i:keyEnd], name) {
			found = data[start:end:end]
			matches++
		}
		if i = skipSpace(data, end); i >= len(data) || data[i] != ',' {
			break
		}
	}
	return found, matches
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string that starts at data[i].
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++ // the escaped character cannot end the string
		case '"':
			return i + 1
		}
	}
	return i
}

// valueEnd returns the index just past the value that starts at data[i].
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '"':
				i = stringEnd(data, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(data) && !strings.ContainsRune(",}] \t\n\r", rune(data[i])) { // a number or a literal
		i++
	}
	return i
}

// memberName reports whether the quoted name q matches name.
func memberName(q []byte, name string) bool {
	if len(q) < 2 {
		return false
	}
	if bytes.IndexByte(q, '\\') < 0 {
		return strings.EqualFold(string(q[1:len(q)-1]), name)
	}
	var s string
	return json.Unmarshal(q, &s) == nil && strings.EqualFold(s, name)
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// wireRecentTurn is a recent turn as the context carries it; see
// lenientTime for why it is not RecentTurn itself.
type wireRecentTurn struct {
	Role      string      `json:"role"`
	Content   string      `json:"content"`
	Timestamp lenientTime `json:"timestamp"`
}

func recentTurns(w []wireRecentTurn) []RecentTurn {
	if w == nil {
		return nil
	}
	out := make([]RecentTurn, len(w))
	for i, t := range w {
		out[i] = RecentTurn{Role: t.Role, Content: t.Content, Timestamp: time.Time(t.Timestamp)}
	}
	return out
}
