package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// SearchMode is how KnowledgeService.Search matches the query.
type SearchMode string

// The search modes.
const (
	SearchModeAuto     SearchMode = "auto"     // the server chooses
	SearchModeBM25     SearchMode = "bm25"     // keywords
	SearchModeSemantic SearchMode = "semantic" // meaning, by embeddings
	SearchModeHybrid   SearchMode = "hybrid"   // both
)

// KnowledgeSearchParams is a query for KnowledgeService.Search.
type KnowledgeSearchParams struct {
	// Query is the text to search for. Required.
	Query string
	// Limit is how many results to return, 1 to 100; zero means the
	// server's default (20).
	Limit int
	// Depth is how far to follow the graph from each result for its
	// Related nodes, 1 or 2; zero means the server's default (1).
	Depth int
	// History includes each result's earlier versions.
	History bool
	// Types keeps only the entities of these types.
	Types []string
	// Mode is how to match; empty means the server's default.
	Mode SearchMode
	// Filters keeps only the entities whose properties have these values.
	Filters map[string]any
}

func (p KnowledgeSearchParams) toGen() (*gen.KbSearchParams, error) {
	const at = "KnowledgeSearchParams."
	if strings.TrimSpace(p.Query) == "" {
		return nil, invalid(at+"Query", "empty; say what to search for")
	}
	if p.Limit < 0 || p.Limit > 100 {
		return nil, invalid(at+"Limit", fmt.Sprintf("%d is outside 1..100 (0 means the server's default)", p.Limit))
	}
	if p.Depth < 0 || p.Depth > 2 {
		return nil, invalid(at+"Depth", fmt.Sprintf("%d is outside 1..2 (0 means the server's default)", p.Depth))
	}
	switch p.Mode {
	case "", SearchModeAuto, SearchModeBM25, SearchModeSemantic, SearchModeHybrid:
	default:
		return nil, invalid(at+"Mode", fmt.Sprintf("%q is not auto, bm25, semantic or hybrid", p.Mode))
	}
	for i, t := range p.Types {
		if strings.TrimSpace(t) == "" || strings.Contains(t, ",") {
			return nil, invalid(fmt.Sprintf("%sTypes[%d]", at, i), fmt.Sprintf("%q is empty or holds a comma", t))
		}
	}
	out := &gen.KbSearchParams{Q: p.Query, Limit: optional(int64(p.Limit)), Depth: optional(int64(p.Depth)),
		Type: optional(strings.Join(p.Types, ",")), Mode: optional(string(p.Mode))}
	if p.History {
		out.History = Ptr("true")
	}
	if len(p.Filters) > 0 {
		b, err := json.Marshal(p.Filters)
		if err != nil {
			return nil, invalid(at+"Filters", "not JSON: "+err.Error())
		}
		out.Filters = Ptr(string(b))
	}
	return out, nil
}

// KnowledgeSearchResult is one entity Search found.
type KnowledgeSearchResult struct {
	// NodeID identifies the entity's node; Type and Label describe it.
	NodeID string `json:"node_id"`
	Type   string `json:"type"`
	Label  string `json:"label"`
	// Properties are the entity's fields.
	Properties map[string]any `json:"properties"`
	// Score is how well it matched, when the server says.
	Score *float64 `json:"score"`
	// Source says where the entity came from.
	Source string `json:"source"`
	// Version counts the entity's changes; UpdatedAt is the last one.
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	// Related are the nodes linked to it, as deep as the search's Depth.
	Related []RelatedNode `json:"related"`
	// History are its versions, when the search asked for them.
	History []KnowledgeNodeVersion `json:"history"`
}

// UnmarshalJSON reads the timestamp the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *KnowledgeSearchResult) UnmarshalJSON(b []byte) error {
	type plain KnowledgeSearchResult
	return json.Unmarshal(b, &struct {
		*plain
		UpdatedAt serverTime `json:"updated_at"`
	}{(*plain)(v), serverTime{&v.UpdatedAt}})
}

// RelatedNode is a node linked to a search result.
type RelatedNode struct {
	// NodeID identifies it; Type and Label describe it.
	NodeID string `json:"node_id"`
	Type   string `json:"type"`
	Label  string `json:"label"`
	// Edge is the relation that links it.
	Edge string `json:"edge"`
	// Properties are its fields.
	Properties map[string]any `json:"properties"`
}

// KnowledgeNodeVersion is one version of a knowledge-graph node.
type KnowledgeNodeVersion struct {
	// ProjectID and NodeID identify the node.
	ProjectID string `json:"project_id"`
	NodeID    string `json:"node_id"`
	// Version is this version's number.
	Version int64 `json:"version"`
	// Properties are the node's fields in this version.
	Properties map[string]any `json:"properties"`
	// ChangedBy, ChangeType and ChangedAt say who made it, how, and when.
	ChangedBy  string    `json:"changed_by"`
	ChangeType string    `json:"change_type"`
	ChangedAt  time.Time `json:"changed_at"`
}

// knowledgeSearchResponse is the wire shape of kbSearch.
type knowledgeSearchResponse struct {
	Query   string                  `json:"query"`
	Results []KnowledgeSearchResult `json:"results"`
	Total   int64                   `json:"total"`
}

// Search searches a project's knowledge base for entities, best first.
func (s *KnowledgeService) Search(ctx context.Context, projectID string, p KnowledgeSearchParams, opts ...Option) ([]KnowledgeSearchResult, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	params, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[knowledgeSearchResponse](ctx, s.c, opts, "kbSearch", func(server string) (*http.Request, error) {
		return gen.NewKbSearchRequest(server, projectID, params)
	})
	if err != nil {
		return nil, err
	}
	return out.Results, nil
}

