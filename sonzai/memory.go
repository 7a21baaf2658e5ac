package sonzai

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// MemoryListParams selects part of an agent's memory tree. Every field is
// optional.
type MemoryListParams struct {
	// UserID keeps only memories about this user.
	UserID string
	// InstanceID keeps only memories of this agent instance.
	InstanceID string
	// ParentID lists the children of this node; empty lists the top level.
	ParentID string
	// IncludeContents also returns the facts stored under each node, in
	// MemoryTree.Contents.
	IncludeContents bool
	// Scope says which memories to include.
	Scope string
	// Limit is how many nodes to return, 1 to 200; zero means the server's
	// default (50).
	Limit int
	// MemoryType keeps only nodes of this memory type.
	MemoryType string
}

// MemoryTree is one level of an agent's memory tree.
type MemoryTree struct {
	// Nodes are the nodes listed.
	Nodes []MemoryNode `json:"nodes"`
	// Contents are the facts under each node, keyed by node id, when
	// MemoryListParams.IncludeContents was set.
	Contents map[string][]AtomicFact `json:"contents"`
}

// MemoryNode is a node of the memory tree; facts hang off nodes.
type MemoryNode struct {
	// NodeID identifies the node; pass it as MemoryListParams.ParentID to
	// list its children.
	NodeID string `json:"node_id"`
	// AgentID is the agent whose memory this is.
	AgentID string `json:"agent_id"`
	// UserID is the user the memories are about, if any.
	UserID string `json:"user_id"`
	// ParentID is the parent node; empty at the top level.
	ParentID string `json:"parent_id"`
	// Path is the node's place in the tree.
	Path string `json:"path"`
	// Name and Description say what the node holds.
	Name        string `json:"name"`
	Description string `json:"description"`
	// MemoryType is the kind of memory the node holds.
	MemoryType string `json:"memory_type"`
	// Depth is how deep the node sits (0 at the top).
	Depth int64 `json:"depth"`
	// ChildCount and ContentCount count the node's children and facts.
	ChildCount   int64 `json:"child_count"`
	ContentCount int64 `json:"content_count"`
	// ContentRefs are the ids of the facts under the node.
	ContentRefs []string `json:"content_refs"`
	// CrossRefs are the ids of related nodes elsewhere in the tree.
	CrossRefs []string `json:"cross_refs"`
	// Importance and Recency weigh the node in recall.
	Importance float64 `json:"importance"`
	Recency    float64 `json:"recency"`
	// AccessCount is how often the node was recalled.
	AccessCount int64 `json:"access_count"`
	// LastAccessedAt is when it last was; zero when never.
	LastAccessedAt time.Time `json:"last_accessed_at"`
	// IsDeleted marks a node removed but not yet purged.
	IsDeleted bool `json:"is_deleted"`
	// IsPrunable marks a node that may be pruned.
	IsPrunable bool `json:"is_prunable"`
	// Metadata is free-form data attached to the node.
	Metadata map[string]any `json:"metadata"`
	// CreatedAt and UpdatedAt are when the node was created and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// AtomicFact is one remembered fact.
type AtomicFact struct {
	// FactID identifies the fact.
	FactID string `json:"fact_id"`
	// AgentID is the agent that remembers it.
	AgentID string `json:"agent_id"`
	// UserID is the user it is about, if any.
	UserID string `json:"user_id"`
	// NodeID is the memory node it hangs off.
	NodeID string `json:"node_id"`
	// SessionID is the session it was learned in.
	SessionID string `json:"session_id"`
	// AtomicText is the fact, as one sentence.
	AtomicText string `json:"atomic_text"`
	// FactType, Kind and ItemType classify the fact.
	FactType string `json:"fact_type"`
	Kind     string `json:"kind"`
	ItemType string `json:"item_type"`
	// AgentFraming is the fact as the agent would put it.
	AgentFraming string `json:"agent_framing"`
	// Assertion is true when the fact was stated rather than inferred.
	Assertion bool `json:"assertion"`
	// Confidence is how sure the extractor is of the fact.
	Confidence float64 `json:"confidence"`
	// Importance, CharacterSalience, EmotionalIntensity and
	// RelationshipRelevance weigh the fact in recall.
	Importance            float64 `json:"importance"`
	CharacterSalience     float64 `json:"character_salience"`
	EmotionalIntensity    float64 `json:"emotional_intensity"`
	RelationshipRelevance float64 `json:"relationship_relevance"`
	// RetentionStrength is how well the fact is retained.
	RetentionStrength float64 `json:"retention_strength"`
	// Quantity is a number the fact carries, if any.
	Quantity float64 `json:"quantity"`
	// MentionCount is how often the fact came up.
	MentionCount int64 `json:"mention_count"`
	// HitCount and MissCount count useful and useless recalls.
	HitCount  int64 `json:"hit_count"`
	MissCount int64 `json:"miss_count"`
	// Entities are the people, places and things the fact names;
	// InferredEntities are the ones it implies.
	Entities         []string `json:"entities"`
	InferredEntities []string `json:"inferred_entities"`
	// EvidenceMessageIDs are the messages the fact was drawn from.
	EvidenceMessageIDs []string `json:"evidence_message_ids"`
	// TopicTags tag the fact's topics.
	TopicTags []string `json:"topic_tags"`
	// ChunkID, ClusterID, EpisodeID and PolarityGroupID group related facts.
	ChunkID         string `json:"chunk_id"`
	ClusterID       string `json:"cluster_id"`
	EpisodeID       string `json:"episode_id"`
	PolarityGroupID string `json:"polarity_group_id"`
	// SupersedesID is the fact this one replaces.
	SupersedesID string `json:"supersedes_id"`
	// SourceID and SourceType say where the fact came from.
	SourceID   string `json:"source_id"`
	SourceType string `json:"source_type"`
	// SubjectRelation is how the fact's subject relates to the user.
	SubjectRelation string `json:"subject_relation"`
	// ScopeHint suggests where the fact applies.
	ScopeHint string `json:"scope_hint"`
	// Sentiment, Priority and TemporalRelevance qualify the fact.
	Sentiment         string `json:"sentiment"`
	Priority          string `json:"priority"`
	TemporalRelevance string `json:"temporal_relevance"`
	// Metadata is free-form data attached to the fact.
	Metadata map[string]any `json:"metadata"`
	// EventTime is when the fact's event happened; zero when unknown.
	EventTime time.Time `json:"event_time"`
	// TimeSensitiveAt is when the fact becomes time-sensitive.
	TimeSensitiveAt time.Time `json:"time_sensitive_at"`
	// ValidFrom and ValidUntil bound when the fact holds.
	ValidFrom  time.Time `json:"valid_from"`
	ValidUntil time.Time `json:"valid_until"`
	// LastConfirmed is when the fact was last confirmed.
	LastConfirmed time.Time `json:"last_confirmed"`
	// LastRetrievedAt is when the fact was last recalled.
	LastRetrievedAt time.Time `json:"last_retrieved_at"`
	// CreatedAt and UpdatedAt are when the fact was stored and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// List reads one level of an agent's memory tree: the top level, or the
// children of p.ParentID.
func (s *MemoryService) List(ctx context.Context, agentID string, p MemoryListParams, opts ...Option) (*MemoryTree, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > 200 {
		return nil, invalid("MemoryListParams.Limit", fmt.Sprintf("%d is outside 1..200 (0 means the server's default)", p.Limit))
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	params := &gen.GetMemoryTreeParams{
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
		ParentId:   optional(p.ParentID),
		Scope:      optional(p.Scope),
		Limit:      optional(int64(p.Limit)),
		MemoryType: optional(p.MemoryType),
	}
	if p.IncludeContents {
		params.IncludeContents = optional("true")
	}
	req, err := gen.NewGetMemoryTreeRequest(ep.server, agentID, params)
	out := new(MemoryTree)
	if _, err := ep.doJSON(ctx, "getMemoryTree", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// MemorySearchParams searches an agent's memories.
type MemorySearchParams struct {
	// Query is what to look for. Required.
	Query string
	// UserID keeps only memories about this user.
	UserID string
	// InstanceID keeps only memories of this agent instance.
	InstanceID string
	// Mode is the search strategy; empty means the server's default.
	Mode string
	// Limit is how many hits to return, 1 to 100; zero means the server's
	// default (20).
	Limit int
	// IncludeVerbatim also searches the verbatim transcript.
	IncludeVerbatim bool
}

// MemorySearchHit is one fact a memory search found.
type MemorySearchHit struct {
	// FactID identifies the fact.
	FactID string `json:"fact_id"`
	// Content is the fact's text.
	Content string `json:"content"`
	// FactType is the kind of fact.
	FactType string `json:"fact_type"`
	// Score is how well the fact matches; higher is better.
	Score float64 `json:"score"`
	// SessionID is the session the fact was learned in.
	SessionID string `json:"session_id"`
}

// memorySearchResult is the wire shape of a search's answer.
type memorySearchResult struct {
	Results []MemorySearchHit `json:"results"`
}

// Search searches an agent's memories and returns the hits, best first.
func (s *MemoryService) Search(ctx context.Context, agentID string, p MemorySearchParams, opts ...Option) ([]MemorySearchHit, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.Query) == "" {
		return nil, invalid("MemorySearchParams.Query", "empty; say what to look for")
	}
	if p.Limit < 0 || p.Limit > 100 {
		return nil, invalid("MemorySearchParams.Limit", fmt.Sprintf("%d is outside 1..100 (0 means the server's default)", p.Limit))
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	params := &gen.SearchMemoriesParams{
		Q:          p.Query,
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
		Mode:       optional(p.Mode),
		Limit:      optional(int64(p.Limit)),
	}
	if p.IncludeVerbatim {
		params.IncludeVerbatim = optional("true")
	}
	req, err := gen.NewSearchMemoriesRequest(ep.server, agentID, params)
	var out memorySearchResult
	if _, err := ep.doJSON(ctx, "searchMemories", req, err, &out); err != nil {
		return nil, err
	}
	return out.Results, nil
}
