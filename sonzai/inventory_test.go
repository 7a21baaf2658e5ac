package sonzai_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestInventoryInvalidInputSendsNothing(t *testing.T) {
	query := func(p sonzai.InventoryQueryParams) func(ctx context.Context, c *sonzai.Client) error {
		return func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Query(ctx, "a1", "u1", p))
		}
	}
	items := func(n int) []sonzai.InventoryImportItem {
		out := make([]sonzai.InventoryImportItem, n)
		for i := range out {
			out[i] = sonzai.InventoryImportItem{ItemType: "card", Label: fmt.Sprint(i)}
		}
		return out
	}
	late := items(1500)
	late[1200].ItemType = ""
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"Query agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Query(ctx, "", "u1", sonzai.InventoryQueryParams{}))
		}},
		{"Query user", "userID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Query(ctx, "a1", "", sonzai.InventoryQueryParams{}))
		}},
		{"Query mode", "InventoryQueryParams.Mode", query(sonzai.InventoryQueryParams{Mode: "sum"})},
		{"Query aggregations without mode", "InventoryQueryParams.Mode", query(sonzai.InventoryQueryParams{GroupBy: "x"})},
		{"Query aggregation comma", "InventoryQueryParams.Aggregations[0]", query(sonzai.InventoryQueryParams{Mode: sonzai.InventoryAggregate, Aggregations: []string{"count,sum(x)"}})},
		{"Query sort order", "InventoryQueryParams.SortOrder", query(sonzai.InventoryQueryParams{SortBy: "x", SortOrder: "up"})},
		{"Query sort order alone", "InventoryQueryParams.SortOrder", query(sonzai.InventoryQueryParams{SortOrder: sonzai.SortAscending})},
		{"Query limit", "InventoryQueryParams.Limit", query(sonzai.InventoryQueryParams{Limit: 5001})},
		{"Query cursor sorted", "InventoryQueryParams.Cursor", query(sonzai.InventoryQueryParams{SortBy: "x", Cursor: "c"})},
		{"Query filters", "InventoryQueryParams.Filters", query(sonzai.InventoryQueryParams{Filters: map[string]any{"f": func() {}}})},
		{"List mode", "InventoryQueryParams.Mode", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Inventory.List(ctx, "a1", "u1", sonzai.InventoryQueryParams{Mode: sonzai.InventoryValue}))
		}},
		{"List user", "userID", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Inventory.List(ctx, "a1", "..", sonzai.InventoryQueryParams{}))
		}},
		{"Update action", "InventoryUpdateParams.Action", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Update(ctx, "a1", "u1", sonzai.InventoryUpdateParams{ItemType: "card"}))
		}},
		{"Update unknown action", "InventoryUpdateParams.Action", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Update(ctx, "a1", "u1", sonzai.InventoryUpdateParams{Action: "sell", ItemType: "card"}))
		}},
		{"Update type", "InventoryUpdateParams.ItemType", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Update(ctx, "a1", "u1", sonzai.InventoryUpdateParams{Action: sonzai.InventoryAdd}))
		}},
		{"CreateItem type", "InventoryItemCreateParams.ItemType", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.CreateItem(ctx, "a1", "u1", sonzai.InventoryItemCreateParams{Label: "x"}))
		}},
		{"UpdateItem fact", "factID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.UpdateItem(ctx, "a1", "u1", "", sonzai.InventoryItemUpdateParams{Properties: map[string]any{"a": 1}}))
		}},
		{"UpdateItem properties", "InventoryItemUpdateParams.Properties", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.UpdateItem(ctx, "a1", "u1", "f1", sonzai.InventoryItemUpdateParams{}))
		}},
		{"DeleteItem fact", "factID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.DeleteItem(ctx, "a1", "u1", ".", sonzai.InventoryItemDeleteParams{}))
		}},
		{"Import empty", "InventoryImportParams.Items", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Import(ctx, "a1", "u1", sonzai.InventoryImportParams{}))
		}},
		{"Import batch size", "InventoryImportParams.BatchSize", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Import(ctx, "a1", "u1", sonzai.InventoryImportParams{Items: items(1), BatchSize: 1001}))
		}},
		{"Import bad item late", "InventoryImportParams.Items[1200].ItemType", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Inventory.Import(ctx, "a1", "u1", sonzai.InventoryImportParams{Items: late}))
		}},
	})
}

// TestInventoryImportBatches: 2500 items go in three requests of at most
// 1000; a failed batch stops the import, names itself and carries what
// was added, and is never sent twice.
func TestInventoryImportBatches(t *testing.T) {
	items := make([]sonzai.InventoryImportItem, 2500)
	for i := range items {
		items[i] = sonzai.InventoryImportItem{ItemType: "card", Label: fmt.Sprint(i)}
	}
	var calls atomic.Int64
	var sizes []int
	failOn := int64(0)
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		body := decodeBody(t, r)
		size := len(body["items"].([]any))
		sizes = append(sizes, size)
		if n == failOn {
			writeProblem(w, 503, "down")
			return
		}
		writeJSON(w, 200, map[string]any{"status": "completed", "added": size, "failed": 0, "total": size})
	}))
	ctx := context.Background()
	res, err := c.Inventory.Import(ctx, "a1", "u1", sonzai.InventoryImportParams{Items: items})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2500 || res.Batches != 3 || fmt.Sprint(sizes) != "[1000 1000 500]" {
		t.Errorf("Import = %+v, sizes %v", res, sizes)
	}

	calls.Store(0)
	sizes = nil
	failOn = 2
	_, err = c.Inventory.Import(ctx, "a1", "u1", sonzai.InventoryImportParams{Items: items, BatchSize: 800})
	var be *sonzai.InventoryBatchError
	if !errors.As(err, &be) || be.Batch != 1 || be.Start != 800 || be.End != 1600 || be.Accepted.Added != 800 || !errors.Is(err, sonzai.ErrServer) {
		t.Fatalf("err = %v (%+v), want batch 1 failing after 800 added", err, be)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("%d requests, want 2: the failed batch is not re-sent and the later ones are not sent", got)
	}
}
