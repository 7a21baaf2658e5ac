package sonzai_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const memoryTreeJSON = `{
	"$schema": "https://api.sonz.ai/schemas/MemoryTree.json",
	"nodes": [{
		"node_id": "n1", "agent_id": "a1", "user_id": "user-123", "parent_id": "root",
		"path": "/people/user-123", "name": "Alice", "description": "What Alice shared",
		"memory_type": "episodic", "depth": 1, "child_count": 2, "content_count": 1,
		"content_refs": ["f1"], "cross_refs": ["n9"], "importance": 0.8, "recency": 0.6,
		"access_count": 5, "last_accessed_at": "2026-03-04T05:06:07Z", "is_deleted": true, "is_prunable": true,
		"metadata": {"source": "process", "weight": 2},
		"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-02-01T00:00:00Z"
	}],
	"contents": {"n1": [{
		"$schema": "https://api.sonz.ai/schemas/AtomicFact.json",
		"fact_id": "f1", "agent_id": "a1", "user_id": "user-123", "node_id": "n1", "session_id": "s1",
		"atomic_text": "Alice's last order shipped from Tokyo via DHL.",
		"fact_type": "event", "kind": "observation", "item_type": "order", "agent_framing": "She told me about Tokyo.",
		"assertion": true, "confidence": 0.9, "importance": 0.7, "character_salience": 0.3,
		"emotional_intensity": 0.2, "relationship_relevance": 0.4, "retention_strength": 0.95, "quantity": 42,
		"mention_count": 3, "hit_count": 4, "miss_count": 1,
		"entities": ["Tokyo"], "inferred_entities": ["Japan"], "evidence_message_ids": ["m3"], "topic_tags": ["shipping"],
		"chunk_id": "c1", "cluster_id": "cl1", "episode_id": "e1", "polarity_group_id": "p1", "supersedes_id": "f0",
		"source_id": "tool:order-lookup", "source_type": "tool", "subject_relation": "self", "scope_hint": "user",
		"sentiment": "neutral", "priority": "normal", "temporal_relevance": "past",
		"metadata": {"carrier": "DHL"},
		"event_time": "2026-02-28T09:00:00Z", "time_sensitive_at": "2026-03-10T00:00:00Z",
		"valid_from": "2026-02-28T00:00:00Z", "valid_until": "2026-12-31T00:00:00Z",
		"last_confirmed": "2026-03-01T00:00:00Z", "last_retrieved_at": "2026-03-02T00:00:00Z",
		"created_at": "2026-02-28T10:00:00Z", "updated_at": "2026-03-01T10:00:00Z"
	}]}
}`

