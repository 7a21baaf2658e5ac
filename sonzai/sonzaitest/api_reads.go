package sonzaitest

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
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

func (h *api) GetMemoryTree(_ context.Context, req gen.GetMemoryTreeRequestObject) (gen.GetMemoryTreeResponseObject, error) {
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
	out := gen.GetMemoryTree200JSONResponse{Nodes: &nodes}
	if truthy(p.IncludeContents) {
		out.Contents = &contents
	}
	return out, nil
}

func (h *api) SearchMemories(_ context.Context, req gen.SearchMemoriesRequestObject) (gen.SearchMemoriesResponseObject, error) {
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
	results := []gen.MemorySearchHit{}
	for _, x := range hits {
		if len(results) == limitOr(p.Limit, 20) {
			break
		}
		results = append(results, gen.MemorySearchHit{FactId: x.f.id, Content: x.f.text, FactType: x.f.factType,
			Score: x.score, SessionId: opt(x.f.sessionID)})
	}
	return gen.SearchMemories200JSONResponse{Results: &results}, nil
}

func (h *api) GetPersonality(_ context.Context, req gen.GetPersonalityRequestObject) (gen.GetPersonalityResponseObject, error) {
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
		AgentId: a.id, Name: a.name, Gender: a.gender, Bio: opt(a.bio), AvatarUrl: opt(a.avatarURL),
		PersonalityPrompt: opt(a.prompt), SpeechPatterns: ptr2(list(a.speech)),
		TrueInterests: ptr2(list(a.trueInterests)), TrueDislikes: ptr2(list(a.dislikes)),
		PrimaryTraits: ptr2(list(a.traits)), Temperature: a.temperature,
		Big5: a.big5, Dimensions: a.dims, Preferences: a.prefs, Behaviors: a.behaviors,
		EmotionalTendencies: &map[string]float64{
			"joy": round3(0.5 + a.dims.Enthusiasm/2), "calm": round3(1 - a.dims.Volatility), "empathy": a.dims.Compassion,
		},
		CreatedAt: rfc3339(a.created),
	}
	return gen.GetPersonality200JSONResponse{Profile: profile, Evolution: &evolution}, nil
}

func (h *api) GetRecentShifts(_ context.Context, req gen.GetRecentShiftsRequestObject) (gen.GetRecentShiftsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return gen.GetRecentShifts200JSONResponse{Shifts: ptr2(list(a.shifts(now)))}, nil
}

func (h *api) GetSignificantMoments(_ context.Context, req gen.GetSignificantMomentsRequestObject) (gen.GetSignificantMomentsResponseObject, error) {
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
	return gen.GetSignificantMoments200JSONResponse{Moments: ptr2(append([]gen.SignificantMoment{}, moments...))}, nil
}

func (h *api) GetMood(_ context.Context, req gen.GetMoodRequestObject) (gen.GetMoodResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return gen.GetMood200JSONResponse{Mood: a.moodToGen(a.peekMood(deref(req.Params.UserId), now))}, nil
}

func (h *api) ListGoals(_ context.Context, req gen.ListGoalsRequestObject) (gen.ListGoalsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return gen.ListGoals200JSONResponse{Goals: ptr2(list(a.goalsFor(deref(req.Params.UserId))))}, nil
}

func (h *api) ListHabits(_ context.Context, req gen.ListHabitsRequestObject) (gen.ListHabitsResponseObject, error) {
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
	return gen.ListHabits200JSONResponse{Habits: &habits}, nil
}

func (h *api) GetInterests(_ context.Context, req gen.GetInterestsRequestObject) (gen.GetInterestsResponseObject, error) {
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
	return gen.GetInterests200JSONResponse{Interests: &interests}, nil
}

func (h *api) GetRelationships(_ context.Context, req gen.GetRelationshipsRequestObject) (gen.GetRelationshipsResponseObject, error) {
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
	rels := []gen.Relationship{}
	for _, u := range users {
		r := a.rels[u]
		rels = append(rels, gen.Relationship{UserId: u, LoveScore: r.love, ChemistryScore: ptr2(r.chemistry),
			Narrative: opt(r.narrative), UpdatedAt: ptr2(rfc3339(r.updated))})
	}
	return gen.GetRelationships200JSONResponse{Relationships: &rels}, nil
}

func (h *api) ListNotifications(_ context.Context, req gen.ListNotificationsRequestObject) (gen.ListNotificationsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	notes := []gen.Notification{}
	for _, n := range a.notes {
		if len(notes) == limitOr(p.Limit, 50) {
			break
		}
		if p.Status != nil && *p.Status != n.status || p.UserId != nil && *p.UserId != n.userID {
			continue
		}
		notes = append(notes, n.toGen(a.id))
	}
	return gen.ListNotifications200JSONResponse{Notifications: &notes}, nil
}

// ConsumeNotification marks a notification consumed. Consuming it again is
// a 409 Conflict; an unknown id is a 404.
func (h *api) ConsumeNotification(_ context.Context, req gen.ConsumeNotificationRequestObject) (gen.ConsumeNotificationResponseObject, error) {
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
		return gen.ConsumeNotification200JSONResponse{Success: true}, nil
	}
	return nil, fail(http.StatusNotFound, "no notification %q for agent %q", req.MessageId, a.id)
}
