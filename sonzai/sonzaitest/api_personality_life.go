package sonzaitest

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// personalityProfileOf is the agent's profile as getPersonality shows it.
func personalityProfileOf(a *agent) gen.PersonalityProfile {
	return gen.PersonalityProfile{
		AgentId: a.id, Name: a.name, Gender: a.gender, Bio: a.bio, AvatarUrl: a.avatarURL,
		PersonalityPrompt: a.prompt, SpeechPatterns: list(a.speech),
		TrueInterests: list(a.trueInterests), TrueDislikes: list(a.dislikes),
		PrimaryTraits: list(a.traits), Temperature: a.temperature,
		Big5: a.big5, Dimensions: a.dims, Preferences: a.prefs, Behaviors: a.behaviors,
		EmotionalTendencies: map[string]float64{
			"joy": round3(0.5 + a.dims.Enthusiasm/2), "calm": round3(1 - a.dims.Volatility), "empathy": a.dims.Compassion,
		},
		CreatedAt: rfc3339(a.created),
	}
}

func (h *api) BatchGetPersonalities(_ context.Context, req fakeserver.BatchGetPersonalitiesRequestObject) (fakeserver.BatchGetPersonalitiesResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	ids := req.Body.AgentIds
	if len(ids) > 50 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.agent_ids", len(ids), "at most 50 agents per request")
	}
	out := map[string]gen.BatchPersonalityEntry{}
	for _, id := range ids {
		if a, ok := st.agents[id]; ok {
			out[id] = gen.BatchPersonalityEntry{Profile: personalityProfileOf(a), EvolutionCount: int64(len(a.evolution))}
		}
	}
	return fakeserver.BatchGetPersonalities200JSONResponse{Personalities: out}, nil
}

// UpdatePersonality replaces the scores a body sets and records each
// change in the evolution; Big Five scores without dimensions re-derive
// the dimensions, two aspects from each trait.
func (h *api) UpdatePersonality(_ context.Context, req fakeserver.UpdatePersonalityRequestObject) (fakeserver.UpdatePersonalityResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.Big5 == nil && b.Dimensions == nil {
		return nil, failAt(http.StatusUnprocessableEntity, "body", nil, "set big5, dimensions or both")
	}
	record := func(category, name string, old, next float64) {
		if old == next {
			return
		}
		a.evolution = append(a.evolution, gen.PersonalityDelta{
			TraitCategory: category, TraitName: name, OldValue: old, NewValue: next, Delta: round3(next - old),
			TriggerType: "manual_update", Timestamp: now, Reasoning: "Set through the API.",
		})
	}
	if s := b.Big5; s != nil {
		for _, t := range []struct {
			name  string
			trait *gen.Big5Trait
			v     float64
		}{{"openness", &a.big5.Openness, s.Openness}, {"conscientiousness", &a.big5.Conscientiousness, s.Conscientiousness},
			{"extraversion", &a.big5.Extraversion, s.Extraversion}, {"agreeableness", &a.big5.Agreeableness, s.Agreeableness},
			{"neuroticism", &a.big5.Neuroticism, s.Neuroticism}} {
			record("big5", t.name, t.trait.Score, t.v)
			t.trait.Score, t.trait.Level = t.v, big5Level(t.v)
		}
	}
	dims := b.Dimensions
	if dims == nil && b.Big5 != nil {
		s := b.Big5
		dims = &gen.DimensionsInput{Intellect: s.Openness, Aesthetic: s.Openness, Industriousness: s.Conscientiousness,
			Orderliness: s.Conscientiousness, Enthusiasm: s.Extraversion, Assertiveness: s.Extraversion,
			Compassion: s.Agreeableness, Politeness: s.Agreeableness, Withdrawal: s.Neuroticism, Volatility: s.Neuroticism}
	}
	if dims != nil {
		next := gen.PersonalityDimensions(*dims)
		old := a.dims
		for _, d := range []struct {
			name      string
			old, next float64
		}{{"intellect", old.Intellect, next.Intellect}, {"aesthetic", old.Aesthetic, next.Aesthetic},
			{"industriousness", old.Industriousness, next.Industriousness}, {"orderliness", old.Orderliness, next.Orderliness},
			{"enthusiasm", old.Enthusiasm, next.Enthusiasm}, {"assertiveness", old.Assertiveness, next.Assertiveness},
			{"compassion", old.Compassion, next.Compassion}, {"politeness", old.Politeness, next.Politeness},
			{"withdrawal", old.Withdrawal, next.Withdrawal}, {"volatility", old.Volatility, next.Volatility}} {
			record("dimensions", d.name, d.old, d.next)
		}
		a.dims = next
	}
	return fakeserver.UpdatePersonality200JSONResponse{Success: true}, nil
}

