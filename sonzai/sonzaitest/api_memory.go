package sonzaitest

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The facts written through the API join the agent's memory like the ones
// the extractor learns (agent.addFact): same node per user and type, same
// de-duplication by text.

// defaultFactType is the type the server gives a fact sent without one.
const defaultFactType = "user_fact"

// factByID finds one of an agent's facts.
func (a *agent) factByID(id string) (*fact, int, error) {
	for i, f := range a.facts {
		if f.id == id {
			return f, i, nil
		}
	}
	return nil, -1, fail(http.StatusNotFound, "fact %q not found", id)
}

// storeFact adds one fact written through the API and returns it as
// stored. A fact repeating one the user already has counts as a mention
// of it, as for extracted facts.
func (st *state) storeFact(a *agent, item gen.BulkCreateFactItem, userID string, at time.Time) (*fact, error) {
	if item.UserId != "" {
		userID = item.UserId
	}
	if item.NodeId != "" && !a.hasNode(item.NodeId) {
		return nil, fail(http.StatusNotFound, "memory node %q not found", item.NodeId)
	}
	factType := item.FactType
	if factType == "" {
		factType = defaultFactType
	}
	importance := 0.5
	if item.Importance != nil {
		importance = *item.Importance
	}
	text := strings.TrimSpace(item.Content)
	a.addFact(st, userID, "", newFact{text: text, recall: text, factType: factType, sourceType: "api",
		importance: importance, entities: item.Entities}, at)
	var f *fact
	for _, x := range a.facts {
		if x.userID == userID && strings.EqualFold(x.text, text) {
			f = x
		}
	}
	if item.NodeId != "" {
		f.nodeID = item.NodeId
	}
	st.memory.init()
	if item.Confidence != nil || len(item.Metadata) > 0 {
		st.memory.extras[f.id] = factExtras{confidence: item.Confidence, metadata: item.Metadata}
	}
	return f, nil
}

func (a *agent) hasNode(id string) bool {
	for _, n := range a.nodes {
		if n.id == id {
			return true
		}
	}
	return false
}

func checkFactContent(loc, content string) error {
	if strings.TrimSpace(content) == "" {
		return failAt(http.StatusUnprocessableEntity, loc, content, "a fact needs text")
	}
	return nil
}

func (h *api) ListFacts(_ context.Context, req fakeserver.ListFactsRequestObject) (fakeserver.ListFactsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	st.memory.init()
	p := req.Params
	offset := 0
	if tok := deref(p.PageToken); tok != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "facts-after-"))
		if err != nil || n < 0 || !strings.HasPrefix(tok, "facts-after-") {
			return nil, failAt(http.StatusBadRequest, "query.page_token", tok, "not a page token this server gave out")
		}
		offset = n
	}
	var matching []*fact
	for _, f := range a.facts {
		if p.UserId != nil && f.userID != *p.UserId || p.FactType != nil && f.factType != *p.FactType {
			continue
		}
		matching = append(matching, f)
	}
	limit := limitOr(p.Limit, 50)
	out := fakeserver.ListFacts200JSONResponse{Facts: []gen.StoredFact{}, TotalCount: int64(len(matching))}
	for i := offset; i < len(matching) && len(out.Facts) < limit; i++ {
		g := st.memory.factToGen(a, matching[i])
		out.Facts = append(out.Facts, gen.StoredFact{
			FactId: g.FactId, Content: g.AtomicText, FactType: g.FactType, Importance: deref(g.Importance),
			Confidence: g.Confidence, MentionCount: g.MentionCount, Metadata: g.Metadata,
			SessionId: g.SessionId, SourceType: g.SourceType,
			CreatedAt: rfc3339(g.CreatedAt), UpdatedAt: rfc3339(g.UpdatedAt),
		})
	}
	if next := offset + len(out.Facts); next < len(matching) {
		out.NextPageToken = "facts-after-" + strconv.Itoa(next)
	}
	return out, nil
}

func (h *api) CreateFact(_ context.Context, req fakeserver.CreateFactRequestObject) (fakeserver.CreateFactResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if err := checkFactContent("body.content", b.Content); err != nil {
		return nil, err
	}
	f, err := st.storeFact(a, gen.BulkCreateFactItem(*b), "", now)
	if err != nil {
		return nil, err
	}
	return fakeserver.CreateFact200JSONResponse(st.memory.factToGen(a, f)), nil
}

func (h *api) BulkCreateFacts(_ context.Context, req fakeserver.BulkCreateFactsRequestObject) (fakeserver.BulkCreateFactsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	// All or nothing: check every fact before storing any.
	for i, item := range b.Facts {
		if err := checkFactContent("body.facts["+strconv.Itoa(i)+"].content", item.Content); err != nil {
			return nil, err
		}
		if item.NodeId != "" && !a.hasNode(item.NodeId) {
			return nil, fail(http.StatusNotFound, "memory node %q not found", item.NodeId)
		}
	}
	out := fakeserver.BulkCreateFacts200JSONResponse{Facts: []gen.AtomicFact{}}
	for _, item := range b.Facts {
		f, err := st.storeFact(a, item, b.UserId, now)
		if err != nil {
			return nil, err
		}
		out.Facts = append(out.Facts, st.memory.factToGen(a, f))
	}
	out.FactsCreated = int64(len(out.Facts))
	return out, nil
}

func (h *api) UpdateFact(_ context.Context, req fakeserver.UpdateFactRequestObject) (fakeserver.UpdateFactResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	f, _, err := a.factByID(req.FactId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.Content != nil {
		if err := checkFactContent("body.content", *b.Content); err != nil {
			return nil, err
		}
	}
	st.memory.init()
	st.memory.history[f.id] = append(st.memory.history[f.id], st.memory.factToGen(a, f))
	if b.Content != nil {
		f.text = strings.TrimSpace(*b.Content)
		f.recall = f.text
	}
	if b.FactType != nil {
		f.factType = *b.FactType
	}
	if b.Importance != nil {
		f.importance = *b.Importance
	}
	if b.Entities != nil {
		f.entities = *b.Entities
	}
	x := st.memory.extras[f.id]
	if b.Confidence != nil {
		x.confidence = b.Confidence
	}
	if b.Metadata != nil {
		x.metadata = *b.Metadata
	}
	st.memory.extras[f.id] = x
	f.updated = now
	return fakeserver.UpdateFact200JSONResponse(st.memory.factToGen(a, f)), nil
}

func (h *api) DeleteFact(_ context.Context, req fakeserver.DeleteFactRequestObject) (fakeserver.DeleteFactResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	_, i, err := a.factByID(req.FactId)
	if err != nil {
		return nil, err
	}
	a.facts = append(a.facts[:i], a.facts[i+1:]...)
	st.memory.init()
	st.memory.forget(req.FactId)
	return fakeserver.DeleteFact204Response{}, nil
}

func (h *api) GetFactHistory(_ context.Context, req fakeserver.GetFactHistoryRequestObject) (fakeserver.GetFactHistoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	f, _, err := a.factByID(req.FactId)
	if err != nil {
		return nil, err
	}
	st.memory.init()
	return fakeserver.GetFactHistory200JSONResponse{
		Current:          st.memory.factToGen(a, f),
		PreviousVersions: list(append([]gen.AtomicFact(nil), st.memory.history[f.id]...)),
	}, nil
}

// ResetMemory erases a user's facts and the memory nodes that held them.
func (h *api) ResetMemory(_ context.Context, req fakeserver.ResetMemoryRequestObject) (fakeserver.ResetMemoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	user := req.Params.UserId
	if user == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "query.user_id", user, "say whose memories to erase")
	}
	st.memory.init()
	var facts, nodes int64
	keptFacts := a.facts[:0]
	for _, f := range a.facts {
		if f.userID == user {
			st.memory.forget(f.id)
			facts++
			continue
		}
		keptFacts = append(keptFacts, f)
	}
	clear(a.facts[len(keptFacts):])
	a.facts = keptFacts
	keptNodes := a.nodes[:0]
	for _, n := range a.nodes {
		if n.userID == user {
			nodes++
			continue
		}
		keptNodes = append(keptNodes, n)
	}
	clear(a.nodes[len(keptNodes):])
	a.nodes = keptNodes
	return fakeserver.ResetMemory200JSONResponse{Success: true, Status: "reset", FactsDeleted: facts, NodesDeleted: nodes,
		FailedFactIds: []string{}, FailedNodeIds: []string{}}, nil
}
