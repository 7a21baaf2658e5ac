package sonzaitest

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The agent's inner life: goals, habits, mood overrides and wake-ups.
// Goals, habits and moods are the agent's own state (the same that
// conversations move and the context shows); the mood history and the
// wake-ups are in state.inner.

func (h *api) CreateGoal(_ context.Context, req fakeserver.CreateGoalRequestObject) (fakeserver.CreateGoalResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	g := gen.Goal{
		GoalId: st.nextID("goal"), AgentId: a.id, UserId: b.UserId, Type: b.Type, Title: b.Title,
		Description: b.Description, Priority: deref(b.Priority), Status: "active",
		RelatedTraits: b.RelatedTraits, CreatedAt: now.UTC(), UpdatedAt: now.UTC(),
	}
	if g.Type == "" {
		g.Type = "personal_growth"
	}
	a.goals = append(a.goals, g)
	return fakeserver.CreateGoal200JSONResponse(g), nil
}

// goalAt finds a goal by id, a 404 when the agent has none by that id.
func (a *agent) goalAt(goalID string) (int, error) {
	i := slices.IndexFunc(a.goals, func(g gen.Goal) bool { return g.GoalId == goalID })
	if i < 0 {
		return 0, fail(http.StatusNotFound, "goal %q not found", goalID)
	}
	return i, nil
}

func (h *api) UpdateGoal(_ context.Context, req fakeserver.UpdateGoalRequestObject) (fakeserver.UpdateGoalResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	i, err := a.goalAt(req.GoalId)
	if err != nil {
		return nil, err
	}
	g, b := &a.goals[i], req.Body
	if b.Title != nil {
		g.Title = *b.Title
	}
	if b.Description != nil {
		g.Description = *b.Description
	}
	if b.Priority != nil {
		g.Priority = *b.Priority
	}
	if b.RelatedTraits != nil {
		g.RelatedTraits = *b.RelatedTraits
	}
	if b.Status != nil {
		if *b.Status == "achieved" && g.Status != "achieved" {
			g.AchievedAt = now.UTC()
		}
		g.Status = *b.Status
	}
	g.UpdatedAt = now.UTC()
	return fakeserver.UpdateGoal200JSONResponse(*g), nil
}

func (h *api) DeleteGoal(_ context.Context, req fakeserver.DeleteGoalRequestObject) (fakeserver.DeleteGoalResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	i, err := a.goalAt(req.GoalId)
	if err != nil {
		return nil, err
	}
	a.goals = slices.Delete(a.goals, i, i+1)
	return fakeserver.DeleteGoal204Response{}, nil
}

func (h *api) ListBreakthroughs(_ context.Context, req fakeserver.ListBreakthroughsRequestObject) (fakeserver.ListBreakthroughsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	if _, err := st.agentRef(req.AgentId); err != nil {
		return nil, err
	}
	// The fake's agents do not level up, so they reach no breakthroughs.
	return fakeserver.ListBreakthroughs200JSONResponse{Breakthroughs: []gen.Breakthrough{}}, nil
}

// habitNamed finds the habit by name (and user, when one is given).
func (a *agent) habitNamed(name, userID string) (int, error) {
	i := slices.IndexFunc(a.habits, func(x *habit) bool { return x.name == name && (userID == "" || x.userID == userID) })
	if i < 0 {
		return 0, fail(http.StatusNotFound, "habit %q not found", name)
	}
	return i, nil
}

func (h *api) CreateHabit(_ context.Context, req fakeserver.CreateHabitRequestObject) (fakeserver.CreateHabitResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if _, err := a.habitNamed(b.Name, b.UserId); err == nil {
		return nil, failAt(http.StatusConflict, "body.name", b.Name, "a habit named %q already exists; update it instead", b.Name)
	}
	x := &habit{
		id: st.nextID("habit"), userID: b.UserId, name: b.Name, display: b.DisplayName,
		category: b.Category, description: b.Description, setStrength: b.Strength,
		created: now, updated: now,
	}
	if x.display == "" {
		x.display = x.name
	}
	a.habits = append(a.habits, x)
	return fakeserver.CreateHabit200JSONResponse(a.habitToGen(x, now)), nil
}

func (h *api) UpdateHabit(_ context.Context, req fakeserver.UpdateHabitRequestObject) (fakeserver.UpdateHabitResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	i, err := a.habitNamed(req.HabitName, deref(b.UserId))
	if err != nil {
		return nil, err
	}
	x := a.habits[i]
	if b.DisplayName != nil {
		x.display = *b.DisplayName
	}
	if b.Category != nil {
		x.category = *b.Category
	}
	if b.Description != nil {
		x.description = *b.Description
	}
	if b.Strength != nil {
		x.setStrength = ptr2(*b.Strength)
	}
	x.updated = now
	return fakeserver.UpdateHabit200JSONResponse(a.habitToGen(x, now)), nil
}

func (h *api) DeleteHabit(_ context.Context, req fakeserver.DeleteHabitRequestObject) (fakeserver.DeleteHabitResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	i, err := a.habitNamed(req.HabitName, deref(req.Params.UserId))
	if err != nil {
		return nil, err
	}
	a.habits = slices.Delete(a.habits, i, i+1)
	return fakeserver.DeleteHabit204Response{}, nil
}