func TestMemoryListSendsEveryParameterAndDecodesTheTree(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/My%20Agent%2Fv2/memory", query: url.Values{
		"user_id": {"user-123"}, "instance_id": {"inst-1"}, "parent_id": {"root"}, "include_contents": {"true"},
		"scope": {"user"}, "limit": {"25"}, "memory_type": {"episodic"},
	}}, 200, memoryTreeJSON)
	got, err := c.Memory.List(context.Background(), "My Agent/v2", sonzai.MemoryListParams{
		UserID: "user-123", InstanceID: "inst-1", ParentID: "root", IncludeContents: true,
		Scope: "user", Limit: 25, MemoryType: "episodic",
	})
	mustSucceed(t, err)
	requireAllSet(t, "MemoryTree", *got)
	node := got.Nodes[0]
	wantNode := sonzai.MemoryNode{
		NodeID: "n1", AgentID: "a1", UserID: "user-123", ParentID: "root", Path: "/people/user-123",
		Name: "Alice", Description: "What Alice shared", MemoryType: "episodic", Depth: 1, ChildCount: 2,
		ContentCount: 1, ContentRefs: []string{"f1"}, CrossRefs: []string{"n9"}, Importance: 0.8, Recency: 0.6,
		AccessCount: 5, LastAccessedAt: wireTime(t, "2026-03-04T05:06:07Z"), IsDeleted: true, IsPrunable: true,
		Metadata:  map[string]any{"source": "process", "weight": float64(2)},
		CreatedAt: wireTime(t, "2026-01-01T00:00:00Z"), UpdatedAt: wireTime(t, "2026-02-01T00:00:00Z"),
	}
	if !reflect.DeepEqual(node, wantNode) {
		t.Errorf("node =\n  %+v\nwant\n  %+v", node, wantNode)
	}
	facts := got.Contents["n1"]
	if len(facts) != 1 {
		t.Fatalf("contents = %+v", got.Contents)
	}
	wantFact := sonzai.AtomicFact{
		FactID: "f1", AgentID: "a1", UserID: "user-123", NodeID: "n1", SessionID: "s1",
		AtomicText: "Alice's last order shipped from Tokyo via DHL.", FactType: "event", Kind: "observation",
		ItemType: "order", AgentFraming: "She told me about Tokyo.", Assertion: true, Confidence: 0.9,
		Importance: 0.7, CharacterSalience: 0.3, EmotionalIntensity: 0.2, RelationshipRelevance: 0.4,
		RetentionStrength: 0.95, Quantity: 42, MentionCount: 3, HitCount: 4, MissCount: 1,
		Entities: []string{"Tokyo"}, InferredEntities: []string{"Japan"}, EvidenceMessageIDs: []string{"m3"},
		TopicTags: []string{"shipping"}, ChunkID: "c1", ClusterID: "cl1", EpisodeID: "e1", PolarityGroupID: "p1",
		SupersedesID: "f0", SourceID: "tool:order-lookup", SourceType: "tool", SubjectRelation: "self",
		ScopeHint: "user", Sentiment: "neutral", Priority: "normal", TemporalRelevance: "past",
		Metadata:        map[string]any{"carrier": "DHL"},
		EventTime:       wireTime(t, "2026-02-28T09:00:00Z"),
		TimeSensitiveAt: wireTime(t, "2026-03-10T00:00:00Z"),
		ValidFrom:       wireTime(t, "2026-02-28T00:00:00Z"),
		ValidUntil:      wireTime(t, "2026-12-31T00:00:00Z"),
		LastConfirmed:   wireTime(t, "2026-03-01T00:00:00Z"),
		LastRetrievedAt: wireTime(t, "2026-03-02T00:00:00Z"),
		CreatedAt:       wireTime(t, "2026-02-28T10:00:00Z"),
		UpdatedAt:       wireTime(t, "2026-03-01T10:00:00Z"),
	}
	if !reflect.DeepEqual(facts[0], wantFact) {
		t.Errorf("fact =\n  %+v\nwant\n  %+v", facts[0], wantFact)
	}
}

func TestMemoryListWithoutParametersSendsNoQuery(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/memory"}, 200, `{"nodes": null}`)
	got, err := c.Memory.List(context.Background(), "a1", sonzai.MemoryListParams{})
	mustSucceed(t, err)
	if len(got.Nodes) != 0 || got.Contents != nil {
		t.Errorf("empty tree = %+v", got)
	}
}

func TestMemorySearch(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/memory/search", query: url.Values{
		"q": {"long hikes & trails"}, "user_id": {"user-123"}, "instance_id": {"inst-1"},
		"mode": {"hybrid"}, "limit": {"100"}, "include_verbatim": {"true"},
	}}, 200, `{
		"$schema": "https://api.sonz.ai/schemas/MemorySearchResult.json",
		"results": [
			{"fact_id": "f1", "content": "Alice loves long hikes.", "fact_type": "preference", "score": 0.92, "session_id": "s1"},
			{"fact_id": "f2", "content": "Alice hiked Kumano Kodo.", "fact_type": "event", "score": 0.81}
		]}`)
	got, err := c.Memory.Search(context.Background(), "a1", sonzai.MemorySearchParams{
		Query: "long hikes & trails", UserID: "user-123", InstanceID: "inst-1", Mode: "hybrid",
		Limit: 100, IncludeVerbatim: true,
	})
	mustSucceed(t, err)
	want := []sonzai.MemorySearchHit{
		{FactID: "f1", Content: "Alice loves long hikes.", FactType: "preference", Score: 0.92, SessionID: "s1"},
		{FactID: "f2", Content: "Alice hiked Kumano Kodo.", FactType: "event", Score: 0.81},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Search = %+v, want %+v", got, want)
	}
	requireAllSet(t, "MemorySearchHit", got[0])

	// Only the query when nothing else is set.
	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/memory/search",
		query: url.Values{"q": {"hiking"}}}, 200, `{"results": []}`)
	got, err = c.Memory.Search(context.Background(), "a1", sonzai.MemorySearchParams{Query: "hiking"})
	mustSucceed(t, err)
	if len(got) != 0 {
		t.Errorf("no hits = %+v", got)
	}
}
