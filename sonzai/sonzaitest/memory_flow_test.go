package sonzaitest

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestFactsFlow writes facts through every facts operation under the
// recording harness, so each answer is checked against the contract, and
// checks that they join the agent's memory: the tree, search, the context.
func TestFactsFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client

	bulk, err := c.Memory.CreateFacts(ctx, DemoAgentID, sonzai.FactBulkCreateParams{UserID: "user-7", BatchSize: 1,
		Facts: []sonzai.FactCreateParams{{Content: "Sam plays the cello."}, {Content: "Sam lives in Lisbon.", FactType: "personal"}}})
	if err != nil {
		t.Fatal(err)
	}
	one, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{Content: "Sam is allergic to cats.", UserID: "user-7",
		Confidence: sonzai.Ptr(0.3), Metadata: map[string]any{"from": "form"}})
	if err != nil {
		t.Fatal(err)
	}
	if bulk.Created != 2 || one.Confidence != 0.3 || one.FactType != "user_fact" {
		t.Errorf("created %+v and %+v", bulk, one)
	}
	tree, err := c.Memory.List(ctx, DemoAgentID, sonzai.MemoryListParams{UserID: "user-7", IncludeContents: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := factTexts(tree); len(got) != 3 || !slices.Contains(got, "Sam plays the cello.") {
		t.Errorf("memory tree facts = %q", got)
	}
	hits, err := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "cello", UserID: "user-7"})
	if err != nil || len(hits) == 0 || hits[0].FactID != bulk.Facts[0].FactID {
		t.Errorf("Search(cello) = %+v, %v", hits, err)
	}
	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: "user-7"})
	if err != nil {
		t.Fatal(err)
	}
	enriched, err := sess.Context(ctx, sonzai.ContextParams{Query: "cats"})
	if err != nil {
		t.Fatal(err)
	}
	if len(enriched.LoadedFacts) == 0 || enriched.LoadedFacts[0].AtomicText != "Sam is allergic to cats." {
		t.Errorf("loaded_facts = %+v", enriched.LoadedFacts)
	}
	if _, err := sess.End(ctx, sonzai.EndParams{}); err != nil {
		t.Fatal(err)
	}

	if _, err := c.Memory.UpdateFact(ctx, DemoAgentID, one.FactID, sonzai.FactUpdateParams{
		Metadata: map[string]any{}, Importance: sonzai.Ptr(1.0)}); err != nil {
		t.Fatal(err)
	}
	hist, err := c.Memory.FactHistory(ctx, DemoAgentID, one.FactID)
	if err != nil || len(hist.PreviousVersions) != 1 || hist.Current.Importance != 1 {
		t.Errorf("FactHistory = %+v, %v", hist, err)
	}
	page, err := c.Memory.ListFactsPage(ctx, DemoAgentID, sonzai.FactListParams{UserID: "user-7", FactType: "personal"})
	if err != nil || page.TotalCount != 1 || page.Facts[0].Content != "Sam lives in Lisbon." {
		t.Errorf("ListFactsPage(personal) = %+v, %v", page, err)
	}
	if err := c.Memory.DeleteFact(ctx, DemoAgentID, one.FactID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "cats", UserID: "user-7"}); len(hits) != 0 {
		t.Errorf("a deleted fact is still found: %+v", hits)
	}
	if _, err := c.Memory.FactHistory(ctx, DemoAgentID, one.FactID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("history of a deleted fact: %v", err)
	}
	if _, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{Content: "x", NodeID: "node_404"}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown node: %v", err)
	}

	reset, err := c.Memory.ResetMemory(ctx, DemoAgentID, sonzai.MemoryResetParams{UserID: "user-7"})
	if err != nil || reset.FactsDeleted != 2 {
		t.Errorf("ResetMemory = %+v, %v; want the 2 remaining facts deleted", reset, err)
	}
	if hits, _ := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "cello", UserID: "user-7"}); len(hits) != 0 {
		t.Errorf("a reset user's fact is still found: %+v", hits)
	}
}