func (h *api) UpdateMood(_ context.Context, req fakeserver.UpdateMoodRequestObject) (fakeserver.UpdateMoodResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	userID, b := deref(req.Params.UserId), req.Body
	m := a.moodOf(userID, now)
	e := gen.MoodHistoryEntry{
		Valence: b.Valence, Arousal: b.Arousal, Tension: b.Tension, Affiliation: b.Affiliation,
		DeltaValence: ptr2(round3(b.Valence - m.valence)), DeltaArousal: ptr2(round3(b.Arousal - m.arousal)),
		DeltaTension: ptr2(round3(b.Tension - m.tension)), DeltaAffiliation: ptr2(round3(b.Affiliation - m.affiliation)),
		Timestamp: rfc3339(now), TriggerType: "override", TriggerReason: "set through the API",
	}
	m.valence, m.arousal, m.tension, m.affiliation = b.Valence, b.Arousal, b.Tension, b.Affiliation
	m.updated = now
	e.Label = moodLabel(m)
	st.inner.recordMood(a.id, userID, e)
	return fakeserver.UpdateMood200JSONResponse{Mood: a.moodToGen(m)}, nil
}

func (h *api) GetMoodHistory(_ context.Context, req fakeserver.GetMoodHistoryRequestObject) (fakeserver.GetMoodHistoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	limit := deref(req.Params.Limit)
	if limit <= 0 {
		limit = 50
	}
	all := st.inner.moodHistory[moodKey(a.id, deref(req.Params.UserId))]
	entries := []gen.MoodHistoryEntry{}
	for i := len(all) - 1; i >= 0 && int64(len(entries)) < limit; i-- { // newest first
		entries = append(entries, all[i])
	}
	return fakeserver.GetMoodHistory200JSONResponse{Entries: entries}, nil
}

func (h *api) GetMoodAggregate(_ context.Context, req fakeserver.GetMoodAggregateRequestObject) (fakeserver.GetMoodAggregateResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	days := deref(req.Params.Days)
	if days <= 0 {
		days = 5
	}
	since := now.Add(-time.Duration(days) * 24 * time.Hour)
	var sum mood
	var n int64
	for userID, m := range a.moods {
		if userID != "" && !m.updated.Before(since) {
			sum.valence += m.valence
			sum.arousal += m.arousal
			sum.tension += m.tension
			sum.affiliation += m.affiliation
			n++
		}
	}
	if n == 0 { // no user's mood moved in the window: the agent's own mood
		sum = *a.peekMood("", now)
	} else {
		d := float64(n)
		sum.valence, sum.arousal, sum.tension, sum.affiliation = sum.valence/d, sum.arousal/d, sum.tension/d, sum.affiliation/d
	}
	return fakeserver.GetMoodAggregate200JSONResponse{
		Valence: round3(sum.valence), Arousal: round3(sum.arousal), Tension: round3(sum.tension),
		Affiliation: round3(sum.affiliation), Label: moodLabel(&sum), UserCount: n, DaysWindow: days,
	}, nil
}

func (h *api) ScheduleWakeup(_ context.Context, req fakeserver.ScheduleWakeupRequestObject) (fakeserver.ScheduleWakeupResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	at := now.Add(time.Duration(b.DelayHours) * time.Hour)
	switch {
	case b.DelayHours < 0:
		return nil, failAt(http.StatusUnprocessableEntity, "body.delay_hours", b.DelayHours, "must not be negative")
	case b.ScheduledAt != "":
		t, err := time.Parse(time.RFC3339, b.ScheduledAt)
		if err != nil {
			return nil, failAt(http.StatusUnprocessableEntity, "body.scheduled_at", b.ScheduledAt, "not an RFC 3339 time")
		}
		at = t
	}
	w := &wakeup{
		id: st.nextID("wakeup"), userID: b.UserId, checkType: b.CheckType, intent: b.Intent,
		occasion: b.Occasion, interestTopic: b.InterestTopic, description: b.EventDescription,
		at: at, created: now,
	}
	st.inner.schedule(a.id, w)
	return fakeserver.ScheduleWakeup200JSONResponse{WakeupId: w.id, ScheduledAt: rfc3339(w.at)}, nil
}

func (h *api) ListWakeups(_ context.Context, req fakeserver.ListWakeupsRequestObject) (fakeserver.ListWakeupsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	limit := deref(req.Params.Limit)
	if limit <= 0 {
		limit = 50
	}
	all := slices.Clone(st.inner.wakeups[a.id])
	slices.SortStableFunc(all, func(x, y *wakeup) int { return x.at.Compare(y.at) })
	out := []gen.WakeupEntry{}
	for _, w := range all {
		if int64(len(out)) == limit {
			break
		}
		if s := req.Params.Status; s == nil || *s == w.status(now) {
			out = append(out, w.toGen(a.id, now))
		}
	}
	return fakeserver.ListWakeups200JSONResponse{Wakeups: out}, nil
}
