package sonzaitest

import (
	"context"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// ProjectEvent is a notification for Server.NotifyProject to raise.
type ProjectEvent struct {
	// ProjectID is the project it is for; empty means the fake's own
	// project, the one its API key belongs to.
	ProjectID string
	// EventType says what happened, e.g. "proactive_message". Required.
	EventType string
	// AgentID and UserID say which agent and user it concerns, if any.
	AgentID, UserID string
	// Payload is the event's data; it is sent as JSON.
	Payload any
}

// ProjectID is the id of the project the fake's API key belongs to.
const ProjectID = fakeProject

// NotifyProject raises a project notification, as the platform does when
// something happens that a project has to pick up, and returns its id. It
// is listed by listProjectNotifications until acknowledged.
func (s *Server) NotifyProject(e ProjectEvent) string {
	st := s.st
	now, unlock := st.lock()
	defer unlock()
	if e.ProjectID == "" {
		e.ProjectID = fakeProject
	}
	if e.Payload == nil {
		e.Payload = map[string]any{}
	}
	n := &projectNote{id: st.nextID("notif"), projectID: e.ProjectID, agentID: e.AgentID, userID: e.UserID,
		eventType: e.EventType, payload: e.Payload, created: now}
	st.life.projectNotes = append(st.life.projectNotes, n)
	return n.id
}

func (n *projectNote) toGen() gen.Notification {
	status := "pending"
	if n.acknowledged {
		status = "acknowledged"
	}
	return gen.Notification{
		NotificationId: n.id, ProjectId: n.projectID, AgentId: n.agentID, UserId: n.userID, EventType: n.eventType,
		Payload: n.payload, Status: status, CreatedAt: n.created.UTC(), AcknowledgedAt: n.ackAt.UTC(),
	}
}

// pendingNotes are a project's pending notifications that the filters match.
func (st *state) pendingNotes(projectID string, agentID, eventType *string) []*projectNote {
	var out []*projectNote
	for _, n := range st.life.projectNotes {
		if n.projectID != projectID || n.acknowledged || agentID != nil && *agentID != n.agentID || eventType != nil && *eventType != n.eventType {
			continue
		}
		out = append(out, n)
	}
	return out
}

func (h *api) GetNotificationHistory(_ context.Context, req fakeserver.GetNotificationHistoryRequestObject) (fakeserver.GetNotificationHistoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	notes := []gen.ProactiveNotificationEntry{}
	for _, n := range a.notes {
		if len(notes) == limitOr(req.Params.Limit, 50) {
			break
		}
		notes = append(notes, n.toGen(a.id))
	}
	return fakeserver.GetNotificationHistory200JSONResponse{Notifications: notes}, nil
}

func (h *api) ListProjectNotifications(_ context.Context, req fakeserver.ListProjectNotificationsRequestObject) (fakeserver.ListProjectNotificationsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	p := req.Params
	out := []gen.Notification{}
	for _, n := range st.pendingNotes(req.ProjectId, p.AgentId, p.EventType) {
		if len(out) == limitOr(p.Limit, 50) {
			break
		}
		out = append(out, n.toGen())
	}
	return fakeserver.ListProjectNotifications200JSONResponse{Notifications: out, Count: int64(len(out))}, nil
}

func (h *api) AcknowledgeProjectNotifications(_ context.Context, req fakeserver.AcknowledgeProjectNotificationsRequestObject) (fakeserver.AcknowledgeProjectNotificationsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	want := map[string]bool{}
	for _, id := range req.Body.NotificationIds {
		want[id] = true
	}
	var n int64
	for _, note := range st.pendingNotes(req.ProjectId, nil, nil) {
		if want[note.id] {
			note.acknowledged, note.ackAt = true, now
			n++
		}
	}
	return fakeserver.AcknowledgeProjectNotifications200JSONResponse{Acknowledged: n}, nil
}

func (h *api) AcknowledgeAllProjectNotifications(_ context.Context, req fakeserver.AcknowledgeAllProjectNotificationsRequestObject) (fakeserver.AcknowledgeAllProjectNotificationsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	var n int64
	for _, note := range st.pendingNotes(req.ProjectId, req.Params.AgentId, req.Params.EventType) {
		note.acknowledged, note.ackAt = true, now
		n++
	}
	return fakeserver.AcknowledgeAllProjectNotifications200JSONResponse{Acknowledged: n}, nil
}
