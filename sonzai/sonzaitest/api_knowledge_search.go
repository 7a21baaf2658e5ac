package sonzaitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// ---- facts ------------------------------------------------------------------

func (h *api) KbInsertFacts(_ context.Context, req fakeserver.KbInsertFactsRequestObject) (fakeserver.KbInsertFactsResponseObject, error) {
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	b := req.Body
	source := b.Source
	if source == "" {
		source = "api"
	}
	// Check everything before writing anything: a rejected request
	// changes nothing.
	for i, f := range b.Facts {
		at := fmt.Sprintf("body.facts[%d]", i)
		if strings.TrimSpace(f.EntityType) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, at+".entity_type", f.EntityType, "an entity needs a type")
		}
		if strings.TrimSpace(f.Label) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, at+".label", f.Label, "an entity needs a label")
		}
	}
	for i, r := range b.Relationships {
		at := fmt.Sprintf("body.relationships[%d]", i)
		if strings.TrimSpace(r.EdgeType) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, at+".edge_type", r.EdgeType, "a relationship needs an edge type")
		}
	}
	out := fakeserver.KbInsertFacts200JSONResponse{Details: []gen.InsertFactDetail{}, Edges: []gen.InsertEdgeDetail{}}
	for _, f := range b.Facts {
		existed := p.nodeByLabel(f.EntityType, f.Label) != nil
		n := p.upsertNode(st, f.EntityType, f.Label, f.Properties, source, "", 1, now)
		action := "created"
		if existed {
			action = "updated"
			out.Updated++
		} else {
			out.Created++
		}
		out.Processed++
		out.Details = append(out.Details, gen.InsertFactDetail{Action: action, Label: n.label, NodeId: n.id, Type: n.nodeType, Version: n.version})
	}
	// A relationship between labels no entity has is skipped: it is not
	// among the answer's edges.
	for _, r := range b.Relationships {
		from, to := p.nodeByLabel("", r.FromLabel), p.nodeByLabel("", r.ToLabel)
		if from == nil || to == nil {
			continue
		}
		f := p.putFact(st, from.id, to.id, r.EdgeType, "", nil, now)
		f.snippet = from.label + " " + r.EdgeType + " " + to.label
		out.Edges = append(out.Edges, gen.InsertEdgeDetail{EdgeId: f.id, FromNode: from.id, ToNode: to.id, Relation: r.EdgeType})
	}
	return out, nil
}

func (h *api) KbListFacts(_ context.Context, req fakeserver.KbListFactsRequestObject) (fakeserver.KbListFactsResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	limit := 50
	if l := req.Params.Limit; l != nil {
		if *l < 1 || *l > 500 {
			return nil, failAt(http.StatusBadRequest, "query.limit", *l, "the limit is 1 to 500")
		}
		limit = int(*l)
	}
	start := 0
	if t := deref(req.Params.PageToken); t != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(t, "kbfacts:"))
		if !strings.HasPrefix(t, "kbfacts:") || err != nil || n < 0 {
			return nil, failAt(http.StatusBadRequest, "query.page_token", t, "not a page token this server gave")
		}
		start = n
	}
	var active []*kbFact
	for _, f := range p.facts {
		if f.active {
			active = append(active, f)
		}
	}
	out := fakeserver.KbListFacts200JSONResponse{Facts: []gen.KbFactDTO{}}
	for i := start; i < len(active) && len(out.Facts) < limit; i++ {
		out.Facts = append(out.Facts, active[i].toGen())
	}
	if next := start + len(out.Facts); next < len(active) {
		out.NextPageToken = "kbfacts:" + strconv.Itoa(next)
	}
	return out, nil
}

// factTuple checks the three query parameters that name a fact.
func factTuple(from, to, relation *string) (string, string, string, error) {
	for _, q := range []struct {
		name string
		v    *string
	}{{"from_node_id", from}, {"to_node_id", to}, {"relation_type", relation}} {
		if deref(q.v) == "" {
			return "", "", "", failAt(http.StatusBadRequest, "query."+q.name, nil, "a fact is named by from_node_id, to_node_id and relation_type")
		}
	}
	return *from, *to, *relation, nil
}