// entityKey encodes an entity's key fields as the API names an entity.
func entityKey(field string, key map[string]any) (string, error) {
	if len(key) == 0 {
		return "", invalid(field, "empty; give the fields that identify the entity (e.g. name)")
	}
	b, err := json.Marshal(key)
	if err != nil {
		return "", invalid(field, "not JSON: "+err.Error())
	}
	return string(b), nil
}

// KnowledgeEntity is an entity of the knowledge graph with the facts that
// link it to others.
type KnowledgeEntity struct {
	// EntityType and EntityKey name the entity; EntityNodeID is its node.
	EntityType   string         `json:"entity_type"`
	EntityKey    map[string]any `json:"entity_key"`
	EntityNodeID string         `json:"entity_node_id"`
	// OutgoingFacts start from the entity; IncomingFacts end at it.
	OutgoingFacts []KnowledgeFact `json:"outgoing_facts"`
	IncomingFacts []KnowledgeFact `json:"incoming_facts"`
}

// GetEntity reads the entity of type entityType identified by key (its
// key fields, e.g. {"name": "Mt Elizabeth"}), with its facts.
func (s *KnowledgeService) GetEntity(ctx context.Context, projectID, entityType string, key map[string]any, opts ...Option) (*KnowledgeEntity, error) {
	if err := requireIDs("projectID", projectID, "entityType", entityType); err != nil {
		return nil, err
	}
	k, err := entityKey("key", key)
	if err != nil {
		return nil, err
	}
	return call[KnowledgeEntity](ctx, s.c, opts, "kbGetEntity", func(server string) (*http.Request, error) {
		return gen.NewKbGetEntityRequest(server, projectID, entityType, k)
	})
}

// TraverseDirection is which way KnowledgeService.Traverse follows facts.
type TraverseDirection string

// The traversal directions.
const (
	TraverseOutbound TraverseDirection = "outbound" // from the entity (the default)
	TraverseInbound  TraverseDirection = "inbound"  // to the entity
	TraverseBoth     TraverseDirection = "both"
)

// KnowledgeTraverseParams says where KnowledgeService.Traverse starts and
// how far it goes.
type KnowledgeTraverseParams struct {
	// FromType and FromKey name the starting entity: its type and its key
	// fields (e.g. {"name": "Aspirin"}). Required.
	FromType string
	FromKey  map[string]any
	// RelationType follows only facts of this relation; empty follows all.
	RelationType string
	// Direction is which way to follow facts; empty means outbound.
	Direction TraverseDirection
	// MaxDepth is how many hops to go, 1 to 3; zero means the server's
	// default (1).
	MaxDepth int
}

func (p KnowledgeTraverseParams) toGen() (*gen.KbTraverseParams, error) {
	const at = "KnowledgeTraverseParams."
	if strings.TrimSpace(p.FromType) == "" {
		return nil, invalid(at+"FromType", "empty; name the starting entity's type")
	}
	key, err := entityKey(at+"FromKey", p.FromKey)
	if err != nil {
		return nil, err
	}
	switch p.Direction {
	case "", TraverseOutbound, TraverseInbound, TraverseBoth:
	default:
		return nil, invalid(at+"Direction", fmt.Sprintf("%q is not outbound, inbound or both", p.Direction))
	}
	if p.MaxDepth < 0 || p.MaxDepth > 3 {
		return nil, invalid(at+"MaxDepth", fmt.Sprintf("%d is outside 1..3 (0 means the server's default)", p.MaxDepth))
	}
	return &gen.KbTraverseParams{FromType: &p.FromType, FromKey: &key, RelationType: optional(p.RelationType),
		Direction: optional(string(p.Direction)), MaxDepth: optional(int64(p.MaxDepth))}, nil
}

// TraversedFact is a fact Traverse reached, Depth hops from the start.
type TraversedFact struct {
	// Depth is how many hops from the starting entity, from 1.
	Depth int64 `json:"depth"`
	// Fact is the fact.
	Fact KnowledgeFact `json:"fact"`
}

// knowledgeTraversal is the wire shape of kbTraverse.
type knowledgeTraversal struct {
	Facts []TraversedFact `json:"facts"`
}

// Traverse follows the knowledge graph's facts from an entity and returns
// the facts it reached, nearest first.
func (s *KnowledgeService) Traverse(ctx context.Context, projectID string, p KnowledgeTraverseParams, opts ...Option) ([]TraversedFact, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	params, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[knowledgeTraversal](ctx, s.c, opts, "kbTraverse", func(server string) (*http.Request, error) {
		return gen.NewKbTraverseRequest(server, projectID, params)
	})
	if err != nil {
		return nil, err
	}
	return out.Facts, nil
}

// KnowledgeStats sums up a project's knowledge base.
type KnowledgeStats struct {
	// Documents counts the documents by status.
	Documents map[string]int64 `json:"documents"`
	// Nodes counts the nodes ("total", "active").
	Nodes map[string]int64 `json:"nodes"`
	// Edges counts the facts linking nodes.
	Edges int64 `json:"edges"`
	// ExtractionTokens is what ingesting the documents cost in model tokens.
	ExtractionTokens int64 `json:"extraction_tokens"`
}

// Stats sums up a project's knowledge base.
func (s *KnowledgeService) Stats(ctx context.Context, projectID string, opts ...Option) (*KnowledgeStats, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	return call[KnowledgeStats](ctx, s.c, opts, "kbGetStats", func(server string) (*http.Request, error) {
		return gen.NewKbGetStatsRequest(server, projectID)
	})
}
