package sonzai_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// TestKnowledgeFactsAndSearch inserts entities and facts and reads them
// back through every view: the facts list (paged), the active fact and its
// history, the entity, a traversal, search and the stats.
func TestKnowledgeFactsAndSearch(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ins, err := c.Knowledge.InsertFacts(ctx, kbProject, sonzai.KnowledgeFactInsertParams{
		Entities: []sonzai.KnowledgeEntityInput{
			{EntityType: "medication", Label: "Aspirin", Properties: map[string]any{"dose_mg": 300, "form": "tablet"}},
			{EntityType: "condition", Label: "Headache"},
			{EntityType: "condition", Label: "Fever"},
			{EntityType: "organ", Label: "Stomach"},
		},
		Relationships: []sonzai.KnowledgeRelationshipInput{
			{FromLabel: "Aspirin", EdgeType: "treats", ToLabel: "Headache"},
			{FromLabel: "Aspirin", EdgeType: "treats", ToLabel: "Fever"},
			{FromLabel: "Fever", EdgeType: "affects", ToLabel: "Stomach"},
		},
		Source: "formulary",
	})
	if err != nil {
		t.Fatal(err)
	}
	if ins.Processed != 4 || ins.Created != 4 || ins.Updated != 0 || len(ins.Details) != 4 || len(ins.Edges) != 3 ||
		ins.Details[0].Action != "created" || ins.Details[0].Version != 1 || ins.Edges[0].Relation != "treats" {
		t.Fatalf("InsertFacts = %+v", ins)
	}
	aspirin := ins.Details[0].NodeID
	headache := ins.Details[1].NodeID

	// Inserting the same fact again makes a new version of it, and
	// updates the entity.
	again, err := c.Knowledge.InsertFacts(ctx, kbProject, sonzai.KnowledgeFactInsertParams{
		Entities:      []sonzai.KnowledgeEntityInput{{EntityType: "medication", Label: "aspirin", Properties: map[string]any{"dose_mg": 500}}},
		Relationships: []sonzai.KnowledgeRelationshipInput{{FromLabel: "Aspirin", EdgeType: "treats", ToLabel: "Headache"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if again.Updated != 1 || again.Details[0].Action != "updated" || again.Details[0].NodeID != aspirin || again.Details[0].Version != 2 {
		t.Errorf("second InsertFacts = %+v", again)
	}

	var facts []sonzai.KnowledgeFact
	for f, err := range c.Knowledge.ListFacts(ctx, kbProject, sonzai.KnowledgeFactListParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		facts = append(facts, f)
	}
	if len(facts) != 3 {
		t.Fatalf("ListFacts = %d facts, want the 3 active ones", len(facts))
	}
	for _, f := range facts {
		if !f.IsActive || f.FactID == "" || f.CreatedAt.IsZero() {
			t.Errorf("listed fact %+v", f)
		}
	}
	page, err := c.Knowledge.ListFactsPage(ctx, kbProject, sonzai.KnowledgeFactListParams{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Facts) != 2 || page.NextPageToken == "" {
		t.Errorf("ListFactsPage = %+v", page)
	}

	tuple := sonzai.FactTuple{FromNodeID: aspirin, RelationType: "treats", ToNodeID: headache}
	active, err := c.Knowledge.ActiveFact(ctx, kbProject, tuple)
	if err != nil {
		t.Fatal(err)
	}
	if active.Version != 2 || !active.IsActive || active.FromNodeID != aspirin || active.ToNodeID != headache {
		t.Errorf("ActiveFact = %+v", active)
	}
	versions, err := c.Knowledge.FactHistory(ctx, kbProject, tuple)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || versions[0].Version != 2 || versions[1].Version != 1 || versions[1].IsActive {
		t.Errorf("FactHistory = %+v", versions)
	}

	ent, err := c.Knowledge.GetEntity(ctx, kbProject, "medication", map[string]any{"name": "Aspirin"})
	if err != nil {
		t.Fatal(err)
	}
	if ent.EntityNodeID != aspirin || len(ent.OutgoingFacts) != 2 || len(ent.IncomingFacts) != 0 || ent.EntityKey["name"] != "Aspirin" {
		t.Errorf("GetEntity = %+v", ent)
	}

	trav, err := c.Knowledge.Traverse(ctx, kbProject, sonzai.KnowledgeTraverseParams{
		FromType: "medication", FromKey: map[string]any{"name": "Aspirin"}, MaxDepth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(trav) != 3 || trav[0].Depth != 1 || trav[2].Depth != 2 || trav[2].Fact.RelationType != "affects" {
		t.Errorf("Traverse = %+v", trav)
	}
	onlyTreats, err := c.Knowledge.Traverse(ctx, kbProject, sonzai.KnowledgeTraverseParams{
		FromType: "condition", FromKey: map[string]any{"name": "Headache"}, Direction: sonzai.TraverseInbound, RelationType: "treats"})
	if err != nil {
		t.Fatal(err)
	}
	if len(onlyTreats) != 1 || onlyTreats[0].Fact.FromNodeID != aspirin {
		t.Errorf("inbound Traverse = %+v", onlyTreats)
	}

	hits, err := c.Knowledge.Search(ctx, kbProject, sonzai.KnowledgeSearchParams{Query: "aspirin tablet", History: true, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].NodeID != aspirin || hits[0].Score == nil || hits[0].UpdatedAt.IsZero() ||
		len(hits[0].History) != 2 || len(hits[0].Related) != 3 || hits[0].Properties["dose_mg"] != 500.0 {
		t.Fatalf("Search = %+v", hits)
	}
	filtered, err := c.Knowledge.Search(ctx, kbProject, sonzai.KnowledgeSearchParams{Query: "headache fever", Types: []string{"condition"},
		Filters: map[string]any{"name": "Fever"}, Mode: sonzai.SearchModeBM25})
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered) != 1 || filtered[0].Label != "Fever" {
		t.Errorf("filtered Search = %+v", filtered)
	}

	stats, err := c.Knowledge.Stats(ctx, kbProject)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Nodes["active"] != 4 || stats.Edges != 3 {
		t.Errorf("Stats = %+v", stats)
	}

	checkNotFound(t, c, []sdkCall{
		{"ActiveFact", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ActiveFact(ctx, kbProject, sonzai.FactTuple{FromNodeID: headache, RelationType: "treats", ToNodeID: aspirin})
			return err
		}},
		{"FactHistory", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.FactHistory(ctx, kbProject, sonzai.FactTuple{FromNodeID: "x", RelationType: "y", ToNodeID: "z"})
			return err
		}},
		{"GetEntity", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetEntity(ctx, kbProject, "medication", map[string]any{"name": "Ibuprofen"})
			return err
		}},
		{"Traverse", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Traverse(ctx, kbProject, sonzai.KnowledgeTraverseParams{FromType: "organ", FromKey: map[string]any{"name": "Liver"}})
			return err
		}},
	})
}

// TestKnowledgeListFactsRepeatedToken: a server that sends the same page
// token twice ends the iteration with an error instead of looping.
func TestKnowledgeListFactsRepeatedToken(t *testing.T) {
	n := 0
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		writeJSON(w, 200, map[string]any{"facts": []map[string]any{{"fact_id": "f"}}, "next_page_token": "same"})
	}))
	var got int
	var last error
	for _, err := range c.Knowledge.ListFacts(context.Background(), kbProject, sonzai.KnowledgeFactListParams{}) {
		if err != nil {
			last = err
			break
		}
		got++
	}
	if last == nil || !strings.Contains(last.Error(), "a second time") || got != 2 || n != 2 {
		t.Errorf("got %d facts over %d requests, err %v", got, n, last)
	}
}

