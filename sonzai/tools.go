package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// MaxKBSearchLimit is the most results one ToolsService.KBSearch call may
// ask for: the API documents a maximum of 50.
const MaxKBSearchLimit = 50

// KBSearchParams is a knowledge-base search for ToolsService.KBSearch.
type KBSearchParams struct {
	// Query is what to search for. Required.
	Query string
	// Limit caps the number of results, at most MaxKBSearchLimit; zero
	// lets the server choose (10).
	Limit int
	// InBody sends the query in a POST body (operation agentKBSearch)
	// instead of the URL (agentKBSearchGet): use it for a query that is
	// long, or that should not appear in the access logs of proxies and
	// servers on the way. The answer is the same. A POST is retried only
	// when it provably never reached the server; a search has no side
	// effect, so that costs nothing but a retry's chance.
	InBody bool
}

// KBSearchResult is the answer to a knowledge-base search.
type KBSearchResult struct {
	// Query echoes the search.
	Query string `json:"query"`
	// Results are the matches, best first.
	Results []KBSearchHit `json:"results"`
}

// KBSearchHit is one match of a knowledge-base search.
type KBSearchHit struct {
	// Content is the matching text.
	Content string `json:"content"`
	// Label names what matched, e.g. a document or node.
	Label string `json:"label"`
	// Type is the kind of thing that matched.
	Type string `json:"type"`
	// Score ranks the match; higher is better.
	Score float64 `json:"score"`
	// Scope is which knowledge base it came from, when the server says.
	Scope string `json:"scope"`
	// Source is where the content came from, when the server says.
	Source string `json:"source"`
}

// KBSearch searches the knowledge base the agent is configured to use
// (Capabilities.KnowledgeBase and KnowledgeBaseScopeMode), as the agent's
// own LLM would: call it when an LLM of yours asks for the knowledge-base
// tool. It is sent as a GET (operation agentKBSearchGet), so a failed
// attempt is retried like any read, or as a POST (agentKBSearch) when
// p.InBody is set. The SDK never logs the query.
func (s *ToolsService) KBSearch(ctx context.Context, agentID string, p KBSearchParams, opts ...Option) (*KBSearchResult, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.Query) == "" {
		return nil, invalid("KBSearchParams.Query", "empty; a search needs a query")
	}
	if p.Limit < 0 || p.Limit > MaxKBSearchLimit {
		return nil, invalid("KBSearchParams.Limit", fmt.Sprintf("%d is outside 0..%d, the API's range (0 lets the server choose)", p.Limit, MaxKBSearchLimit))
	}
	if p.InBody {
		return call[KBSearchResult](ctx, s.c, opts, "agentKBSearch", func(server string) (*http.Request, error) {
			return gen.NewAgentKBSearchRequest(server, agentID, gen.AgentKBSearchInputBody{Query: p.Query, Limit: optional(int64(p.Limit))})
		})
	}
	return call[KBSearchResult](ctx, s.c, opts, "agentKBSearchGet", func(server string) (*http.Request, error) {
		return gen.NewAgentKBSearchGetRequest(server, agentID, &gen.AgentKBSearchGetParams{Q: p.Query, Limit: optional(int64(p.Limit))})
	})
}

// ToolSchema is the definition of a tool the agent offers, ready for the
// tool-calling configuration of an LLM of your own.
type ToolSchema struct {
	// Name is the tool's name.
	Name string `json:"name"`
	// Description says what the tool does.
	Description string `json:"description"`
	// Endpoint is the API path that runs the tool, when Sonzai runs it.
	Endpoint string `json:"endpoint"`
	// Parameters is the JSON Schema of the tool's arguments, as a JSON
	// object decoded into a map.
	Parameters map[string]any `json:"parameters"`
}

// toolSchemaList is the wire shape of getToolSchemas.
type toolSchemaList struct {
	Tools []ToolSchema `json:"tools"`
}

// Schemas lists the tools the agent offers (the built-in ones its
// capabilities switch on, and its custom tools), for an application that
// runs its own LLM and wants to give it the same tools.
func (s *ToolsService) Schemas(ctx context.Context, agentID string, opts ...Option) ([]ToolSchema, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[toolSchemaList](ctx, s.c, opts, "getToolSchemas", func(server string) (*http.Request, error) {
		return gen.NewGetToolSchemasRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Tools, nil
}
