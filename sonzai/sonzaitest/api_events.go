package sonzaitest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// TriggerBackendEvent accepts an event at once and processes it as
// background work on the fake's clock: when the work finishes, the agent
// has written a diary entry about it.
func (h *api) TriggerBackendEvent(_ context.Context, req fakeserver.TriggerBackendEventRequestObject) (fakeserver.TriggerBackendEventResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if strings.TrimSpace(b.UserId) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.user_id", b.UserId, "an event needs a user")
	}
	if strings.TrimSpace(b.EventType) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.event_type", b.EventType, "an event needs a type")
	}
	ev := backendEvent{id: st.nextID("event"), agentID: a.id, userID: b.UserId, instanceID: b.InstanceId,
		eventType: b.EventType, description: b.EventDescription, at: now}
	st.life.events = append(st.life.events, ev)
	st.newJob("eventjob", a.id, "", now, false, "", func(at time.Time) {
		what := ev.description
		if what == "" {
			what = "a " + strings.ReplaceAll(ev.eventType, "_", " ")
		}
		st.life.diary = append(st.life.diary, &diaryEntry{
			id: st.nextID("diary"), agentID: a.id, userID: ev.userID, instanceID: ev.instanceID, date: at.UTC().Format(time.DateOnly),
			title:   fmt.Sprintf("%s and %s", a.name, ev.userID),
			content: fmt.Sprintf("Today %s told me about %s. I'm glad they shared it with me.", ev.userID, what),
			mood:    "cheerful", trigger: ev.eventType, topics: []string{ev.eventType}, created: at,
		})
	})
	return fakeserver.TriggerBackendEvent200JSONResponse{Accepted: true, EventId: ev.id}, nil
}

func (e *diaryEntry) toGen() gen.DiaryEntry {
	return gen.DiaryEntry{
		EntryId: e.id, AgentId: e.agentID, UserId: e.userID, Date: e.date, Title: e.title, Content: e.content,
		BodyLines: strings.Split(e.content, "\n"), Mood: e.mood, Topics: e.topics, Tags: []string{e.trigger},
		TriggerType: e.trigger, CreatedAt: e.created.UTC(),
	}
}

func (h *api) GetDiary(_ context.Context, req fakeserver.GetDiaryRequestObject) (fakeserver.GetDiaryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	if p.Date != nil && p.Limit != nil {
		return nil, failAt(http.StatusUnprocessableEntity, "query.limit", *p.Limit, "date and limit cannot be used together")
	}
	limit := 30
	if p.Limit != nil {
		n, err := strconv.Atoi(*p.Limit)
		if err != nil || n < 1 || n > 100 {
			return nil, failAt(http.StatusUnprocessableEntity, "query.limit", *p.Limit, "the limit is a number from 1 to 100")
		}
		limit = n
	}
	if p.Date != nil {
		if _, err := time.Parse(time.DateOnly, *p.Date); err != nil {
			return nil, failAt(http.StatusUnprocessableEntity, "query.date", *p.Date, "not a date (YYYY-MM-DD)")
		}
	}
	var match []*diaryEntry
	for i := len(st.life.diary) - 1; i >= 0; i-- { // newest first
		e := st.life.diary[i]
		if e.agentID != a.id || p.UserId != nil && *p.UserId != e.userID || e.instanceID != deref(p.InstanceId) ||
			p.Date != nil && *p.Date != e.date {
			continue
		}
		match = append(match, e)
	}
	if p.Date != nil {
		if len(match) == 0 {
			return fakeserver.GetDiary200JSONResponse{}, nil
		}
		return fakeserver.GetDiary200JSONResponse{Entry: match[0].toGen()}, nil
	}
	out := []gen.DiaryEntry{}
	for _, e := range match[:min(limit, len(match))] {
		out = append(out, e.toGen())
	}
	return fakeserver.GetDiary200JSONResponse{Entries: out}, nil
}
