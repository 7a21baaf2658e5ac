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

// stateIdentity is where a custom state lives, with the server's defaults
// applied and its rules checked: a scope is global or user, and a user
// scope names the user.
func stateIdentity(key, scope, userID, contentType string) (string, string, error) {
	if strings.TrimSpace(key) == "" {
		return "", "", failAt(http.StatusUnprocessableEntity, "key", key, "a custom state needs a key")
	}
	switch scope {
	case "":
		scope = "global"
	case "global", "user":
	default:
		return "", "", failAt(http.StatusUnprocessableEntity, "scope", scope, "the scope is global or user")
	}
	if scope == "user" && userID == "" {
		return "", "", failAt(http.StatusUnprocessableEntity, "user_id", userID, "a user-scoped state needs a user_id")
	}
	switch contentType {
	case "":
		contentType = "text"
	case "text", "json":
	default:
		return "", "", failAt(http.StatusUnprocessableEntity, "content_type", contentType, "the content type is text or json")
	}
	return scope, contentType, nil
}

func stateNotFound(key string) error {
	return fail(http.StatusNotFound, "custom state %q not found", key)
}

func (h *api) ListCustomStates(_ context.Context, req fakeserver.ListCustomStatesRequestObject) (fakeserver.ListCustomStatesResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	st.memory.init()
	p := req.Params
	out := []gen.CustomState{}
	for _, s := range st.memory.states {
		if s.agentID != a.id || p.Scope != nil && s.scope != *p.Scope || p.UserId != nil && s.userID != *p.UserId ||
			p.InstanceId != nil && s.instanceID != *p.InstanceId || p.Key != nil && s.key != *p.Key {
			continue
		}
		out = append(out, s.toGen())
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].StateId < out[j].StateId
	})
	return fakeserver.ListCustomStates200JSONResponse{States: out}, nil
}

// putState creates the state a body names, or with upsert replaces its
// value; without upsert an existing state is a conflict.
func (st *state) putState(a *agent, key, scope, userID, instanceID, contentType string, value any, upsert bool, now time.Time) (*customState, error) {
	scope, contentType, err := stateIdentity(key, scope, userID, contentType)
	if err != nil {
		return nil, err
	}
	st.memory.init()
	if s := st.memory.stateByKey(a.id, instanceID, scope, userID, key); s != nil {
		if !upsert {
			return nil, failAt(http.StatusConflict, "key", key, "a custom state with this key exists; update it or upsert by key")
		}
		s.value, s.contentType, s.updated = value, contentType, now
		return s, nil
	}
	s := &customState{id: st.nextID("state"), agentID: a.id, instanceID: instanceID, scope: scope, userID: userID,
		key: key, contentType: contentType, value: value, created: now, updated: now}
	st.memory.states[s.id] = s
	return s, nil
}

func (h *api) CreateCustomState(_ context.Context, req fakeserver.CreateCustomStateRequestObject) (fakeserver.CreateCustomStateResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	s, err := st.putState(a, b.Key, b.Scope, b.UserId, b.InstanceId, b.ContentType, b.Value, false, now)
	if err != nil {
		return nil, err
	}
	return fakeserver.CreateCustomState200JSONResponse(s.toGen()), nil
}

func (h *api) UpsertCustomStateByKey(_ context.Context, req fakeserver.UpsertCustomStateByKeyRequestObject) (fakeserver.UpsertCustomStateByKeyResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	s, err := st.putState(a, b.Key, deref(b.Scope), deref(b.UserId), deref(b.InstanceId), deref(b.ContentType), b.Value, true, now)
	if err != nil {
		return nil, err
	}
	return fakeserver.UpsertCustomStateByKey200JSONResponse(s.toGen()), nil
}

// stateAt finds the state a by-key request names.
func (st *state) stateAt(a *agent, key string, scope, userID, instanceID *string) (*customState, error) {
	sc, _, err := stateIdentity(key, deref(scope), deref(userID), "")
	if err != nil {
		return nil, err
	}
	st.memory.init()
	s := st.memory.stateByKey(a.id, deref(instanceID), sc, deref(userID), key)
	if s == nil {
		return nil, stateNotFound(key)
	}
	return s, nil
}

func (h *api) GetCustomStateByKey(_ context.Context, req fakeserver.GetCustomStateByKeyRequestObject) (fakeserver.GetCustomStateByKeyResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	s, err := st.stateAt(a, p.Key, p.Scope, p.UserId, p.InstanceId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetCustomStateByKey200JSONResponse(s.toGen()), nil
}

func (h *api) DeleteCustomStateByKey(_ context.Context, req fakeserver.DeleteCustomStateByKeyRequestObject) (fakeserver.DeleteCustomStateByKeyResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	s, err := st.stateAt(a, p.Key, p.Scope, p.UserId, p.InstanceId)
	if err != nil {
		return nil, err
	}
	delete(st.memory.states, s.id)
	return fakeserver.DeleteCustomStateByKey204Response{}, nil
}

// stateByID finds one of an agent's states by id.
func (st *state) stateByID(a *agent, id string) (*customState, error) {
	st.memory.init()
	s, ok := st.memory.states[id]
	if !ok || s.agentID != a.id {
		return nil, fail(http.StatusNotFound, "custom state %q not found", id)
	}
	return s, nil
}

func (h *api) UpdateCustomState(_ context.Context, req fakeserver.UpdateCustomStateRequestObject) (fakeserver.UpdateCustomStateResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	s, err := st.stateByID(a, req.StateId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.ContentType != nil {
		if _, _, err := stateIdentity(s.key, s.scope, s.userID, *b.ContentType); err != nil || *b.ContentType == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "content_type", *b.ContentType, "the content type is text or json")
		}
		s.contentType = *b.ContentType
	}
	s.value, s.updated = b.Value, now
	return fakeserver.UpdateCustomState200JSONResponse(s.toGen()), nil
}

func (h *api) DeleteCustomState(_ context.Context, req fakeserver.DeleteCustomStateRequestObject) (fakeserver.DeleteCustomStateResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	s, err := st.stateByID(a, req.StateId)
	if err != nil {
		return nil, err
	}
	delete(st.memory.states, s.id)
	return fakeserver.DeleteCustomState204Response{}, nil
}
