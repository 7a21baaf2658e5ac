package sonzai

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// KnowledgeFact is a fact of the knowledge graph: a relation from one
// node to another, in one version. A new version of the same (from,
// relation, to) replaces it as the active one.
type KnowledgeFact struct {
	// FactID identifies this version.
	FactID string `json:"fact_id"`
	// FromNodeID, RelationType and ToNodeID are the fact.
	FromNodeID   string `json:"from_node_id"`
	RelationType string `json:"relation_type"`
	ToNodeID     string `json:"to_node_id"`
	// Properties qualify it.
	Properties map[string]any `json:"properties"`
	// SourceDocumentID, SourcePage and SourceSnippet say where it was read,
	// when it came from a document; ExtractionConfidence how sure the
	// extraction was.
	SourceDocumentID     string  `json:"source_document_id"`
	SourcePage           int64   `json:"source_page"`
	SourceSnippet        string  `json:"source_snippet"`
	ExtractionConfidence float64 `json:"extraction_confidence"`
	// EffectiveDate is when the fact holds from.
	EffectiveDate time.Time `json:"effective_date"`
	// Version counts the fact's versions; IsActive is true for the current
	// one.
	Version  int64 `json:"version"`
	IsActive bool  `json:"is_active"`
	// CreatedAt is when this version was stored.
	CreatedAt time.Time `json:"created_at"`
}

// KnowledgeFactPage is one page of KnowledgeService.ListFactsPage.
type KnowledgeFactPage struct {
	// Facts are this page's active facts.
	Facts []KnowledgeFact `json:"facts"`
	// NextPageToken is where the next page starts; empty on the last page.
	NextPageToken string `json:"next_page_token"`
}

// KnowledgeFactListParams pages KnowledgeService.ListFacts.
type KnowledgeFactListParams struct {
	// Limit is how many facts a page holds, 1 to 500; zero means the
	// server's default (50).
	Limit int
	// PageToken is the NextPageToken of the previous page; empty for the
	// first.
	PageToken string
}

func (p KnowledgeFactListParams) validate() error {
	if p.Limit < 0 || p.Limit > 500 {
		return invalid("KnowledgeFactListParams.Limit", fmt.Sprintf("%d is outside 1..500 (0 means the server's default)", p.Limit))
	}
	return nil
}

// maxKnowledgeFactPages bounds ListFacts, so a server that never stops
// paging cannot keep a caller looping forever.
const maxKnowledgeFactPages = 10_000

// ListFactsPage reads one page of a project's active facts. Pass the
// page's NextPageToken as PageToken to read the next one; ListFacts does
// that for you.
func (s *KnowledgeService) ListFactsPage(ctx context.Context, projectID string, p KnowledgeFactListParams, opts ...Option) (*KnowledgeFactPage, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return s.listFactsPage(ctx, projectID, p, opts)
}

func (s *KnowledgeService) listFactsPage(ctx context.Context, projectID string, p KnowledgeFactListParams, opts []Option) (*KnowledgeFactPage, error) {
	return call[KnowledgeFactPage](ctx, s.c, opts, "kbListFacts", func(server string) (*http.Request, error) {
		return gen.NewKbListFactsRequest(server, projectID, &gen.KbListFactsParams{
			Limit: optional(int64(p.Limit)), PageToken: optional(p.PageToken)})
	})
}

