package sonzaitest

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

const failedReason = "extraction failed (sonzaitest: FailExtractions is on)"

func (h *api) StartSession(_ context.Context, req fakeserver.StartSessionRequestObject) (fakeserver.StartSessionResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	s := st.session(a, b.SessionId, b.UserId, now)
	s.userID = b.UserId
	s.ended = false
	s.started = now
	if b.UserDisplayName != "" {
		s.displayName = b.UserDisplayName
	}
	if b.InstanceId != "" {
		s.instanceID = b.InstanceId
	}
	if b.Provider != "" && b.Model != "" {
		s.provider, s.model = b.Provider, b.Model
	}
	if b.ToolDefinitions != nil {
		s.tools = toolNames(b.ToolDefinitions)
	}
	a.lastSeen = now
	return fakeserver.StartSession200JSONResponse{Success: true}, nil
}

// toolNames reads tool names from definitions in the SessionTool shape
// ({"name": ...}) or the OpenAI shape ({"function": {"name": ...}}).
func toolNames(defs any) []string {
	raw, _ := json.Marshal(defs)
	var items []struct {
		Name     string `json:"name"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	}
	_ = json.Unmarshal(raw, &items)
	names := []string{}
	for _, it := range items {
		switch {
		case it.Name != "":
			names = append(names, it.Name)
		case it.Function.Name != "":
			names = append(names, it.Function.Name)
		}
	}
	return names
}

func (h *api) SetSessionTools(_ context.Context, req fakeserver.SetSessionToolsRequestObject) (fakeserver.SetSessionToolsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	s := st.sessions[sessionKey(a.id, req.SessionId)]
	if s == nil {
		return nil, fail(http.StatusNotFound, "session %q of agent %q was not started", req.SessionId, a.id)
	}
	s.tools = []string{}
	if req.Body != nil {
		for _, t := range *req.Body {
			s.tools = append(s.tools, t.Name)
		}
	}
	return fakeserver.SetSessionTools200JSONResponse{Success: true}, nil
}

func (h *api) EndSession(_ context.Context, req fakeserver.EndSessionRequestObject) (fakeserver.EndSessionResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	s := st.session(a, b.SessionId, b.UserId, now)
	if b.UserDisplayName != "" {
		s.displayName = b.UserDisplayName
	}
	var ex *extraction
	if len(b.Messages) > 0 {
		msgs := make([]chatMsg, len(b.Messages))
		for i, m := range b.Messages {
			msgs[i] = toChatMsg(string(m.Role), m.Content, m.ToolCallId, toolCallRefs(m.ToolCalls, func(c gen.SessionToolCall) toolCallRef {
				return toolCallRef{id: c.Id, name: c.Function.Name}
			}))
		}
		s.record(msgs, now)
		ex = st.extractor.extract(msgs)
	}
	a.lastSeen = now
	sync := !h.s.cfg.asyncEnd || deref(req.Params.ForceSync) || deref(b.Wait)
	if sync {
		if st.failJobs {
			return nil, fail(http.StatusInternalServerError, "the end-of-session pipeline failed (sonzaitest: FailExtractions is on)")
		}
		st.endSession(a, s, ex, now)
		return fakeserver.EndSession200JSONResponse{Success: true, Async: false, SessionId: s.id, AgentId: a.id}, nil
	}
	j := st.newJob("end", a.id, s.id, now, st.failJobs, "the end-of-session pipeline failed (sonzaitest: FailExtractions is on)",
		func(at time.Time) { st.endSession(a, s, ex, at) })
	st.endJobs[j.id] = j
	return fakeserver.EndSession200JSONResponse{
		Success: true, Async: true, ProcessingId: j.id,
		StatusUrl: apiPrefix + "/sessions/end/status/" + j.id,
		SessionId: s.id, AgentId: a.id, EnqueuedAt: rfc3339(now),
	}, nil
}

func (h *api) GetSessionEndStatus(_ context.Context, req fakeserver.GetSessionEndStatusRequestObject) (fakeserver.GetSessionEndStatusResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	j := st.endJobs[req.ProcessingId]
	if j == nil {
		return nil, fail(http.StatusNotFound, "no session end with processing id %q", req.ProcessingId)
	}
	out := fakeserver.GetSessionEndStatus200JSONResponse{
		State: gen.SessionEndStatusOutputBodyStatePending, Attempt: ptr2(int64(1)), EnqueuedAt: rfc3339(j.created),
		SessionId: j.sessionID, AgentId: j.agentID,
	}
	switch j.stage(now) {
	case stageRunning:
		out.State, out.StartedAt = gen.SessionEndStatusOutputBodyStateProcessing, rfc3339(j.startedAt())
	case stageFinished:
		out.State, out.StartedAt, out.FinishedAt = gen.SessionEndStatusOutputBodyStateDone, rfc3339(j.startedAt()), rfc3339(j.finishedAt())
		if j.fail {
			out.State, out.Error = gen.SessionEndStatusOutputBodyStateFailed, j.reason
		}
	}
	return out, nil
}

func (h *api) SubmitTurn(_ context.Context, req fakeserver.SubmitTurnRequestObject) (fakeserver.SubmitTurnResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	msgs := turnMessages(b.Messages)
	if len(msgs) == 0 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.messages", nil, "a turn needs at least one message")
	}
	s := st.session(a, req.SessionId, b.UserId, now)
	if b.UserDisplayName != "" {
		s.displayName = b.UserDisplayName
	}
	s.record(msgs, now)
	a.lastSeen = now
	ex := st.extractor.extract(msgs)
	s.topics = append(s.topics, ex.interests...)
	mood := a.applyMood(b.UserId, ex, now)
	userID, sessionID := b.UserId, s.id
	j := st.newJob("ext", a.id, s.id, now, st.failJobs, failedReason,
		func(at time.Time) { st.applyExtraction(a, userID, sessionID, ex, at) })
	st.turnJobs[j.id] = j
	out := fakeserver.SubmitTurn200JSONResponse{Success: true, Mood: mood, ExtractionId: j.id, ExtractionStatus: gen.TurnResponseBodyExtractionStatus(turnState(j, now))}
	if f := b.FetchNextContext; f != (gen.TurnFetchNextContext{}) {
		out.NextContext = st.buildContext(a, b.UserId, s.id, f.Query, now)
	}
	return out, nil
}

// turnState is the state of a turn's extraction, as both submitTurn and
// getTurnStatus spell it (each has its own generated enum type).
func turnState(j *job, now time.Time) string {
	switch j.stage(now) {
	case stageRunning:
		return "running"
	case stageFinished:
		if j.fail {
			return "failed"
		}
		return "done"
	}
	return "queued"
}

func (h *api) GetTurnStatus(_ context.Context, req fakeserver.GetTurnStatusRequestObject) (fakeserver.GetTurnStatusResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	j := st.turnJobs[req.ExtractionId]
	if j == nil || j.agentID != a.id {
		return nil, fail(http.StatusNotFound, "no extraction %q for agent %q", req.ExtractionId, a.id)
	}
	out := fakeserver.GetTurnStatus200JSONResponse{ExtractionId: j.id, State: gen.TurnStatusOutputBodyState(turnState(j, now))}
	if out.State == gen.TurnStatusOutputBodyStateFailed {
		out.Error = j.reason
	}
	return out, nil
}

// contextResponse writes the enriched context. The generated
// GetContext200JSONResponse cannot be used: it is a defined type over
// gen.EnrichedContext, so it loses that type's MarshalJSON and would drop
// every layer but recent_turns.
type contextResponse map[string]any

func (c contextResponse) VisitGetContextResponse(w http.ResponseWriter) error {
	return writeBody(w, http.StatusOK, "application/json", map[string]any(c))
}

func (h *api) GetContext(_ context.Context, req fakeserver.GetContextRequestObject) (fakeserver.GetContextResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	return contextResponse(st.buildContext(a, p.UserId, deref(p.SessionId), deref(p.Query), now)), nil
}

func (h *api) ProcessMessages(_ context.Context, req fakeserver.ProcessMessagesRequestObject) (fakeserver.ProcessMessagesResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	msgs := processMessages(b.Messages)
	if len(msgs) == 0 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.messages", nil, "a transcript needs at least one message")
	}
	sessionID := b.SessionId
	if sessionID == "" {
		sessionID = st.nextID("sess")
	}
	s := st.session(a, sessionID, b.UserId, now)
	s.record(msgs, now)
	a.lastSeen = now
	ex := st.extractor.extract(msgs)
	s.topics = append(s.topics, ex.interests...)
	a.applyMood(b.UserId, ex, now)
	eff := st.applyExtraction(a, b.UserId, sessionID, ex, now)
	return fakeserver.ProcessMessages200JSONResponse{
		Success: true, FactsExtracted: int64(eff.facts), SessionId: sessionID,
		SideEffects: gen.ProcessSideEffectsSummary{
			MoodUpdated: eff.moodUpdated, PersonalityUpdated: eff.personalityUpdated,
			HabitsObserved: int64(eff.habits), InterestsDetected: int64(eff.interests),
		},
	}, nil
}

func turnMessages(in []gen.TurnMessage) []chatMsg {
	out := make([]chatMsg, len(in))
	for i, m := range in {
		out[i] = toChatMsg(string(m.Role), m.Content, m.ToolCallId, toolCallRefs(m.ToolCalls, func(c gen.TurnToolCall) toolCallRef {
			return toolCallRef{id: c.Id, name: c.Function.Name}
		}))
	}
	return out
}

func processMessages(in []gen.ProcessMessage) []chatMsg {
	out := make([]chatMsg, len(in))
	for i, m := range in {
		out[i] = toChatMsg(string(m.Role), m.Content, m.ToolCallId, toolCallRefs(m.ToolCalls, func(c gen.ProcessToolCall) toolCallRef {
			return toolCallRef{id: c.Id, name: c.Function.Name}
		}))
	}
	return out
}

// toolCallRefs maps the generated tool calls of one body type (turn,
// process and session-end bodies each have their own) with ref.
func toolCallRefs[T any](calls []T, ref func(T) toolCallRef) []toolCallRef {
	var out []toolCallRef
	for _, c := range calls {
		out = append(out, ref(c))
	}
	return out
}

func toChatMsg(role, content, toolCallID string, calls []toolCallRef) chatMsg {
	return chatMsg{role: role, content: content, toolCallID: toolCallID, toolCalls: calls}
}