func (h *api) KbGetActiveFact(_ context.Context, req fakeserver.KbGetActiveFactRequestObject) (fakeserver.KbGetActiveFactResponseObject, error) {
	from, to, relation, err := factTuple(req.Params.FromNodeId, req.Params.ToNodeId, req.Params.RelationType)
	if err != nil {
		return nil, err
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	f := p.activeFact(from, to, relation)
	if f == nil {
		return nil, fail(http.StatusNotFound, "no active fact %s -%s-> %s", from, relation, to)
	}
	return fakeserver.KbGetActiveFact200JSONResponse{Fact: f.toGen()}, nil
}

func (h *api) KbGetFactHistory(_ context.Context, req fakeserver.KbGetFactHistoryRequestObject) (fakeserver.KbGetFactHistoryResponseObject, error) {
	from, to, relation, err := factTuple(req.Params.FromNodeId, req.Params.ToNodeId, req.Params.RelationType)
	if err != nil {
		return nil, err
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	out := fakeserver.KbGetFactHistory200JSONResponse{Versions: []gen.KbFactDTO{}}
	for i := len(p.facts) - 1; i >= 0; i-- { // newest first
		if f := p.facts[i]; f.from == from && f.to == to && f.relation == relation {
			out.Versions = append(out.Versions, f.toGen())
		}
	}
	if len(out.Versions) == 0 {
		return nil, fail(http.StatusNotFound, "no fact %s -%s-> %s", from, relation, to)
	}
	return out, nil
}

// ---- search and graph -------------------------------------------------------

func (h *api) KbSearch(_ context.Context, req fakeserver.KbSearchRequestObject) (fakeserver.KbSearchResponseObject, error) {
	q := req.Params
	if strings.TrimSpace(q.Q) == "" {
		return nil, failAt(http.StatusBadRequest, "query.q", q.Q, "the query is empty")
	}
	var filters map[string]any
	if f := deref(q.Filters); f != "" {
		if err := json.Unmarshal([]byte(f), &filters); err != nil {
			return nil, failAt(http.StatusBadRequest, "query.filters", f, "not a JSON object: %v", err)
		}
	}
	types := map[string]bool{}
	for _, t := range strings.Split(deref(q.Type), ",") {
		if t = strings.TrimSpace(t); t != "" {
			types[t] = true
		}
	}
	limit, depth := 20, 1
	if q.Limit != nil {
		limit = int(*q.Limit)
	}
	if q.Depth != nil {
		depth = int(*q.Depth)
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	words := strings.Fields(strings.ToLower(q.Q))
	type hit struct {
		n     *kbNode
		score float64
	}
	var hits []hit
	for _, n := range p.nodes {
		if !n.active || len(types) > 0 && !types[n.nodeType] || !matchesKey(n, filters) {
			continue
		}
		if s := n.score(words); s > 0 {
			hits = append(hits, hit{n, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].n.updated.After(hits[j].n.updated)
	})
	out := fakeserver.KbSearch200JSONResponse{Query: q.Q, Results: []gen.KBSearchResult{}}
	for _, ht := range hits {
		if len(out.Results) == limit {
			break
		}
		n := ht.n
		r := gen.KBSearchResult{NodeId: n.id, Type: n.nodeType, Label: n.label, Properties: n.props, Score: ptr2(round3(ht.score)),
			Source: n.source, UpdatedAt: rfc3339(n.updated), Version: n.version}
		if deref(q.History) == "true" {
			r.History = n.history
		}
		r.Related = p.related(n, depth)
		out.Results = append(out.Results, r)
	}
	out.Total = int64(len(out.Results))
	return out, nil
}

// related lists the nodes within depth hops of n along active facts.
func (p *kbProject) related(n *kbNode, depth int) []gen.KBRelatedNode {
	var out []gen.KBRelatedNode
	seen := map[string]bool{n.id: true}
	frontier := []string{n.id}
	for range depth {
		var next []string
		for _, id := range frontier {
			for _, f := range p.facts {
				if !f.active || f.from != id && f.to != id {
					continue
				}
				other := f.to
				if f.to == id {
					other = f.from
				}
				if seen[other] {
					continue
				}
				seen[other] = true
				if o, err := p.node(other); err == nil {
					out = append(out, gen.KBRelatedNode{NodeId: o.id, Label: o.label, Type: o.nodeType, Edge: f.relation, Properties: o.props})
					next = append(next, other)
				}
			}
		}
		frontier = next
	}
	return out
}

// matchesKey reports whether every field of key matches the node: "name"
// and "label" match its label, ignoring case and spacing; any other field
// matches the property of that name.
func matchesKey(n *kbNode, key map[string]any) bool {
	for k, v := range key {
		want := fmt.Sprint(v)
		if (k == "name" || k == "label") && normLabel(want) == n.norm() {
			continue
		}
		got, ok := n.props[k]
		if !ok || fmt.Sprint(got) != want {
			return false
		}
	}
	return true
}

// entity finds the active node of a type whose fields match a key given
// as JSON (possibly still URL-encoded).
func (p *kbProject) entity(entityType, rawKey, where string) (*kbNode, map[string]any, error) {
	var key map[string]any
	if err := json.Unmarshal([]byte(rawKey), &key); err != nil {
		unescaped, uerr := url.PathUnescape(rawKey)
		if uerr != nil || json.Unmarshal([]byte(unescaped), &key) != nil {
			return nil, nil, failAt(http.StatusBadRequest, where, rawKey, "the key is not a JSON object of the entity's key fields")
		}
	}
	if len(key) == 0 {
		return nil, nil, failAt(http.StatusBadRequest, where, rawKey, "the key has no field")
	}
	for _, n := range p.nodes {
		if n.active && n.nodeType == entityType && matchesKey(n, key) {
			return n, key, nil
		}
	}
	return nil, nil, fail(http.StatusNotFound, "no %s entity matches %s", entityType, rawKey)
}

func (h *api) KbGetEntity(_ context.Context, req fakeserver.KbGetEntityRequestObject) (fakeserver.KbGetEntityResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	n, key, err := p.entity(req.EntityType, req.EntityKey, "path.entityKey")
	if err != nil {
		return nil, err
	}
	out := fakeserver.KbGetEntity200JSONResponse{EntityType: n.nodeType, EntityKey: key, EntityNodeId: n.id,
		OutgoingFacts: []gen.KbFactDTO{}, IncomingFacts: []gen.KbFactDTO{}}
	for _, f := range p.facts {
		switch {
		case !f.active:
		case f.from == n.id:
			out.OutgoingFacts = append(out.OutgoingFacts, f.toGen())
		case f.to == n.id:
			out.IncomingFacts = append(out.IncomingFacts, f.toGen())
		}
	}
	return out, nil
}

func (h *api) KbTraverse(_ context.Context, req fakeserver.KbTraverseRequestObject) (fakeserver.KbTraverseResponseObject, error) {
	q := req.Params
	if deref(q.FromType) == "" || deref(q.FromKey) == "" {
		return nil, failAt(http.StatusBadRequest, "query.from_type", q.FromType, "a traversal starts from an entity: from_type and from_key")
	}
	direction := deref(q.Direction)
	switch direction {
	case "":
		direction = "outbound"
	case "outbound", "inbound", "both":
	default:
		return nil, failAt(http.StatusBadRequest, "query.direction", direction, "the direction is outbound, inbound or both")
	}
	depth := int64(1)
	if q.MaxDepth != nil {
		depth = *q.MaxDepth
	}
	if depth < 1 || depth > 3 {
		return nil, failAt(http.StatusBadRequest, "query.max_depth", depth, "the depth is 1 to 3")
	}
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	start, _, err := p.entity(*q.FromType, *q.FromKey, "query.from_key")
	if err != nil {
		return nil, err
	}
	out := fakeserver.KbTraverse200JSONResponse{Facts: []gen.KbTraversedFact{}}
	seenNode, seenFact := map[string]bool{start.id: true}, map[string]bool{}
	frontier := []string{start.id}
	for d := int64(1); d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			for _, f := range p.facts {
				if !f.active || seenFact[f.id] || q.RelationType != nil && *q.RelationType != "" && f.relation != *q.RelationType {
					continue
				}
				var other string
				switch {
				case f.from == id && direction != "inbound":
					other = f.to
				case f.to == id && direction != "outbound":
					other = f.from
				default:
					continue
				}
				seenFact[f.id] = true
				out.Facts = append(out.Facts, gen.KbTraversedFact{Depth: d, Fact: f.toGen()})
				if !seenNode[other] {
					seenNode[other] = true
					next = append(next, other)
				}
			}
		}
		frontier = next
	}
	return out, nil
}

func (h *api) KbGetStats(_ context.Context, req fakeserver.KbGetStatsRequestObject) (fakeserver.KbGetStatsResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	out := fakeserver.KbGetStats200JSONResponse{Documents: map[string]int64{}, Nodes: map[string]int64{"total": 0, "active": 0}}
	for _, d := range p.docs {
		s := d.docStatus(now)
		out.Documents[s]++
		if s == "completed" {
			out.ExtractionTokens += d.tokens()
		}
	}
	for _, n := range p.nodes {
		out.Nodes["total"]++
		if n.active {
			out.Nodes["active"]++
		}
	}
	for _, f := range p.facts {
		if f.active {
			out.Edges++
		}
	}
	return out, nil
}
