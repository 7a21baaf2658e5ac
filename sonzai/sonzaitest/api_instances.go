package sonzaitest

import (
	"context"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

func (h *api) ListInstances(_ context.Context, req fakeserver.ListInstancesRequestObject) (fakeserver.ListInstancesResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	out := []gen.AgentInstance{}
	for _, in := range st.instancesOf(a) {
		out = append(out, in.toGen())
	}
	return fakeserver.ListInstances200JSONResponse{Instances: out}, nil
}

func (h *api) CreateInstance(_ context.Context, req fakeserver.CreateInstanceRequestObject) (fakeserver.CreateInstanceResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(req.Body.Name)
	if name == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.name", req.Body.Name, "an instance needs a name")
	}
	list := st.instancesOf(a)
	for _, in := range list {
		if strings.EqualFold(in.name, name) {
			return nil, failAt(http.StatusConflict, "body.name", name, "the agent has an instance with this name")
		}
	}
	in := &instance{id: st.nextID("inst"), agentID: a.id, name: name, description: req.Body.Description,
		status: "active", created: now, updated: now}
	st.dir.instances[a.id] = append(list, in)
	return fakeserver.CreateInstance200JSONResponse(in.toGen()), nil
}

func (h *api) GetInstance(_ context.Context, req fakeserver.GetInstanceRequestObject) (fakeserver.GetInstanceResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	in, _, err := st.instanceByID(a, req.InstanceId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetInstance200JSONResponse(in.toGen()), nil
}

func (h *api) UpdateInstance(_ context.Context, req fakeserver.UpdateInstanceRequestObject) (fakeserver.UpdateInstanceResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	in, _, err := st.instanceByID(a, req.InstanceId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.Name != nil && strings.TrimSpace(*b.Name) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.name", *b.Name, "an instance needs a name")
	}
	if b.Status != nil && strings.TrimSpace(*b.Status) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.status", *b.Status, "an instance needs a status (active or archived)")
	}
	if b.Name != nil {
		in.name = strings.TrimSpace(*b.Name)
	}
	if b.Description != nil {
		in.description = *b.Description
	}
	if b.Status != nil {
		in.status = *b.Status
	}
	in.updated = now
	return fakeserver.UpdateInstance200JSONResponse(in.toGen()), nil
}

func (h *api) DeleteInstance(_ context.Context, req fakeserver.DeleteInstanceRequestObject) (fakeserver.DeleteInstanceResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	in, i, err := st.instanceByID(a, req.InstanceId)
	if err != nil {
		return nil, err
	}
	if in.isDefault {
		return nil, failAt(http.StatusConflict, "path.instanceId", in.id, "the default instance cannot be deleted")
	}
	list := st.dir.instances[a.id]
	st.dir.instances[a.id] = append(list[:i:i], list[i+1:]...)
	return fakeserver.DeleteInstance200JSONResponse{Success: true}, nil
}

// ResetInstance erases the instance's memory: for the default instance,
// every fact and memory node of the agent (facts do not record another
// instance in the fake).
func (h *api) ResetInstance(_ context.Context, req fakeserver.ResetInstanceRequestObject) (fakeserver.ResetInstanceResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	in, _, err := st.instanceByID(a, req.InstanceId)
	if err != nil {
		return nil, err
	}
	out := fakeserver.ResetInstance200JSONResponse{}
	if in.isDefault {
		st.memory.init()
		for _, f := range a.facts {
			st.memory.forget(f.id)
		}
		out.FactsDeleted, out.NodesDeleted = int64(len(a.facts)), int64(len(a.nodes))
		a.facts, a.nodes = nil, nil
	}
	in.status, in.updated = "active", now
	out.Instance = in.toGen()
	return out, nil
}