// overlayOf is how the agent shows itself to a user: its base personality,
// formed by the user's share of the evolution (nil when there is none).
func overlayOf(a *agent, userID string) *gen.UserOverlayResponse {
	var first, last time.Time
	for _, d := range a.evolution {
		if d.UserId != userID {
			continue
		}
		if first.IsZero() {
			first = d.Timestamp
		}
		last = d.Timestamp
	}
	if first.IsZero() {
		return nil
	}
	return &gen.UserOverlayResponse{
		AgentId: a.id, UserId: userID, Big5: a.big5, Dimensions: a.dims, Preferences: a.prefs, Behaviors: a.behaviors,
		PrimaryTraits: list(a.traits), CreatedAt: rfc3339(first), UpdatedAt: rfc3339(last),
	}
}

func (h *api) ListUserOverlays(_ context.Context, req fakeserver.ListUserOverlaysRequestObject) (fakeserver.ListUserOverlaysResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var users []string
	for _, d := range a.evolution {
		if d.UserId != "" && !seen[d.UserId] {
			seen[d.UserId] = true
			users = append(users, d.UserId)
		}
	}
	sort.Strings(users)
	out := []gen.UserOverlayResponse{}
	for _, u := range users {
		out = append(out, *overlayOf(a, u))
	}
	return fakeserver.ListUserOverlays200JSONResponse{Overlays: out}, nil
}

func (h *api) GetUserPersonalityOverlay(_ context.Context, req fakeserver.GetUserPersonalityOverlayRequestObject) (fakeserver.GetUserPersonalityOverlayResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	var since time.Time
	if s := deref(req.Params.Since); s != "" {
		if since, err = time.Parse(time.DateOnly, s); err != nil {
			return nil, failAt(http.StatusUnprocessableEntity, "query.since", s, "not a date (YYYY-MM-DD)")
		}
	}
	o := overlayOf(a, req.UserId)
	if o == nil {
		return nil, fail(http.StatusNotFound, "no personality overlay for user %q", req.UserId)
	}
	evolution := []gen.PersonalityDelta{}
	for _, d := range a.evolution {
		if d.UserId == req.UserId && !d.Timestamp.Before(since) {
			evolution = append(evolution, d)
		}
	}
	return fakeserver.GetUserPersonalityOverlay200JSONResponse{Overlay: *o, Base: personalityProfileOf(a), Evolution: evolution}, nil
}

// GetTimeMachine undoes the Big Five changes made after the requested
// moment; the mood is the last recorded override of the agent's overall
// mood before it, or its mood now.
func (h *api) GetTimeMachine(_ context.Context, req fakeserver.GetTimeMachineRequestObject) (fakeserver.GetTimeMachineResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	at, err := time.Parse(time.RFC3339, req.Params.At)
	if err != nil {
		return nil, failAt(http.StatusUnprocessableEntity, "query.at", req.Params.At, "not an RFC 3339 time")
	}
	then := a.big5
	traits := map[string]*gen.Big5Trait{"openness": &then.Openness, "conscientiousness": &then.Conscientiousness,
		"extraversion": &then.Extraversion, "agreeableness": &then.Agreeableness, "neuroticism": &then.Neuroticism}
	events := []gen.PersonalityDelta{}
	for i := len(a.evolution) - 1; i >= 0; i-- {
		d := a.evolution[i]
		if !d.Timestamp.After(at) {
			continue
		}
		if t, ok := traits[d.TraitName]; ok && d.TraitCategory == "big5" {
			t.Score, t.Level = d.OldValue, big5Level(d.OldValue)
		}
	}
	for _, d := range a.evolution {
		if !d.Timestamp.After(at) {
			events = append(events, d)
		}
	}
	m := a.moodOf("", now)
	mood := gen.TimeMachineMoodSnapshot{Valence: m.valence, Arousal: m.arousal, Tension: m.tension, Affiliation: m.affiliation, Label: moodLabel(m)}
	for _, e := range st.inner.moodHistory[moodKey(a.id, "")] {
		if ts, err := time.Parse(time.RFC3339Nano, e.Timestamp); err == nil && !ts.After(at) {
			mood = gen.TimeMachineMoodSnapshot{Valence: e.Valence, Arousal: e.Arousal, Tension: e.Tension, Affiliation: e.Affiliation, Label: e.Label}
		}
	}
	return fakeserver.GetTimeMachine200JSONResponse{
		PersonalityAt: then, CurrentPersonality: a.big5, EvolutionEvents: events, MoodAt: mood, RequestedAt: rfc3339(at),
	}, nil
}
