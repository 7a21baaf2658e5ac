package sonzaitest

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// This file renders the state as the contract's response shapes.

// buildContext is the enriched context getContext answers with (and a
// turn's next_context, and a chat's context_ready frame): a flat object
// with one key per layer. loaded_facts are the user's facts ranked by
// query; recent_turns are the session's buffered messages.
func (st *state) buildContext(a *agent, userID, sessionID, query string, now time.Time) map[string]any {
	m := a.peekMood(userID, now)
	rel := a.rels[userID]
	love, chemistry, narrative := int64(0), int64(0), a.name+" has not talked with "+userOr(userID)+" yet."
	if rel != nil {
		love, chemistry, narrative = rel.love, rel.chemistry, rel.narrative
	}

	var loaded []map[string]any
	for _, f := range st.rankFacts(a, userID, query, true) {
		if len(loaded) == 10 {
			break
		}
		loaded = append(loaded, map[string]any{"atomic_text": f.text, "fact_type": f.factType, "importance": f.importance})
	}
	var goals []map[string]any
	for _, g := range a.goalsFor(userID) {
		if g.Status == "active" {
			goals = append(goals, map[string]any{"goal_id": g.GoalId, "type": g.Type, "title": g.Title,
				"description": g.Description, "priority": g.Priority})
		}
	}
	var habits []map[string]any
	for _, h := range a.habits {
		if h.userID == userID {
			habits = append(habits, map[string]any{"name": h.name, "display_name": h.display,
				"strength": h.strength(), "formed": !h.formedAt.IsZero()})
		}
	}
	var summaries []map[string]any
	for _, s := range a.summaries {
		if s.userID == userID {
			summaries = append(summaries, map[string]any{"session_id": s.sessionID, "summary": s.text, "created_at": rfc3339(s.at)})
		}
	}
	var proactive []map[string]any
	for _, n := range a.notes {
		if n.userID == userID && n.status == "pending" {
			proactive = append(proactive, map[string]any{"message_id": n.id, "check_type": n.checkType,
				"intent": n.intent, "generated_message": n.message})
		}
	}
	moments := a.moments
	if len(moments) > 3 {
		moments = moments[len(moments)-3:]
	}
	recent := []gen.RecentTurn{}
	if s := st.sessions[sessionKey(a.id, sessionID)]; s != nil && sessionID != "" {
		recent = list(s.recent)
		if len(recent) > 20 {
			recent = recent[len(recent)-20:]
		}
	}
	return map[string]any{
		"personality_prompt":        a.prompt,
		"bio":                       a.bio,
		"speech_patterns":           list(a.speech),
		"true_interests":            list(a.trueInterests),
		"true_dislikes":             list(a.dislikes),
		"primary_traits":            list(a.traits),
		"big5":                      a.big5,
		"dimensions":                a.dims,
		"preferences":               a.prefs,
		"behaviors":                 a.behaviors,
		"recent_personality_shifts": list(a.shifts(now)),
		"significant_moments":       list(moments),
		"active_goals":              list(goals),
		"habits":                    list(habits),
		"current_mood": map[string]any{"valence": round3(m.valence), "arousal": round3(m.arousal),
			"tension": round3(m.tension), "affiliation": round3(m.affiliation), "label": moodLabel(m)},
		"emotional_state":        map[string]any{"label": moodLabel(m), "summary": a.name + " feels " + moodLabel(m) + "."},
		"loaded_facts":           list(loaded),
		"long_term_summaries":    list(summaries),
		"proactive_memories":     list(proactive),
		"constellation_patterns": []any{},
		"relationship_narrative": narrative,
		"chemistry_score":        chemistry,
		"love_from_agent":        love,
		"love_from_user":         love,
		"knowledge":              map[string]any{"results": []any{}},
		"recent_turns":           recent,
	}
}

// list turns a nil slice into an empty one, so JSON has [] and not null.
func list[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// rankFacts orders the facts about a user (and, with agentWide, the
// agent's own seed memories) by relevance to query, then importance, then
// recency. Without a query every fact is kept; with one, facts that do not
// match come after those that do.
func (st *state) rankFacts(a *agent, userID, query string, agentWide bool) []*fact {
	type scored struct {
		f     *fact
		score float64
	}
	var all []scored
	for _, f := range a.facts {
		if f.userID == userID || agentWide && f.userID == "" {
			all = append(all, scored{f, st.extractor.relevance(query, f.text)})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		x, y := all[i], all[j]
		switch {
		case x.score != y.score:
			return x.score > y.score
		case x.f.importance != y.f.importance:
			return x.f.importance > y.f.importance
		}
		return x.f.updated.After(y.f.updated)
	})
	out := make([]*fact, len(all))
	for i, s := range all {
		out[i] = s.f
	}
	return out
}

func (a *agent) goalsFor(userID string) []gen.Goal {
	var out []gen.Goal
	for _, g := range a.goals {
		if g.UserId == "" || userID == "" || g.UserId == userID {
			out = append(out, g)
		}
	}
	return out
}

// peekMood is moodOf without creating anything.
func (a *agent) peekMood(userID string, now time.Time) *mood {
	if m, ok := a.moods[userID]; ok {
		return m
	}
	m := &mood{userID: userID, created: now, updated: now}
	if base := a.moods[""]; base != nil {
		m.created, m.updated = base.created, base.created
		m.valence, m.arousal, m.tension, m.affiliation = base.bValence, base.bArousal, base.bTension, base.bAffiliation
		m.bValence, m.bArousal, m.bTension, m.bAffiliation = base.bValence, base.bArousal, base.bTension, base.bAffiliation
	}
	return m
}

// shifts summarizes the last week of personality changes, one entry per
// trait, in the order the traits first changed.
func (a *agent) shifts(now time.Time) []gen.PersonalityShift {
	const days = 7
	type acc struct {
		net      float64
		triggers []string
		last     time.Time
		n        int
	}
	var order []string
	byTrait := map[string]*acc{}
	for _, d := range a.evolution {
		if now.Sub(d.Timestamp) > days*24*time.Hour {
			continue
		}
		x := byTrait[d.TraitName]
		if x == nil {
			x = &acc{}
			byTrait[d.TraitName] = x
			order = append(order, d.TraitName)
		}
		x.net += d.Delta
		x.n++
		x.last = d.Timestamp
		if !contains(x.triggers, d.TriggerType) {
			x.triggers = append(x.triggers, d.TriggerType)
		}
	}
	var out []gen.PersonalityShift
	for _, name := range order {
		x := byTrait[name]
		dir := "increase"
		if x.net < 0 {
			dir = "decrease"
		}
		mag := "slight"
		switch abs := max(x.net, -x.net); {
		case abs >= 0.08:
			mag = "strong"
		case abs >= 0.03:
			mag = "moderate"
		}
		triggers := x.triggers
		out = append(out, gen.PersonalityShift{
			TraitName: name, Direction: dir, Magnitude: mag, TriggerTypes: triggers, TimeframeDays: days,
			Reasoning: pluralize(x.n, "change") + " in the last week", Timestamp: rfc3339(x.last),
		})
	}
	return out
}

func pluralize(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *habit) strength() float64 {
	if h.setStrength != nil {
		return *h.setStrength
	}
	if h.category == "routine" {
		return round3(min(1, 0.6+0.1*float64(h.observations-1)))
	}
	return round3(min(1, 0.2*float64(h.observations)))
}

func (a *agent) toGen() gen.AgentDetailResponse {
	return gen.AgentDetailResponse{
		AgentId: a.id, Name: a.name, TenantId: fakeTenant, ProjectId: a.projectID,
		OwnerUserId: a.ownerID, OwnerDisplayName: a.owner, InstanceCount: 1, IsActive: !a.settings.inactive,
		ProactiveMode: a.mode, Gender: a.gender, Bio: a.bio, AvatarUrl: a.avatarURL,
		PersonalityPrompt: a.prompt,
		SpeechPatterns:    a.speech, TrueInterests: a.trueInterests,
		TrueDislikes: a.dislikes, PrimaryTraits: a.traits,
		Big5: a.big5, Dimensions: a.dims, Preferences: a.prefs, Behaviors: a.behaviors,
		LastSeenAt: a.lastSeen.UTC(), CreatedAt: a.created.UTC(), McpEnabled: nonEmpty(a.mcp),
	}
}

func (a *agent) summary() gen.AgentIndex {
	return gen.AgentIndex{
		AgentId: a.id, Name: a.name, TenantId: fakeTenant, ProjectId: a.projectID,
		OwnerUserId: a.ownerID, OwnerDisplayName: a.owner, InstanceCount: 1, IsActive: !a.settings.inactive,
		ProactiveMode: a.mode, LastSeenAt: a.lastSeen.UTC(), CreatedAt: a.created.UTC(), McpEnabled: nonEmpty(a.mcp),
	}
}

// nonEmpty is v, or nil when v is empty, so an empty list is left out.
func nonEmpty[T any](v []T) []T {
	if len(v) == 0 {
		return nil
	}
	return v
}

// categoryName is the display name of a memory category, or "" for a
// category without one.
func categoryName(category string) string {
	switch category {
	case "personal":
		return "Personal details"
	case "preference":
		return "Likes and dislikes"
	case "habit":
		return "Routines"
	case "event":
		return "Events and reminders"
	case "tool_result":
		return "Looked up with tools"
	case "seed":
		return "Seed memories"
	}
	return ""
}

func (a *agent) nodeToGen(n *memNode) gen.MemoryNode {
	name := categoryName(n.category)
	if name == "" {
		name = capitalize(strings.ReplaceAll(n.category, "_", " "))
	}
	var refs []string
	importance := 0.0
	for _, f := range a.facts {
		if f.nodeID == n.id {
			refs = append(refs, f.id)
			importance = max(importance, f.importance)
		}
	}
	owner := "agent"
	if n.userID != "" {
		owner = "users/" + n.userID
	}
	return gen.MemoryNode{
		NodeId: n.id, AgentId: a.id, UserId: n.userID, Path: "/" + owner + "/" + n.category,
		Name: name, Description: name + " remembered about " + userOr(n.userID) + ".", MemoryType: n.category,
		Depth: ptr2(int64(0)), ChildCount: ptr2(int64(0)), ContentCount: ptr2(int64(len(refs))),
		ContentRefs: list(refs), Importance: ptr2(importance), Recency: ptr2(1.0),
		AccessCount: ptr2(int64(0)), IsDeleted: ptr2(false), IsPrunable: ptr2(false),
		CreatedAt: n.created.UTC(), UpdatedAt: n.updated.UTC(),
	}
}

func (a *agent) factToGen(f *fact) gen.AtomicFact {
	confidence := 0.9
	if f.source == "tool_result" {
		confidence = 0.95
	}
	g := gen.AtomicFact{
		FactId: f.id, AgentId: a.id, UserId: f.userID, NodeId: f.nodeID, SessionId: f.sessionID,
		AtomicText: f.text, FactType: f.factType, Kind: "fact", SourceType: f.source,
		Sentiment: f.sentiment, Confidence: confidence, Importance: ptr2(f.importance),
		RetentionStrength: 1, MentionCount: f.mentions,
		LastConfirmed: f.updated.UTC(), LastRetrievedAt: f.updated.UTC(),
		CreatedAt: f.created.UTC(), UpdatedAt: f.updated.UTC(),
	}
	if len(f.entities) > 0 {
		g.Entities = f.entities
	}
	return g
}

func (a *agent) moodToGen(m *mood) gen.MoodState {
	base := a.peekMood("", m.created)
	return gen.MoodState{
		AgentId: a.id, UserId: m.userID, Label: moodLabel(m),
		Valence: round3(m.valence), Arousal: round3(m.arousal), Tension: round3(m.tension), Affiliation: round3(m.affiliation),
		BaselineValence: base.bValence, BaselineArousal: base.bArousal, BaselineTension: base.bTension,
		BaselineAffiliation: base.bAffiliation,
		UserBaselineValence: m.bValence, UserBaselineArousal: m.bArousal, UserBaselineTension: m.bTension,
		UserBaselineAffiliation: m.bAffiliation,
		LastInteractionAt:       m.updated.UTC(), LastDecayAt: m.updated.UTC(),
		CreatedAt: m.created.UTC(), UpdatedAt: m.updated.UTC(),
	}
}

// interestCategory is the category of an interest's topic: "general"
// unless the topic is a known one.
func interestCategory(topic string) string {
	switch topic {
	case "hiking", "running", "climbing", "camping", "cycling", "swimming":
		return "outdoors"
	case "cooking", "baking", "coffee":
		return "food"
	case "music", "painting", "reading", "movies":
		return "arts"
	case "astronomy":
		return "science"
	case "games", "chess":
		return "games"
	}
	return "general"
}

func (a *agent) interestToGen(in *interest) gen.Interest {
	category := interestCategory(in.topic)
	n := float64(in.mentions)
	return gen.Interest{
		AgentId: a.id, UserId: in.userID, Topic: in.topic, Category: category,
		Confidence: round3(min(0.95, 0.5+0.15*n)), EngagementLevel: round3(min(1, 0.3*n)),
		ResearchStatus: "not_started", MentionCount: in.mentions,
		LastMentionedAt: in.updated.UTC(), CreatedAt: in.created.UTC(), UpdatedAt: in.updated.UTC(),
	}
}

func (a *agent) habitToGen(h *habit, now time.Time) gen.Habit {
	daily := 0
	for _, t := range h.reinforced {
		if now.Sub(t) < 24*time.Hour {
			daily++
		}
	}
	g := gen.Habit{
		Id: h.id, AgentId: a.id, UserId: h.userID, Name: h.name, DisplayName: h.display,
		Category: h.category, Description: h.description, Strength: h.strength(), Formed: !h.formedAt.IsZero(),
		ObservationCount: h.observations, DailyReinforced: float64(daily),
		LastReinforcedAt: h.updated.UTC(), CreatedAt: h.created.UTC(), UpdatedAt: h.updated.UTC(),
	}
	if !h.formedAt.IsZero() {
		g.FormedAt = h.formedAt.UTC()
	}
	return g
}

func (n *notification) toGen(agentID string) gen.ProactiveNotificationEntry {
	g := gen.ProactiveNotificationEntry{
		MessageId: n.id, AgentId: agentID, UserId: n.userID, WakeupId: n.wakeupID, CheckType: n.checkType,
		Intent: n.intent, GeneratedMessage: n.message, Status: n.status, CreatedAt: rfc3339(n.created),
	}
	if !n.consumed.IsZero() {
		g.ConsumedAt = rfc3339(n.consumed)
	}
	return g
}