// ListFacts returns every active fact of a project, following the pages.
// It is lazy: nothing is sent until the loop starts, and each page is one
// request, sent when the previous page's facts have all been yielded, so
// breaking out of the loop stops the fetching. p.PageToken, when set, is
// where the walk starts.
//
// An error (a failed request, a server that repeats a page token, or more
// than 10,000 pages) is yielded once, with a zero KnowledgeFact, and ends
// the iteration.
func (s *KnowledgeService) ListFacts(ctx context.Context, projectID string, p KnowledgeFactListParams, opts ...Option) iter.Seq2[KnowledgeFact, error] {
	return func(yield func(KnowledgeFact, error) bool) {
		if err := requireID("projectID", projectID); err != nil {
			yield(KnowledgeFact{}, err)
			return
		}
		if err := p.validate(); err != nil {
			yield(KnowledgeFact{}, err)
			return
		}
		walkPages("kbListFacts", p.PageToken, maxKnowledgeFactPages, func(token string) (cursorPage[KnowledgeFact], error) {
			p.PageToken = token
			page, err := s.listFactsPage(ctx, projectID, p, opts)
			if err != nil {
				return cursorPage[KnowledgeFact]{}, err
			}
			return cursorPage[KnowledgeFact]{items: page.Facts, next: page.NextPageToken, more: page.NextPageToken != ""}, nil
		}, yield)
	}
}

// KnowledgeEntityInput is an entity for KnowledgeService.InsertFacts:
// created, or merged into the entity of the same type and label.
type KnowledgeEntityInput struct {
	// EntityType and Label name the entity. Required.
	EntityType string
	Label      string
	// Properties are its fields; on an existing entity they are merged
	// into its own.
	Properties map[string]any
}

// KnowledgeRelationshipInput is a fact for KnowledgeService.InsertFacts:
// a relation between two entities named by their labels.
type KnowledgeRelationshipInput struct {
	// FromLabel and ToLabel are the entities' labels; EdgeType the
	// relation. Required.
	FromLabel string
	EdgeType  string
	ToLabel   string
}

// KnowledgeFactInsertParams is what KnowledgeService.InsertFacts writes.
type KnowledgeFactInsertParams struct {
	// Entities are the entities to create or update (the contract's
	// "facts").
	Entities []KnowledgeEntityInput
	// Relationships are the relations to store between entities, new or
	// existing. At least one entity or relationship is required.
	Relationships []KnowledgeRelationshipInput
	// Source records where the data came from; empty means the server's
	// default ("api").
	Source string
}

func (p KnowledgeFactInsertParams) toGen() (gen.KbInsertFactsInputBody, error) {
	const at = "KnowledgeFactInsertParams."
	if len(p.Entities) == 0 && len(p.Relationships) == 0 {
		return gen.KbInsertFactsInputBody{}, invalid(at+"Entities", "empty, and no Relationships either; nothing to insert")
	}
	body := gen.KbInsertFactsInputBody{Facts: make([]gen.InsertFactEntry, len(p.Entities)), Source: p.Source}
	for i, e := range p.Entities {
		field := fmt.Sprintf("%sEntities[%d].", at, i)
		if strings.TrimSpace(e.EntityType) == "" {
			return gen.KbInsertFactsInputBody{}, invalid(field+"EntityType", "empty")
		}
		if strings.TrimSpace(e.Label) == "" {
			return gen.KbInsertFactsInputBody{}, invalid(field+"Label", "empty")
		}
		if err := encodable(field+"Properties", e.Properties); err != nil {
			return gen.KbInsertFactsInputBody{}, err
		}
		props := e.Properties
		if props == nil {
			props = map[string]any{}
		}
		body.Facts[i] = gen.InsertFactEntry{EntityType: e.EntityType, Label: e.Label, Properties: props}
	}
	for i, r := range p.Relationships {
		field := fmt.Sprintf("%sRelationships[%d].", at, i)
		for _, f := range []struct{ name, v string }{{"FromLabel", r.FromLabel}, {"EdgeType", r.EdgeType}, {"ToLabel", r.ToLabel}} {
			if strings.TrimSpace(f.v) == "" {
				return gen.KbInsertFactsInputBody{}, invalid(field+f.name, "empty")
			}
		}
		body.Relationships = append(body.Relationships, gen.InsertRelEntry{FromLabel: r.FromLabel, EdgeType: r.EdgeType, ToLabel: r.ToLabel})
	}
	return body, nil
}

// KnowledgeFactInsert is what KnowledgeService.InsertFacts stored.
type KnowledgeFactInsert struct {
	// Processed counts the entities handled; Created and Updated how many
	// were new and how many existed.
	Processed int64 `json:"processed"`
	Created   int64 `json:"created"`
	Updated   int64 `json:"updated"`
	// Details says what happened to each entity, in order.
	Details []KnowledgeInsertedEntity `json:"details"`
	// Edges are the facts stored for the relationships.
	Edges []KnowledgeInsertedEdge `json:"edges"`
}

// KnowledgeInsertedEntity is what InsertFacts did with one entity.
type KnowledgeInsertedEntity struct {
	// Action is what happened ("created", "updated").
	Action string `json:"action"`
	// NodeID, Type and Label name the entity's node; Version is its
	// version now.
	NodeID  string `json:"node_id"`
	Type    string `json:"type"`
	Label   string `json:"label"`
	Version int64  `json:"version"`
}

// KnowledgeInsertedEdge is a fact InsertFacts stored for a relationship.
type KnowledgeInsertedEdge struct {
	// EdgeID identifies it; FromNode, Relation and ToNode are the fact.
	EdgeID   string `json:"edge_id"`
	FromNode string `json:"from_node"`
	Relation string `json:"relation"`
	ToNode   string `json:"to_node"`
}

// InsertFacts creates or updates entities and stores facts between them.
// It is a POST, retried only when the server provably did not act on it;
// inserting the same data again updates the same entities (a new version)
// rather than duplicating them.
func (s *KnowledgeService) InsertFacts(ctx context.Context, projectID string, p KnowledgeFactInsertParams, opts ...Option) (*KnowledgeFactInsert, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[KnowledgeFactInsert](ctx, s.c, opts, "kbInsertFacts", func(server string) (*http.Request, error) {
		return gen.NewKbInsertFactsRequest(server, projectID, body)
	})
}

// FactTuple names a fact of the knowledge graph across its versions. Every
// field is required.
type FactTuple struct {
	FromNodeID   string
	RelationType string
	ToNodeID     string
}

func (t FactTuple) validate() error {
	for _, f := range []struct{ name, v string }{{"FromNodeID", t.FromNodeID}, {"RelationType", t.RelationType}, {"ToNodeID", t.ToNodeID}} {
		if f.v == "" {
			return invalid("FactTuple."+f.name, "empty; a fact is named by its two nodes and its relation")
		}
	}
	return nil
}

// knowledgeFactResult is the wire shape of kbGetActiveFact.
type knowledgeFactResult struct {
	Fact KnowledgeFact `json:"fact"`
}

// ActiveFact reads the current version of a fact.
func (s *KnowledgeService) ActiveFact(ctx context.Context, projectID string, t FactTuple, opts ...Option) (*KnowledgeFact, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	if err := t.validate(); err != nil {
		return nil, err
	}
	out, err := call[knowledgeFactResult](ctx, s.c, opts, "kbGetActiveFact", func(server string) (*http.Request, error) {
		return gen.NewKbGetActiveFactRequest(server, projectID, &gen.KbGetActiveFactParams{
			FromNodeId: &t.FromNodeID, ToNodeId: &t.ToNodeID, RelationType: &t.RelationType})
	})
	if err != nil {
		return nil, err
	}
	return &out.Fact, nil
}

// knowledgeFactVersions is the wire shape of kbGetFactHistory.
type knowledgeFactVersions struct {
	Versions []KnowledgeFact `json:"versions"`
}

// FactHistory reads every version of a fact, as the server orders them.
func (s *KnowledgeService) FactHistory(ctx context.Context, projectID string, t FactTuple, opts ...Option) ([]KnowledgeFact, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	if err := t.validate(); err != nil {
		return nil, err
	}
	out, err := call[knowledgeFactVersions](ctx, s.c, opts, "kbGetFactHistory", func(server string) (*http.Request, error) {
		return gen.NewKbGetFactHistoryRequest(server, projectID, &gen.KbGetFactHistoryParams{
			FromNodeId: &t.FromNodeID, ToNodeId: &t.ToNodeID, RelationType: &t.RelationType})
	})
	if err != nil {
		return nil, err
	}
	return out.Versions, nil
}