// TestCustomStatesFlow runs every custom-state operation under the
// recording harness, and the server-side rules the SDK also checks.
func TestCustomStatesFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	key := sonzai.CustomStateKey{Key: "cart", Scope: sonzai.CustomStateScopeUser, UserID: "user-7", InstanceID: "inst-1"}

	created, err := c.CustomStates.Create(ctx, DemoAgentID, sonzai.CustomStateCreateParams{CustomStateKey: key,
		Value: map[string]any{"items": []any{"tea"}}, ContentType: sonzai.CustomStateJSON})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.CustomStates.GetByKey(ctx, DemoAgentID, key)
	if err != nil || got.StateID != created.StateID || string(got.Value) != `{"items":["tea"]}` || got.InstanceID != "inst-1" {
		t.Fatalf("GetByKey = %+v, %v", got, err)
	}
	// Another instance is another place.
	other := key
	other.InstanceID = ""
	if _, err := c.CustomStates.GetByKey(ctx, DemoAgentID, other); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("default instance: %v, want ErrNotFound", err)
	}
	up, err := c.CustomStates.UpsertByKey(ctx, DemoAgentID, sonzai.CustomStateUpsertParams{CustomStateKey: key, Value: "empty"})
	if err != nil || up.StateID != created.StateID || string(up.Value) != `"empty"` || up.ContentType != sonzai.CustomStateText {
		t.Errorf("UpsertByKey = %+v, %v", up, err)
	}
	upd, err := c.CustomStates.Update(ctx, DemoAgentID, created.StateID, sonzai.CustomStateUpdateParams{Value: 0, ContentType: sonzai.Ptr(sonzai.CustomStateJSON)})
	if err != nil || string(upd.Value) != "0" || upd.ContentType != sonzai.CustomStateJSON {
		t.Errorf("Update = %+v, %v", upd, err)
	}
	list, err := c.CustomStates.List(ctx, DemoAgentID, sonzai.CustomStateListParams{UserID: "user-7"})
	if err != nil || len(list) != 1 {
		t.Errorf("List = %+v, %v", list, err)
	}
	if err := c.CustomStates.DeleteByKey(ctx, DemoAgentID, key); err != nil {
		t.Fatal(err)
	}
	if err := c.CustomStates.Delete(ctx, DemoAgentID, created.StateID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("Delete after DeleteByKey: %v, want ErrNotFound", err)
	}
	global, err := c.CustomStates.Create(ctx, DemoAgentID, sonzai.CustomStateCreateParams{CustomStateKey: sonzai.CustomStateKey{Key: "motd"}, Value: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CustomStates.Delete(ctx, DemoAgentID, global.StateID); err != nil {
		t.Fatal(err)
	}
	if list, err := c.CustomStates.List(ctx, DemoAgentID, sonzai.CustomStateListParams{}); err != nil || len(list) != 0 {
		t.Errorf("after deletes, List = %+v, %v", list, err)
	}

	// The server's own rules, for clients that skip the SDK's checks.
	for _, body := range []string{
		`{"key":"k","value":1,"scope":"user"}`,
		`{"key":"k","value":1,"scope":"team"}`,
		`{"key":"k","value":1,"content_type":"xml"}`,
	} {
		if status, _, _ := h.raw(http.MethodPost, "/agents/"+DemoAgentID+"/custom-states", body); status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", body, status)
		}
	}
	if status, _, _ := h.raw(http.MethodPost, "/agents/"+DemoAgentID+"/custom-states", `{"key":"dup","value":1}`); status != http.StatusOK {
		t.Errorf("first create: %d", status)
	}
	if status, _, _ := h.raw(http.MethodPost, "/agents/"+DemoAgentID+"/custom-states", `{"key":"dup","value":2}`); status != http.StatusConflict {
		t.Errorf("second create of a key: %d, want 409", status)
	}
}