func TestKnowledgeSearchInvalidInput(t *testing.T) {
	checkInvalidSendsNothing(t, []invalidCase{
		{sdkCall{"Search query", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: " "})
			return err
		}}, "KnowledgeSearchParams.Query"},
		{sdkCall{"Search limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: "q", Limit: 101})
			return err
		}}, "KnowledgeSearchParams.Limit"},
		{sdkCall{"Search depth", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: "q", Depth: 3})
			return err
		}}, "KnowledgeSearchParams.Depth"},
		{sdkCall{"Search mode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: "q", Mode: "fuzzy"})
			return err
		}}, "KnowledgeSearchParams.Mode"},
		{sdkCall{"Search types", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: "q", Types: []string{"a", "b,c"}})
			return err
		}}, "KnowledgeSearchParams.Types[1]"},
		{sdkCall{"Search filters", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "p", sonzai.KnowledgeSearchParams{Query: "q", Filters: map[string]any{"f": func() {}}})
			return err
		}}, "KnowledgeSearchParams.Filters"},
		{sdkCall{"Search project", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Search(ctx, "", sonzai.KnowledgeSearchParams{Query: "q"})
			return err
		}}, "projectID"},
		{sdkCall{"GetEntity type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetEntity(ctx, "p", "", map[string]any{"name": "x"})
			return err
		}}, "entityType"},
		{sdkCall{"GetEntity key", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetEntity(ctx, "p", "t", nil)
			return err
		}}, "key"},
		{sdkCall{"Traverse type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Traverse(ctx, "p", sonzai.KnowledgeTraverseParams{FromKey: map[string]any{"a": 1}})
			return err
		}}, "KnowledgeTraverseParams.FromType"},
		{sdkCall{"Traverse key", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Traverse(ctx, "p", sonzai.KnowledgeTraverseParams{FromType: "t"})
			return err
		}}, "KnowledgeTraverseParams.FromKey"},
		{sdkCall{"Traverse direction", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Traverse(ctx, "p", sonzai.KnowledgeTraverseParams{FromType: "t", FromKey: map[string]any{"a": 1}, Direction: "up"})
			return err
		}}, "KnowledgeTraverseParams.Direction"},
		{sdkCall{"Traverse depth", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Traverse(ctx, "p", sonzai.KnowledgeTraverseParams{FromType: "t", FromKey: map[string]any{"a": 1}, MaxDepth: 4})
			return err
		}}, "KnowledgeTraverseParams.MaxDepth"},
		{sdkCall{"Stats", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Stats(ctx, "..")
			return err
		}}, "projectID"},
		{sdkCall{"ListFacts limit", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Knowledge.ListFacts(ctx, "p", sonzai.KnowledgeFactListParams{Limit: 501}))
		}}, "KnowledgeFactListParams.Limit"},
		{sdkCall{"ListFacts project", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Knowledge.ListFacts(ctx, "", sonzai.KnowledgeFactListParams{}))
		}}, "projectID"},
		{sdkCall{"ListFactsPage limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListFactsPage(ctx, "p", sonzai.KnowledgeFactListParams{Limit: -1})
			return err
		}}, "KnowledgeFactListParams.Limit"},
		{sdkCall{"InsertFacts empty", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.InsertFacts(ctx, "p", sonzai.KnowledgeFactInsertParams{})
			return err
		}}, "KnowledgeFactInsertParams.Entities"},
		{sdkCall{"InsertFacts label", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.InsertFacts(ctx, "p", sonzai.KnowledgeFactInsertParams{Entities: []sonzai.KnowledgeEntityInput{{EntityType: "t"}}})
			return err
		}}, "KnowledgeFactInsertParams.Entities[0].Label"},
		{sdkCall{"InsertFacts type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.InsertFacts(ctx, "p", sonzai.KnowledgeFactInsertParams{Entities: []sonzai.KnowledgeEntityInput{{Label: "l"}}})
			return err
		}}, "KnowledgeFactInsertParams.Entities[0].EntityType"},
		{sdkCall{"InsertFacts relationship", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.InsertFacts(ctx, "p", sonzai.KnowledgeFactInsertParams{
				Relationships: []sonzai.KnowledgeRelationshipInput{{FromLabel: "a", ToLabel: "b"}}})
			return err
		}}, "KnowledgeFactInsertParams.Relationships[0].EdgeType"},
		{sdkCall{"ActiveFact tuple", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ActiveFact(ctx, "p", sonzai.FactTuple{FromNodeID: "a", ToNodeID: "b"})
			return err
		}}, "FactTuple.RelationType"},
		{sdkCall{"FactHistory tuple", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.FactHistory(ctx, "p", sonzai.FactTuple{RelationType: "r", ToNodeID: "b"})
			return err
		}}, "FactTuple.FromNodeID"},
	})
}
