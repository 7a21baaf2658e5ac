package sonzaitest

import (
	"context"
	"math"
	"net/http"
	"sort"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The Tools tag. The fake has no knowledge base of its own: a search
// ranks the agent's memories (facts) and bio by the share of the query's
// words each contains, which is enough to see a query reach its agent.

// kbSearch answers both forms of the knowledge-base search.
func (st *state) kbSearch(agentRef, query string, limit *int64) (gen.AgentKBSearchResponse, error) {
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(agentRef)
	if err != nil {
		return gen.AgentKBSearchResponse{}, err
	}
	if strings.TrimSpace(query) == "" {
		return gen.AgentKBSearchResponse{}, failAt(http.StatusUnprocessableEntity, "query", query, "a search needs a query")
	}
	n := 5 // the fake's default; the contract sets no bounds
	if limit != nil && *limit > 0 {
		n = int(*limit)
	}
	var words []string
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if w = strings.Trim(w, ".,;:!?\"'()"); len(w) >= 3 {
			words = append(words, w)
		}
	}
	score := func(text string) float64 {
		if len(words) == 0 {
			return 0
		}
		lower, hits := strings.ToLower(text), 0
		for _, w := range words {
			if strings.Contains(lower, w) {
				hits++
			}
		}
		return math.Round(1000*float64(hits)/float64(len(words))) / 1000
	}
	out := gen.AgentKBSearchResponse{Query: query, Results: []gen.KbSearchResultItem{}}
	if s := score(a.bio); s > 0 {
		out.Results = append(out.Results, gen.KbSearchResultItem{Content: a.bio, Label: a.name, Type: "profile", Score: s, Scope: "agent", Source: "bio"})
	}
	for _, f := range a.facts {
		if s := score(f.text); s > 0 {
			out.Results = append(out.Results, gen.KbSearchResultItem{Content: f.text, Label: f.factType, Type: "fact", Score: s, Scope: "agent", Source: f.id})
		}
	}
	sort.SliceStable(out.Results, func(i, j int) bool { return out.Results[i].Score > out.Results[j].Score })
	if len(out.Results) > n {
		out.Results = out.Results[:n]
	}
	return out, nil
}

func (h *api) AgentKBSearch(_ context.Context, req fakeserver.AgentKBSearchRequestObject) (fakeserver.AgentKBSearchResponseObject, error) {
	out, err := h.st.kbSearch(req.AgentId, req.Body.Query, req.Body.Limit)
	if err != nil {
		return nil, err
	}
	return fakeserver.AgentKBSearch200JSONResponse(out), nil
}

func (h *api) AgentKBSearchGet(_ context.Context, req fakeserver.AgentKBSearchGetRequestObject) (fakeserver.AgentKBSearchGetResponseObject, error) {
	out, err := h.st.kbSearch(req.AgentId, req.Params.Q, req.Params.Limit)
	if err != nil {
		return nil, err
	}
	return fakeserver.AgentKBSearchGet200JSONResponse(out), nil
}

// GetToolSchemas lists the knowledge-base search when the agent may use
// it, then the agent's custom tools.
func (h *api) GetToolSchemas(_ context.Context, req fakeserver.GetToolSchemasRequestObject) (fakeserver.GetToolSchemasResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	tools := []gen.ToolSchemaEntry{}
	if a.settings.flags["knowledgeBase"] {
		tools = append(tools, gen.ToolSchemaEntry{
			Name:        "sonzai_kb_search",
			Description: "Search the agent's knowledge base.",
			Endpoint:    "/api/v1/agents/" + a.id + "/tools/kb-search",
			Parameters: map[string]any{"type": "object", "required": []string{"query"}, "properties": map[string]any{
				"query": map[string]any{"type": "string"}, "limit": map[string]any{"type": "integer"}}},
		})
	}
	for _, t := range a.settings.tools {
		params, _ := t.params.(map[string]any)
		if params == nil {
			params = map[string]any{"type": "object"}
		}
		tools = append(tools, gen.ToolSchemaEntry{Name: t.name, Description: t.description, Endpoint: "", Parameters: params})
	}
	return fakeserver.GetToolSchemas200JSONResponse{Tools: tools}, nil
}
