package sonzai

import (
	"encoding/json"
)

// EnrichedContext is the context to put in front of an LLM call: a flat
// object with one key per layer (identity, personality, mood, memories,
// goals, habits, relationship, proactive signals, knowledge hits, recent
// turns, application state).
//
// The server publishes a shape only for recent_turns, so the other layers
// are decoded leniently: a layer whose JSON does not fit its field is left
// zero rather than failing the call, and every layer, known or not, stays
// available through Layer and Raw.
type EnrichedContext struct {
	// PersonalityPrompt is the agent's identity and system instructions.
	PersonalityPrompt string
	// Bio is the agent's biography.
	Bio string
	// SpeechPatterns, TrueInterests and TrueDislikes describe the agent.
	SpeechPatterns, TrueInterests, TrueDislikes []string
	// Big5, Dimensions, Preferences and Behaviors are the personality model.
	Big5, Dimensions, Preferences, Behaviors json.RawMessage
	// CurrentMood and EmotionalState are the agent's mood layer.
	CurrentMood, EmotionalState json.RawMessage
	// RecentPersonalityShifts, SignificantMoments, ActiveGoals and Habits
	// are the agent's recent evolution and intentions.
	RecentPersonalityShifts, SignificantMoments, ActiveGoals, Habits json.RawMessage
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

	layers map[string]json.RawMessage
}

// ContextFact is one recalled memory.
type ContextFact struct {
	AtomicText string  `json:"atomic_text"`
	FactType   string  `json:"fact_type"`
	Importance float64 `json:"importance"`
}

// RecentTurn is one buffered message of the session.
type RecentTurn struct {
	Role      string `json:"role"`
	Content   string `json:"content"`
	Timestamp string `json:"timestamp"`
}

// Layer returns the raw JSON of any top-level key, nil when absent. Use it
// for layers this type has no field for.
func (c *EnrichedContext) Layer(name string) json.RawMessage { return c.layers[name] }

// Layers lists the top-level keys present.
func (c *EnrichedContext) Layers() []string {
	names := make([]string, 0, len(c.layers))
	for k := range c.layers {
		names = append(names, k)
	}
	return names
}

// UnmarshalJSON decodes the layers leniently (see the type's documentation).
func (c *EnrichedContext) UnmarshalJSON(data []byte) error {
	var layers map[string]json.RawMessage
	if err := json.Unmarshal(data, &layers); err != nil {
		return err
	}
	*c = EnrichedContext{Raw: append(json.RawMessage(nil), data...), layers: layers}
	text := map[string]*string{
		"personality_prompt":     &c.PersonalityPrompt,
		"bio":                    &c.Bio,
		"relationship_narrative": &c.RelationshipNarrative,
	}
	lists := map[string]*[]string{
		"speech_patterns": &c.SpeechPatterns,
		"true_interests":  &c.TrueInterests,
		"true_dislikes":   &c.TrueDislikes,
	}
	numbers := map[string]*float64{
		"chemistry_score": &c.ChemistryScore,
		"love_from_agent": &c.LoveFromAgent,
		"love_from_user":  &c.LoveFromUser,
	}
	raws := map[string]*json.RawMessage{
		"big5":                      &c.Big5,
		"dimensions":                &c.Dimensions,
		"preferences":               &c.Preferences,
		"behaviors":                 &c.Behaviors,
		"current_mood":              &c.CurrentMood,
		"emotional_state":           &c.EmotionalState,
		"recent_personality_shifts": &c.RecentPersonalityShifts,
		"significant_moments":       &c.SignificantMoments,
		"active_goals":              &c.ActiveGoals,
		"habits":                    &c.Habits,
		"long_term_summaries":       &c.LongTermSummaries,
		"proactive_memories":        &c.ProactiveMemories,
		"constellation_patterns":    &c.ConstellationPatterns,
		"game_context":              &c.BackendContext,
	}
	for key, raw := range layers {
		// Mistyped layers are left zero on purpose: Raw and Layer keep them.
		switch {
		case text[key] != nil:
			_ = json.Unmarshal(raw, text[key])
		case lists[key] != nil:
			_ = json.Unmarshal(raw, lists[key])
		case numbers[key] != nil:
			_ = json.Unmarshal(raw, numbers[key])
		case raws[key] != nil:
			if !isNull(raw) && (key != "game_context" || c.BackendContext == nil) {
				*raws[key] = raw
			}
		case key == "backend_context":
			if !isNull(raw) {
				c.BackendContext = raw
			}
		case key == "loaded_facts":
			_ = json.Unmarshal(raw, &c.LoadedFacts)
		case key == "recent_turns":
			_ = json.Unmarshal(raw, &c.RecentTurns)
		case key == "knowledge":
			var k struct {
				Results json.RawMessage `json:"results"`
			}
			if json.Unmarshal(raw, &k) == nil && !isNull(k.Results) {
				c.KnowledgeResults = k.Results
			}
		}
	}
	return nil
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }
