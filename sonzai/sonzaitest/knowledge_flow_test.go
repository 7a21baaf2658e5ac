package sonzaitest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestKnowledgeFlow calls every knowledge operation under the recording
// harness, so each answer (errors included) is checked against the
// contract, and checks that what one writes the others read.
func TestKnowledgeFlow(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	h := newHarness(t, WithClock(clock), WithJobDuration(time.Second))
	ctx := ctxT(t)
	c := h.client
	const project = "proj-flow"

	// An upload larger than the 4 MiB other bodies may have.
	big := bytes.Repeat([]byte("0123456789abcdef"), 6<<16) // 6 MiB
	up, err := c.Knowledge.Upload(ctx, project, sonzai.DocumentUploadParams{File: bytes.NewReader(big), FileName: "manual.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if up.FileSize != int64(len(big)) || up.Status != sonzai.DocumentPending {
		t.Errorf("Upload = %+v", up)
	}
	stats, err := c.Knowledge.Stats(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents["pending"] != 1 {
		t.Errorf("Stats while pending = %+v", stats)
	}
	clock.Advance(time.Second)
	doc, err := c.Knowledge.GetDocument(ctx, project, up.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != sonzai.DocumentCompleted || doc.ContentType != "application/pdf" || doc.DocType != "pdf" || doc.RootEntityNodeID == "" {
		t.Errorf("GetDocument = %+v", doc)
	}
	if docs, err := c.Knowledge.ListDocuments(ctx, project, sonzai.DocumentListParams{Limit: 1}); err != nil || len(docs.Documents) != 1 || docs.Total != 1 {
		t.Errorf("ListDocuments = %+v, %v", docs, err)
	}
	if _, err := c.Knowledge.DocumentCost(ctx, project, up.DocumentID); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.ClassifyDocument(ctx, project, up.DocumentID, sonzai.DocumentClassifyParams{EntityType: "manual", Key: map[string]any{"name": "Manual"}}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.ReingestDocument(ctx, project, up.DocumentID); err != nil {
		t.Error(err)
	}
	// The ingested document is a node search finds.
	hits, err := c.Knowledge.Search(ctx, project, sonzai.KnowledgeSearchParams{Query: "manual.pdf", Types: []string{"document"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].NodeID != doc.RootEntityNodeID {
		t.Errorf("Search(manual.pdf) = %+v", hits)
	}

	ins, err := c.Knowledge.InsertFacts(ctx, project, sonzai.KnowledgeFactInsertParams{
		Entities: []sonzai.KnowledgeEntityInput{{EntityType: "clinic", Label: "North"}, {EntityType: "city", Label: "Oslo"}},
		Relationships: []sonzai.KnowledgeRelationshipInput{
			{FromLabel: "North", EdgeType: "in", ToLabel: "Oslo"},
			{FromLabel: "North", EdgeType: "in", ToLabel: "Nowhere"}, // skipped: no such entity
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ins.Edges) != 1 {
		t.Errorf("InsertFacts edges = %+v, want the one between known entities", ins.Edges)
	}
	tuple := sonzai.FactTuple{FromNodeID: ins.Edges[0].FromNode, RelationType: "in", ToNodeID: ins.Edges[0].ToNode}
	if _, err := c.Knowledge.ActiveFact(ctx, project, tuple); err != nil {
		t.Error(err)
	}
	if v, err := c.Knowledge.FactHistory(ctx, project, tuple); err != nil || len(v) != 1 {
		t.Errorf("FactHistory = %+v, %v", v, err)
	}
	for _, err := range c.Knowledge.ListFacts(ctx, project, sonzai.KnowledgeFactListParams{}) {
		if err != nil {
			t.Error(err)
		}
	}
	if _, err := c.Knowledge.GetEntity(ctx, project, "clinic", map[string]any{"name": "North"}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.Traverse(ctx, project, sonzai.KnowledgeTraverseParams{FromType: "city", FromKey: map[string]any{"name": "Oslo"}, Direction: sonzai.TraverseBoth}); err != nil {
		t.Error(err)
	}

	n, err := c.Knowledge.CreateNode(ctx, project, sonzai.NodeCreateParams{NodeType: "policy", Label: "Hours", Properties: map[string]any{"opens": 9}, AgentID: "a1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Knowledge.UpdateNode(ctx, project, n.NodeID, sonzai.NodeUpdateParams{Properties: map[string]sonzai.ValueChange{"opens": {Current: 9, New: 8}}}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.UpdateNode(ctx, project, n.NodeID, sonzai.NodeUpdateParams{Properties: map[string]sonzai.ValueChange{"opens": {Current: 9, New: 7}}}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("stale UpdateNode: %v", err)
	}
	if _, err := c.Knowledge.GetNode(ctx, project, n.NodeID, sonzai.NodeGetParams{History: true}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.NodeHistory(ctx, project, n.NodeID, sonzai.NodeHistoryParams{}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.ListNodes(ctx, project, sonzai.NodeListParams{SortBy: "properties.opens"}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.PromoteNode(ctx, project, n.NodeID, sonzai.NodePromoteParams{TenantID: "tenant-flow"}); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.CreateOrgNode(ctx, "tenant-flow", sonzai.OrgNodeCreateParams{NodeType: "policy", Label: "Dress code"}); err != nil {
		t.Error(err)
	}
	if l, err := c.Knowledge.ListOrgNodes(ctx, "tenant-flow", sonzai.OrgNodeListParams{All: true}); err != nil || l.Total != 2 {
		t.Errorf("ListOrgNodes = %+v, %v", l, err)
	}
	clinic := ins.Details[0].NodeID
	if err := c.Knowledge.DeleteNodeChecked(ctx, project, clinic, sonzai.NodeCheckedDeleteParams{ExpectedLabel: "South"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("DeleteNodeChecked with the wrong label: %v", err)
	}
	if err := c.Knowledge.DeleteNodeChecked(ctx, project, clinic, sonzai.NodeCheckedDeleteParams{ExpectedLabel: "North"}); err != nil {
		t.Error(err)
	}
	if err := c.Knowledge.DeleteNode(ctx, project, ins.Details[1].NodeID); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.ActiveFact(ctx, project, tuple); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("the fact of a deleted node: %v", err)
	}

	sc, err := c.Knowledge.CreateSchema(ctx, project, sonzai.SchemaCreateParams{EntityType: "clinic", Fields: []sonzai.SchemaField{{Name: "name", Type: "string"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Knowledge.UpdateSchema(ctx, project, sc.SchemaID, sonzai.SchemaUpdateParams{Similarity: &sonzai.SimilarityConfig{Enabled: true, Threshold: 0.9}}); err != nil {
		t.Error(err)
	}
	if l, err := c.Knowledge.ListSchemas(ctx, project); err != nil || len(l) != 1 {
		t.Errorf("ListSchemas = %+v, %v", l, err)
	}
	if _, err := c.Knowledge.BulkUpdateProperties(ctx, project, sonzai.PropertiesBulkUpdateParams{Updates: []sonzai.KnowledgeEntityInput{{EntityType: "clinic", Label: "South"}}}); err != nil {
		t.Error(err)
	}
	if err := c.Knowledge.DeleteSchema(ctx, project, sc.SchemaID); err != nil {
		t.Error(err)
	}
	if err := c.Knowledge.DeleteDocument(ctx, project, up.DocumentID); err != nil {
		t.Error(err)
	}
	if _, err := c.Knowledge.GetDocument(ctx, project, up.DocumentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("a deleted document: %v", err)
	}
}
