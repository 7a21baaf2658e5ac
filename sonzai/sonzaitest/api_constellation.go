package sonzaitest

import (
	"context"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The fake's constellation holds the nodes written through the API; it
// draws no edges and has no insights of its own.

func (n *starNode) toGen() gen.Node {
	return gen.Node{
		NodeID: n.id, AgentID: n.agentID, UserID: n.userID, NodeType: n.nodeType, Label: n.label, Description: n.description,
		Significance: n.significance, Brightness: n.significance, MentionCount: n.mentions,
		FirstMentionedAt: n.created.UTC(), LastMentionedAt: n.updated.UTC(), CreatedAt: n.created.UTC(), UpdatedAt: n.updated.UTC(),
	}
}

// nodeOf finds an agent's node, or a 404.
func (st *state) nodeOf(a *agent, id string) (*starNode, error) {
	st.life.init()
	if n, ok := st.life.constellation[id]; ok && n.agentID == a.id {
		return n, nil
	}
	return nil, fail(http.StatusNotFound, "constellation node %q not found", id)
}

// labelTaken reports whether another node of the agent and user has label.
func (st *state) labelTaken(a *agent, userID, label, except string) bool {
	for _, n := range st.life.constellation {
		if n.agentID == a.id && n.userID == userID && n.id != except && strings.EqualFold(n.label, label) {
			return true
		}
	}
	return false
}

func (h *api) GetConstellation(_ context.Context, req fakeserver.GetConstellationRequestObject) (fakeserver.GetConstellationResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	st.life.init()
	nodes := []gen.Node{}
	for _, id := range st.life.nodeOrder {
		n, ok := st.life.constellation[id]
		if !ok || n.agentID != a.id || req.Params.UserId != nil && *req.Params.UserId != n.userID {
			continue
		}
		nodes = append(nodes, n.toGen())
	}
	return fakeserver.GetConstellation200JSONResponse{Nodes: nodes, Edges: []gen.Edge{}, Insights: []gen.Insight{}}, nil
}

func (h *api) CreateConstellationNode(_ context.Context, req fakeserver.CreateConstellationNodeRequestObject) (fakeserver.CreateConstellationNodeResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if strings.TrimSpace(b.Label) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.label", b.Label, "a node needs a label")
	}
	st.life.init()
	if st.labelTaken(a, b.UserId, b.Label, "") {
		return nil, failAt(http.StatusConflict, "body.label", b.Label, "a node with this label exists for this agent and user")
	}
	sig := 0.5
	if b.Significance != nil {
		if *b.Significance < 0 || *b.Significance > 1 {
			return nil, failAt(http.StatusUnprocessableEntity, "body.significance", *b.Significance, "the significance is from 0 to 1")
		}
		sig = *b.Significance
	}
	typ := b.NodeType
	if typ == "" {
		typ = "theme"
	}
	n := &starNode{id: st.nextID("node"), agentID: a.id, userID: b.UserId, nodeType: typ, label: b.Label, description: b.Description,
		significance: sig, created: now, updated: now}
	st.life.constellation[n.id] = n
	st.life.nodeOrder = append(st.life.nodeOrder, n.id)
	return fakeserver.CreateConstellationNode200JSONResponse(n.toGen()), nil
}

func (h *api) UpdateConstellationNode(_ context.Context, req fakeserver.UpdateConstellationNodeRequestObject) (fakeserver.UpdateConstellationNodeResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	n, err := st.nodeOf(a, req.NodeId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.Label != nil {
		if strings.TrimSpace(*b.Label) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.label", *b.Label, "a node needs a label")
		}
		if st.labelTaken(a, n.userID, *b.Label, n.id) {
			return nil, failAt(http.StatusConflict, "body.label", *b.Label, "a node with this label exists for this agent and user")
		}
	}
	if b.Significance != nil && (*b.Significance < 0 || *b.Significance > 1) {
		return nil, failAt(http.StatusUnprocessableEntity, "body.significance", *b.Significance, "the significance is from 0 to 1")
	}
	if b.Label != nil {
		n.label = *b.Label
	}
	if b.Description != nil {
		n.description = *b.Description
	}
	if b.NodeType != nil && *b.NodeType != "" {
		n.nodeType = *b.NodeType
	}
	if b.Significance != nil {
		n.significance = *b.Significance
	}
	n.updated = now
	return fakeserver.UpdateConstellationNode200JSONResponse(n.toGen()), nil
}

func (h *api) DeleteConstellationNode(_ context.Context, req fakeserver.DeleteConstellationNodeRequestObject) (fakeserver.DeleteConstellationNodeResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	n, err := st.nodeOf(a, req.NodeId)
	if err != nil {
		return nil, err
	}
	delete(st.life.constellation, n.id)
	return fakeserver.DeleteConstellationNode204Response{}, nil
}
