package sonzaitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

func (h *api) KbListNodes(_ context.Context, req fakeserver.KbListNodesRequestObject) (fakeserver.KbListNodesResponseObject, error) {
	q := req.Params
	order := deref(q.SortOrder)
	switch order {
	case "", "asc", "desc":
	default:
		return nil, failAt(http.StatusBadRequest, "query.sort_order", order, "the sort order is asc or desc")
	}
	sortBy := deref(q.SortBy)
	switch {
	case sortBy == "", sortBy == "label", sortBy == "node_type", sortBy == "created_at", sortBy == "updated_at", sortBy == "version":
	case strings.HasPrefix(sortBy, "properties.") && len(sortBy) > len("properties."):
	default:
		return nil, failAt(http.StatusBadRequest, "query.sort_by", sortBy, "sort by label, node_type, created_at, updated_at, version or properties.<name>")
	}
	limit := 100
	if q.Limit != nil {
		limit = int(*q.Limit)
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	var nodes []*kbNode
	for _, n := range p.nodes {
		if n.active && (deref(q.Type) == "" || n.nodeType == *q.Type) {
			nodes = append(nodes, n)
		}
	}
	key := func(n *kbNode) string {
		switch sortBy {
		case "label":
			return n.norm()
		case "node_type":
			return n.nodeType
		case "updated_at":
			return rfc3339(n.updated)
		case "version":
			return fmt.Sprintf("%020d", n.version)
		case "", "created_at":
			return rfc3339(n.created)
		}
		return fmt.Sprint(n.props[strings.TrimPrefix(sortBy, "properties.")])
	}
	sort.SliceStable(nodes, func(i, j int) bool {
		if order == "desc" {
			return key(nodes[i]) > key(nodes[j])
		}
		return key(nodes[i]) < key(nodes[j])
	})
	out := fakeserver.KbListNodes200JSONResponse{Nodes: []gen.KBNode{}, HasMore: len(nodes) > limit}
	for _, n := range nodes[:min(limit, len(nodes))] {
		out.Nodes = append(out.Nodes, n.toGen())
	}
	return out, nil
}

// checkNodeInput checks what a new node needs.
func checkNodeInput(nodeType, label string, confidence *float64) error {
	if strings.TrimSpace(nodeType) == "" {
		return failAt(http.StatusUnprocessableEntity, "body.node_type", nodeType, "a node needs a type")
	}
	if strings.TrimSpace(label) == "" {
		return failAt(http.StatusUnprocessableEntity, "body.label", label, "a node needs a label")
	}
	if confidence != nil && !(*confidence >= 0 && *confidence <= 1) {
		return failAt(http.StatusUnprocessableEntity, "body.confidence", *confidence, "the confidence is 0 to 1")
	}
	return nil
}

// agentSource is who a change is recorded as made by.
func agentSource(agentID *string) string {
	if deref(agentID) != "" {
		return "agent:" + *agentID
	}
	return "api"
}

// stamp records, for each property written, who wrote it and when.
func (n *kbNode) stamp(props []string, by string, at time.Time) {
	for _, k := range props {
		n.sources[k] = gen.PropertySource{EffDate: at, Source: by}
	}
}

func (h *api) KbAgentCreateNode(_ context.Context, req fakeserver.KbAgentCreateNodeRequestObject) (fakeserver.KbAgentCreateNodeResponseObject, error) {
	b := req.Body
	if err := checkNodeInput(b.NodeType, b.Label, b.Confidence); err != nil {
		return nil, err
	}
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	if n := p.nodeByLabel(b.NodeType, b.Label); n != nil {
		return nil, failAt(http.StatusConflict, "body.label", b.Label, "node %s already has this type and label; update it instead", n.id)
	}
	by := agentSource(req.Params.XAgentId)
	confidence := 1.0
	if b.Confidence != nil {
		confidence = *b.Confidence
	}
	n := st.newNode(p.id, fakeTenant, b.NodeType, b.Label, b.Properties, "agent", by, confidence, now)
	n.stamp(slices.Sorted(mapsKeys(n.props)), by, now)
	p.nodes = append(p.nodes, n)
	return fakeserver.KbAgentCreateNode200JSONResponse{Node: n.toGen()}, nil
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (h *api) KbGetNode(_ context.Context, req fakeserver.KbGetNodeRequestObject) (fakeserver.KbGetNodeResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	out := fakeserver.KbGetNode200JSONResponse{Node: n.toGen(), Outgoing: p.edges(n.id, true), Incoming: p.edges(n.id, false),
		History: []gen.KBNodeHistory{}}
	if deref(req.Params.History) == "true" {
		out.History = newestFirst(n.history)
	}
	return out, nil
}

func newestFirst(h []gen.KBNodeHistory) []gen.KBNodeHistory {
	out := slices.Clone(h)
	slices.Reverse(out)
	return out
}

// sameValue compares two JSON values as JSON.
func sameValue(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb) || reflect.DeepEqual(a, b)
}

func (h *api) KbAgentUpdateNode(_ context.Context, req fakeserver.KbAgentUpdateNodeRequestObject) (fakeserver.KbAgentUpdateNodeResponseObject, error) {
	b := req.Body
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	if b.Label == nil && len(b.Properties) == 0 {
		return fakeserver.KbAgentUpdateNode200JSONResponse{Node: n.toGen()}, nil // nothing to change
	}
	// Compare and swap: every current value must be what the node holds,
	// or nothing changes.
	if b.Label != nil {
		if !sameValue(b.Label.Current, n.label) {
			return nil, failAt(http.StatusConflict, "body.label.current", b.Label.Current, "the node's label is now %q", n.label)
		}
		if s, ok := b.Label.New.(string); !ok || strings.TrimSpace(s) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.label.new", b.Label.New, "a label is a non-empty string")
		}
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range b.Properties {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		if cur := b.Properties[k].Current; !sameValue(cur, n.props[k]) {
			return nil, failAt(http.StatusConflict, "body.properties."+k+".current", cur, "the property is now %v", n.props[k])
		}
	}
	if b.Label != nil {
		n.label = b.Label.New.(string)
	}
	for _, k := range keys {
		if v := b.Properties[k].New; v == nil {
			delete(n.props, k)
			delete(n.sources, k)
		} else {
			n.props[k] = v
		}
	}
	by := agentSource(req.Params.XAgentId)
	n.stamp(slices.DeleteFunc(keys, func(k string) bool { _, ok := n.props[k]; return !ok }), by, now)
	n.version++
	n.updated = now
	n.record(by, "updated", now)
	return fakeserver.KbAgentUpdateNode200JSONResponse{Node: n.toGen()}, nil
}

// removeNode soft-deletes a node: it is no longer found, and its facts
// are no longer active.
func (p *kbProject) removeNode(n *kbNode, by string, at time.Time) {
	n.active = false
	n.updated = at
	n.version++
	n.record(by, "deleted", at)
	p.dropFacts(n.id)
}

func (h *api) KbDeleteNode(_ context.Context, req fakeserver.KbDeleteNodeRequestObject) (fakeserver.KbDeleteNodeResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	p.removeNode(n, "api", now)
	return fakeserver.KbDeleteNode204Response{}, nil
}

func (h *api) KbAgentDeleteNode(_ context.Context, req fakeserver.KbAgentDeleteNodeRequestObject) (fakeserver.KbAgentDeleteNodeResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	if want := req.Body.ExpectedLabel; want != n.label {
		return nil, failAt(http.StatusConflict, "body.expected_label", want, "the node's label is %q", n.label)
	}
	p.removeNode(n, agentSource(req.Params.XAgentId), now)
	return fakeserver.KbAgentDeleteNode200JSONResponse{Ok: true}, nil
}

func (h *api) KbGetNodeHistory(_ context.Context, req fakeserver.KbGetNodeHistoryRequestObject) (fakeserver.KbGetNodeHistoryResponseObject, error) {
	limit := 50
	if req.Params.Limit != nil {
		limit = int(*req.Params.Limit)
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	all := newestFirst(n.history)
	return fakeserver.KbGetNodeHistory200JSONResponse{History: all[:min(limit, len(all))], Total: int64(len(all))}, nil
}

func (h *api) KbPromoteNodeToOrg(_ context.Context, req fakeserver.KbPromoteNodeToOrgRequestObject) (fakeserver.KbPromoteNodeToOrgResponseObject, error) {
	tenant := req.Body.TenantId
	if strings.TrimSpace(tenant) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.tenant_id", tenant, "name the tenant to promote the node to")
	}
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	n, err := p.node(req.NodeId)
	if err != nil {
		return nil, err
	}
	// The node leaves the project for the tenant's organization-wide scope.
	p.nodes = slices.DeleteFunc(p.nodes, func(x *kbNode) bool { return x == n })
	p.dropFacts(n.id)
	n.tenantID, n.updated = tenant, now
	n.version++
	n.record("api", "promoted", now)
	st.knowledge.org(tenant)
	st.knowledge.orgs[tenant] = append(st.knowledge.orgs[tenant], n)
	g := n.toGen()
	return fakeserver.KbPromoteNodeToOrg200JSONResponse{ScopeType: "org", Relevance: 1, ProjectId: g.ProjectId, NodeId: g.NodeId,
		NodeType: g.NodeType, Label: g.Label, NormLabel: g.NormLabel, Properties: g.Properties, PropertySources: g.PropertySources,
		SourceDocs: g.SourceDocs, SourceType: g.SourceType, Version: g.Version, IsActive: g.IsActive, Confidence: g.Confidence,
		CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt, TenantId: g.TenantId}, nil
}

func (h *api) KbListOrgNodes(_ context.Context, req fakeserver.KbListOrgNodesRequestObject) (fakeserver.KbListOrgNodesResponseObject, error) {
	limit := 200
	if req.Params.Limit != nil {
		limit = int(*req.Params.Limit)
	}
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	nodes := st.knowledge.org(req.TenantId)
	if limit == 0 {
		limit = len(nodes)
	}
	out := fakeserver.KbListOrgNodes200JSONResponse{Nodes: []gen.KBNode{}, Total: int64(len(nodes))}
	for _, n := range nodes[:min(limit, len(nodes))] {
		out.Nodes = append(out.Nodes, n.toGen())
	}
	return out, nil
}

func (h *api) KbCreateOrgNode(_ context.Context, req fakeserver.KbCreateOrgNodeRequestObject) (fakeserver.KbCreateOrgNodeResponseObject, error) {
	b := req.Body
	if err := checkNodeInput(b.NodeType, b.Label, b.Confidence); err != nil {
		return nil, err
	}
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	for _, n := range st.knowledge.org(req.TenantId) {
		if n.nodeType == b.NodeType && n.norm() == normLabel(b.Label) {
			return nil, failAt(http.StatusConflict, "body.label", b.Label, "node %s already has this type and label", n.id)
		}
	}
	confidence := 1.0
	if b.Confidence != nil {
		confidence = *b.Confidence
	}
	n := st.newNode("", req.TenantId, b.NodeType, b.Label, b.Properties, "manual", "api", confidence, now)
	st.knowledge.orgs[req.TenantId] = append(st.knowledge.orgs[req.TenantId], n)
	return fakeserver.KbCreateOrgNode200JSONResponse(n.toGen()), nil
}
