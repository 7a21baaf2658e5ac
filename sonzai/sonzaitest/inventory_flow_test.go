package sonzaitest

import (
	"errors"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestInventoryFlow: items written every way round-trip through the
// reads; updates make new versions; removals remove; the aggregate mode
// counts and sums.
func TestInventoryFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	const user = "collector"

	card, err := c.Inventory.CreateItem(ctx, DemoAgentID, user, sonzai.InventoryItemCreateParams{
		ItemType: "pokemon_card", Label: "Charizard", KBNodeID: "kb-charizard", Properties: map[string]any{"quantity": 1.0, "condition": "mint"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if card.Status != "added" || card.FactID == "" || card.KBResolution == nil || !card.KBResolution.Resolved {
		t.Fatalf("CreateItem = %+v", card)
	}
	if _, err := c.Inventory.Update(ctx, DemoAgentID, user, sonzai.InventoryUpdateParams{
		Action: sonzai.InventoryAdd, ItemType: "pokemon_card", Label: "Pikachu", Properties: map[string]any{"quantity": 3.0},
	}); err != nil {
		t.Fatal(err)
	}
	res, err := c.Inventory.Import(ctx, DemoAgentID, user, sonzai.InventoryImportParams{BatchSize: 2, Items: []sonzai.InventoryImportItem{
		{ItemType: "pokemon_card", Label: "Bulbasaur", Properties: map[string]any{"quantity": 2.0}},
		{ItemType: "pokemon_card", Label: "Squirtle", Properties: map[string]any{"quantity": 1.0}},
		{ItemType: "booster", Label: "Base Set booster", Properties: map[string]any{"quantity": 4.0}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Total != 3 || res.Batches != 2 {
		t.Errorf("Import = %+v", res)
	}

	var labels []string
	for it, err := range c.Inventory.List(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{ItemType: "pokemon_card", Limit: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		labels = append(labels, it.ItemLabel)
	}
	if len(labels) != 4 || labels[0] != "Charizard" || labels[3] != "Squirtle" {
		t.Errorf("List = %q, want the four cards over two pages", labels)
	}
	sorted, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{SortBy: "quantity", SortOrder: sonzai.SortDescending})
	if err != nil {
		t.Fatal(err)
	}
	if len(sorted.Items) != 5 || sorted.Items[0].ItemLabel != "Base Set booster" || sorted.TotalItems != 5 {
		t.Errorf("sorted = %+v", sorted.Items)
	}
	mint, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{Filters: map[string]any{"condition": "mint"}})
	if err != nil || len(mint.Items) != 1 || mint.Items[0].FactID != card.FactID {
		t.Errorf("filtered = %+v, %v", mint, err)
	}
	agg, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{
		Mode: sonzai.InventoryAggregate, Aggregations: []string{"count", "sum(quantity)"}, GroupBy: "item_type",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(agg.Groups) != 2 || agg.Groups[1].Group != "pokemon_card" || agg.Groups[1].Values["sum(quantity)"] != 7.0 || agg.Totals["count"] != 5.0 {
		t.Errorf("aggregate = %+v", agg)
	}

	changed, err := c.Inventory.UpdateItem(ctx, DemoAgentID, user, card.FactID, sonzai.InventoryItemUpdateParams{Properties: map[string]any{"quantity": 2.0}})
	if err != nil {
		t.Fatal(err)
	}
	if changed.FactID == card.FactID || changed.InventoryItemID != card.InventoryItemID {
		t.Errorf("UpdateItem = %+v, want a new version of %s", changed, card.InventoryItemID)
	}
	if _, err := c.Inventory.UpdateItem(ctx, DemoAgentID, user, card.FactID, sonzai.InventoryItemUpdateParams{Properties: map[string]any{"x": 1}}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("updating the superseded version = %v, want ErrNotFound", err)
	}
	got, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{Query: "chariz"})
	if err != nil || len(got.Items) != 1 || got.Items[0].UserProperties["quantity"] != 2.0 || got.Items[0].UserProperties["condition"] != "mint" {
		t.Errorf("after UpdateItem: %+v, %v", got, err)
	}

	if r, err := c.Inventory.Update(ctx, DemoAgentID, user, sonzai.InventoryUpdateParams{
		Action: sonzai.InventoryUpdate, ItemType: "pokemon_card", Label: "pikachu", Properties: map[string]any{"quantity": 5.0},
	}); err != nil || r.Status != "updated" {
		t.Errorf("Update(update) = %+v, %v", r, err)
	}
	if r, err := c.Inventory.Update(ctx, DemoAgentID, user, sonzai.InventoryUpdateParams{
		Action: sonzai.InventoryRemove, ItemType: "pokemon_card", Label: "Squirtle",
	}); err != nil || r.Status != "removed" {
		t.Errorf("Update(remove) = %+v, %v", r, err)
	}
	if _, err := c.Inventory.Update(ctx, DemoAgentID, user, sonzai.InventoryUpdateParams{
		Action: sonzai.InventoryRemove, ItemType: "pokemon_card", Label: "Mew",
	}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("removing an unknown item = %v, want ErrNotFound", err)
	}
	if _, err := c.Inventory.DeleteItem(ctx, DemoAgentID, user, changed.FactID, sonzai.InventoryItemDeleteParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Inventory.DeleteItem(ctx, DemoAgentID, user, changed.FactID, sonzai.InventoryItemDeleteParams{}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("deleting again = %v, want ErrNotFound", err)
	}
	left, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{})
	if err != nil || left.TotalItems != 3 {
		t.Errorf("left = %+v, %v; want 3 items", left, err)
	}
	// Another instance has its own inventory.
	if other, err := c.Inventory.Query(ctx, DemoAgentID, user, sonzai.InventoryQueryParams{InstanceID: "inst-2"}); err != nil || other.TotalItems != 0 {
		t.Errorf("instance inst-2 = %+v, %v", other, err)
	}
	if _, err := c.Inventory.Query(ctx, "no-such-agent", user, sonzai.InventoryQueryParams{}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown agent = %v", err)
	}
}
