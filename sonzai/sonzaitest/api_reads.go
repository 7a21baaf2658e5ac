package sonzaitest

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// truthy reads the contract's string flags (include_contents, ...).
func truthy(p *string) bool {
	switch strings.ToLower(deref(p)) {
	case "true", "1", "yes":
		return true
	}
	return false
}

func limitOr(p *int64, def int) int {
	if p == nil {
		return def
	}
	return int(max(*p, 0))
}

func (h *api) GetMemoryTree(_ context.Context, req fakeserver.GetMemoryTreeRequestObject) (fakeserver.GetMemoryTreeResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	nodes := []gen.MemoryNode{}
	contents := map[string]*[]gen.AtomicFact{}
	limit := limitOr(p.Limit, 50)
	// The tree is one level deep: a node per user and kind of fact. A
	// parent_id therefore has no children.
	if p.ParentId == nil {
		for _, n := range a.nodes {
			if len(nodes) == limit {
				break
			}
			if p.UserId != nil && n.userID != *p.UserId || p.MemoryType != nil && n.category != *p.MemoryType {
				continue
			}
			nodes = append(nodes, a.nodeToGen(n))
			if truthy(p.IncludeContents) {
				facts := []gen.AtomicFact{}
				for _, f := range a.facts {
					if f.nodeID == n.id {
						facts = append(facts, a.factToGen(f))
					}
				}
				contents[n.id] = &facts
			}
		}
	}
	out := fakeserver.GetMemoryTree200JSONResponse{Nodes: nodes}
	if truthy(p.IncludeContents) {
		out.Contents = contents
	}
	return out, nil
}

func (h *api) SearchMemories(_ context.Context, req fakeserver.SearchMemoriesRequestObject) (fakeserver.SearchMemoriesResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	if strings.TrimSpace(p.Q) == "" {
		return nil, failAt(http.StatusBadRequest, "query.q", p.Q, "say what to look for")
	}
	type hit struct {
		f     *fact
		score float64
	}
	var hits []hit
	for _, f := range a.facts {
		if p.UserId != nil && f.userID != *p.UserId {
			continue
		}
		if score := st.extractor.relevance(p.Q, f.text); score > 0 {
			hits = append(hits, hit{f, score})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].f.updated.After(hits[j].f.updated)
	})
	results := []gen.SearchResult{}
	for _, x := range hits {
		if len(results) == limitOr(p.Limit, 20) {
			break
		}
		results = append(results, gen.SearchResult{FactId: x.f.id, Content: x.f.text, FactType: x.f.factType,
			Score: x.score, SessionId: x.f.sessionID})
	}
	return fakeserver.SearchMemories200JSONResponse{Results: results}, nil
}

func (h *api) GetPersonality(_ context.Context, req fakeserver.GetPersonalityRequestObject) (fakeserver.GetPersonalityResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	var since time.Time
	if s := deref(p.Since); s != "" {
		if since, err = time.Parse(time.RFC3339, s); err != nil {
			return nil, failAt(http.StatusBadRequest, "query.since", s, "not an RFC 3339 time")
		}
	}
	evolution := []gen.PersonalityDelta{}
	for _, d := range a.evolution {
		if d.Timestamp.After(since) {
			evolution = append(evolution, d)
		}
	}
	if n := limitOr(p.HistoryLimit, 200); len(evolution) > n {
		evolution = evolution[len(evolution)-n:]
	}
	profile := gen.PersonalityProfile{
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
	return fakeserver.GetPersonality200JSONResponse{Profile: profile, Evolution: evolution}, nil
}

func (h *api) GetRecentShifts(_ context.Context, req fakeserver.GetRecentShiftsRequestObject) (fakeserver.GetRecentShiftsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetRecentShifts200JSONResponse{Shifts: list(a.shifts(now))}, nil
}

func (h *api) GetSignificantMoments(_ context.Context, req fakeserver.GetSignificantMomentsRequestObject) (fakeserver.GetSignificantMomentsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	moments := list(a.moments)
	if n := limitOr(req.Params.Limit, 20); len(moments) > n {
		moments = moments[len(moments)-n:]
	}
	return fakeserver.GetSignificantMoments200JSONResponse{Moments: append([]gen.SignificantMoment{}, moments...)}, nil
}

func (h *api) GetMood(_ context.Context, req fakeserver.GetMoodRequestObject) (fakeserver.GetMoodResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetMood200JSONResponse{Mood: a.moodToGen(a.peekMood(deref(req.Params.UserId), now))}, nil
}

func (h *api) ListGoals(_ context.Context, req fakeserver.ListGoalsRequestObject) (fakeserver.ListGoalsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.ListGoals200JSONResponse{Goals: list(a.goalsFor(deref(req.Params.UserId)))}, nil
}

func (h *api) ListHabits(_ context.Context, req fakeserver.ListHabitsRequestObject) (fakeserver.ListHabitsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	habits := []gen.Habit{}
	for _, x := range a.habits {
		if u := req.Params.UserId; u == nil || *u == x.userID {
			habits = append(habits, a.habitToGen(x, now))
		}
	}
	return fakeserver.ListHabits200JSONResponse{Habits: habits}, nil
}

func (h *api) GetInterests(_ context.Context, req fakeserver.GetInterestsRequestObject) (fakeserver.GetInterestsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	interests := []gen.Interest{}
	for _, in := range a.interests {
		if u := req.Params.UserId; u == nil || *u == in.userID {
			interests = append(interests, a.interestToGen(in))
		}
	}
	return fakeserver.GetInterests200JSONResponse{Interests: interests}, nil
}

func (h *api) GetRelationships(_ context.Context, req fakeserver.GetRelationshipsRequestObject) (fakeserver.GetRelationshipsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	users := make([]string, 0, len(a.rels))
	for u := range a.rels {
		users = append(users, u)
	}
	sort.Strings(users)
	rels := []gen.RelationshipEntry{}
	for _, u := range users {
		r := a.rels[u]
		rels = append(rels, gen.RelationshipEntry{UserId: u, LoveScore: r.love, ChemistryScore: ptr2(r.chemistry),
			Narrative: r.narrative, UpdatedAt: rfc3339(r.updated)})
	}
	return fakeserver.GetRelationships200JSONResponse{Relationships: rels}, nil
}

func (h *api) ListNotifications(_ context.Context, req fakeserver.ListNotificationsRequestObject) (fakeserver.ListNotificationsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	notes := []gen.ProactiveNotificationEntry{}
	for _, n := range a.notes {
		if len(notes) == limitOr(p.Limit, 50) {
			break
		}
		if p.Status != nil && *p.Status != n.status || p.UserId != nil && *p.UserId != n.userID {
			continue
		}
		notes = append(notes, n.toGen(a.id))
	}
	return fakeserver.ListNotifications200JSONResponse{Notifications: notes}, nil
}

// ConsumeNotification marks a notification consumed. Consuming it again is
// a 409 Conflict; an unknown id is a 404.
func (h *api) ConsumeNotification(_ context.Context, req fakeserver.ConsumeNotificationRequestObject) (fakeserver.ConsumeNotificationResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	for _, n := range a.notes {
		if n.id != req.MessageId {
			continue
		}
		if n.status == "consumed" {
			return nil, fail(http.StatusConflict, "notification %q was already consumed at %s", n.id, rfc3339(n.consumed))
		}
		n.status, n.consumed = "consumed", now
		return fakeserver.ConsumeNotification200JSONResponse{Success: true}, nil
	}
	return nil, fail(http.StatusNotFound, "no notification %q for agent %q", req.MessageId, a.id)
}
