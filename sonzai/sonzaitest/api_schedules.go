package sonzaitest

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// scheduleOf finds an agent's schedule with a user, or a 404.
func (st *state) scheduleOf(a *agent, userID, id string) (*schedule, error) {
	st.life.init()
	if sc, ok := st.life.schedules[id]; ok && sc.agentID == a.id && sc.userID == userID {
		return sc, nil
	}
	return nil, fail(http.StatusNotFound, "schedule %q not found", id)
}

func (h *api) ListSchedules(_ context.Context, req fakeserver.ListSchedulesRequestObject) (fakeserver.ListSchedulesResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	st.life.init()
	out := []gen.ScheduleDTO{}
	var list []*schedule
	for _, sc := range st.life.schedules {
		if sc.agentID == a.id && sc.userID == req.UserId {
			list = append(list, sc)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	for _, sc := range list {
		sc.refresh(now)
		out = append(out, sc.toGen())
	}
	return fakeserver.ListSchedules200JSONResponse{Schedules: out}, nil
}

func (h *api) CreateSchedule(_ context.Context, req fakeserver.CreateScheduleRequestObject) (fakeserver.CreateScheduleResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	cadence, cron, loc, err := readCadence(b.Cadence, "body.cadence")
	if err != nil {
		return nil, err
	}
	window, err := readWindow(b.ActiveWindow, "body.active_window")
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(b.Intent) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.intent", b.Intent, "a schedule needs an intent")
	}
	if strings.TrimSpace(b.CheckType) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.check_type", b.CheckType, "a schedule needs a check type")
	}
	starts, err := readRFC3339(b.StartsAt, "body.starts_at")
	if err != nil {
		return nil, err
	}
	ends, err := readRFC3339(b.EndsAt, "body.ends_at")
	if err != nil {
		return nil, err
	}
	if !starts.IsZero() && !ends.IsZero() && !ends.After(starts) {
		return nil, failAt(http.StatusUnprocessableEntity, "body.ends_at", b.EndsAt, "ends_at is not after starts_at")
	}
	anchor := starts
	if anchor.IsZero() {
		anchor = now
	}
	st.life.init()
	sc := &schedule{
		id: st.nextID("sched"), agentID: a.id, userID: req.UserId, cadence: cadence, cron: cron, loc: loc, window: window,
		intent: b.Intent, checkType: b.CheckType, invItem: b.InventoryItemId, metadata: b.Metadata, enabled: true,
		startsAt: starts, endsAt: ends, anchor: anchor, created: now, updated: now,
	}
	sc.refresh(now)
	st.life.schedules[sc.id] = sc
	return fakeserver.CreateSchedule200JSONResponse{
		ScheduleId: sc.id, Enabled: true, NextFireAt: optRFC3339(sc.nextFire), NextFireAtLocal: localTime(sc),
	}, nil
}

// localTime is the next fire time on the schedule's wall clock.
func localTime(sc *schedule) string {
	if sc.nextFire.IsZero() {
		return ""
	}
	return sc.nextFire.In(sc.loc).Format("2006-01-02T15:04:05-07:00")
}

func (h *api) GetSchedule(_ context.Context, req fakeserver.GetScheduleRequestObject) (fakeserver.GetScheduleResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	sc, err := st.scheduleOf(a, req.UserId, req.ScheduleId)
	if err != nil {
		return nil, err
	}
	sc.refresh(now)
	return fakeserver.GetSchedule200JSONResponse(sc.toGen()), nil
}

func (h *api) PatchSchedule(_ context.Context, req fakeserver.PatchScheduleRequestObject) (fakeserver.PatchScheduleResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	sc, err := st.scheduleOf(a, req.UserId, req.ScheduleId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	next := *sc
	recompute := false
	if b.Cadence != nil {
		if next.cadence, next.cron, next.loc, err = readCadence(*b.Cadence, "body.cadence"); err != nil {
			return nil, err
		}
		recompute = true
	}
	if b.ActiveWindow != nil {
		if next.window, err = readWindow(*b.ActiveWindow, "body.active_window"); err != nil {
			return nil, err
		}
		recompute = true
	}
	if b.Intent != nil {
		if strings.TrimSpace(*b.Intent) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.intent", *b.Intent, "a schedule needs an intent")
		}
		next.intent = *b.Intent
	}
	if b.CheckType != nil {
		if strings.TrimSpace(*b.CheckType) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.check_type", *b.CheckType, "a schedule needs a check type")
		}
		next.checkType = *b.CheckType
	}
	if b.Enabled != nil {
		next.enabled = *b.Enabled
	}
	if b.Metadata != nil {
		next.metadata = *b.Metadata
	}
	if b.StartsAt != nil {
		if next.startsAt, err = readRFC3339(*b.StartsAt, "body.starts_at"); err != nil {
			return nil, err
		}
		if !next.startsAt.IsZero() {
			next.anchor = next.startsAt
		}
		recompute = true
	}
	if b.EndsAt != nil {
		if next.endsAt, err = readRFC3339(*b.EndsAt, "body.ends_at"); err != nil {
			return nil, err
		}
	}
	if !next.startsAt.IsZero() && !next.endsAt.IsZero() && !next.endsAt.After(next.startsAt) {
		return nil, failAt(http.StatusUnprocessableEntity, "body.ends_at", deref(b.EndsAt), "ends_at is not after starts_at")
	}
	if recompute {
		next.nextFire = now
	}
	next.updated = now
	*sc = next
	sc.refresh(now)
	return fakeserver.PatchSchedule200JSONResponse(sc.toGen()), nil
}

func (h *api) DeleteSchedule(_ context.Context, req fakeserver.DeleteScheduleRequestObject) (fakeserver.DeleteScheduleResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	if sc, err := st.scheduleOf(a, req.UserId, req.ScheduleId); err == nil {
		delete(st.life.schedules, sc.id)
	}
	return fakeserver.DeleteSchedule204Response{}, nil
}

func (h *api) UpcomingSchedule(_ context.Context, req fakeserver.UpcomingScheduleRequestObject) (fakeserver.UpcomingScheduleResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	sc, err := st.scheduleOf(a, req.UserId, req.ScheduleId)
	if err != nil {
		return nil, err
	}
	n := 10
	if req.Params.Limit != nil {
		n = int(*req.Params.Limit)
	}
	out := []string{}
	for _, t := range sc.fireTimes(now, n) {
		out = append(out, rfc3339(t))
	}
	return fakeserver.UpcomingSchedule200JSONResponse{Upcoming: out}, nil
}
