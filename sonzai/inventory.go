package sonzai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// InventoryItem is one thing a user owns, as the agent knows it.
type InventoryItem struct {
	// FactID identifies this version of the item: UpdateItem and
	// DeleteItem take it. An update stores a new version with a new
	// FactID.
	FactID string `json:"fact_id"`
	// InventoryItemID identifies the item across versions.
	InventoryItemID string `json:"inventory_item_id"`
	// ItemLabel is how the item is named.
	ItemLabel string `json:"item_label"`
	// KBNodeID is the knowledge-base node the item was resolved to, if
	// any.
	KBNodeID string `json:"kb_node_id"`
	// UserProperties are the properties the user's data gave the item.
	UserProperties map[string]any `json:"user_properties"`
	// MarketProperties are the knowledge base's data about the item (in
	// the value and aggregate modes).
	MarketProperties map[string]any `json:"market_properties"`
	// GainLoss is the item's change in value (in the value mode).
	GainLoss float64 `json:"gain_loss"`
}

// InventoryGroup is one group of an aggregate query.
type InventoryGroup struct {
	// Group is the value of the group-by field.
	Group string `json:"group"`
	// Values are the group's aggregates, by expression.
	Values map[string]any `json:"values"`
}

// InventoryResult is the answer to InventoryService.Query: one page of
// items, and in the aggregate mode the groups and totals.
type InventoryResult struct {
	// Items are this page's items.
	Items []InventoryItem `json:"items"`
	// TotalItems counts the items matching the query, across pages.
	TotalItems int64 `json:"total_items"`
	// NextCursor is where the next page starts; empty on the last page.
	NextCursor string `json:"next_cursor"`
	// Groups and Totals are the aggregates, in the aggregate mode.
	Groups []InventoryGroup `json:"groups"`
	Totals map[string]any   `json:"totals"`
}

// InventoryMode is how InventoryService.Query reads the inventory.
type InventoryMode string

// Inventory query modes.
const (
	// InventoryList lists the items (the default).
	InventoryList InventoryMode = "list"
	// InventoryValue lists them with the knowledge base's market data.
	InventoryValue InventoryMode = "value"
	// InventoryAggregate computes Aggregations, grouped by GroupBy.
	InventoryAggregate InventoryMode = "aggregate"
)

// SortOrder is the order of a sorted read.
type SortOrder string

// Sort orders.
const (
	SortAscending  SortOrder = "asc"
	SortDescending SortOrder = "desc"
)

// maxInventoryLimit is the largest page the API serves.
const maxInventoryLimit = 5000

// maxInventoryPages bounds InventoryService.List.
const maxInventoryPages = 10_000

// InventoryQueryParams filters and shapes InventoryService.Query and
// List. Every field is optional.
type InventoryQueryParams struct {
	// InstanceID scopes the read to an agent instance; empty for the
	// default instance.
	InstanceID string
	// Mode is how to read; empty means InventoryList. List always lists.
	Mode InventoryMode
	// ItemType keeps only the items of this type.
	ItemType string
	// Query keeps only the items matching this text.
	Query string
	// Filters keeps only the items whose properties match, sent as JSON.
	Filters map[string]any
	// ProjectID is the knowledge-base project the value and aggregate
	// modes read market data from.
	ProjectID string
	// Aggregations are the aggregate expressions of the aggregate mode,
	// e.g. "count", "sum(quantity)"; GroupBy is the field to group by.
	Aggregations []string
	GroupBy      string
	// SortBy sorts by a property, in SortOrder (empty: ascending). The API
	// does not page a sorted read: set Limit high enough.
	SortBy    string
	SortOrder SortOrder
	// Limit is how many items a page holds, 1 to 5000; zero means the
	// server's default (1000).
	Limit int
	// Cursor is the NextCursor of the previous page; empty for the first.
	Cursor string
}

func (p InventoryQueryParams) toGen() (*gen.QueryInventoryParams, error) {
	const at = "InventoryQueryParams."
	switch p.Mode {
	case "", InventoryList, InventoryValue, InventoryAggregate:
	default:
		return nil, invalid(at+"Mode", fmt.Sprintf("%q is not a mode (InventoryList, InventoryValue, InventoryAggregate)", p.Mode))
	}
	switch p.SortOrder {
	case "", SortAscending, SortDescending:
	default:
		return nil, invalid(at+"SortOrder", fmt.Sprintf("%q is not SortAscending or SortDescending", p.SortOrder))
	}
	if p.SortOrder != "" && p.SortBy == "" {
		return nil, invalid(at+"SortOrder", "set without SortBy")
	}
	if p.Limit < 0 || p.Limit > maxInventoryLimit {
		return nil, invalid(at+"Limit", fmt.Sprintf("%d is outside 1..%d (0 means the server's default)", p.Limit, maxInventoryLimit))
	}
	if p.Cursor != "" && p.SortBy != "" {
		return nil, invalid(at+"Cursor", "set with SortBy; the API pages only unsorted reads")
	}
	for i, a := range p.Aggregations {
		if strings.TrimSpace(a) == "" || strings.Contains(a, ",") {
			return nil, invalid(fmt.Sprintf("%sAggregations[%d]", at, i), "empty or holds a comma; give one expression per entry")
		}
	}
	if (len(p.Aggregations) > 0 || p.GroupBy != "") && p.Mode != InventoryAggregate {
		return nil, invalid(at+"Mode", "Aggregations and GroupBy need InventoryAggregate")
	}
	out := &gen.QueryInventoryParams{
		InstanceId: optional(p.InstanceID), Mode: optional(string(p.Mode)), ItemType: optional(p.ItemType),
		Query: optional(p.Query), ProjectId: optional(p.ProjectID), Aggregations: optional(strings.Join(p.Aggregations, ",")),
		GroupBy: optional(p.GroupBy), Limit: optional(int64(p.Limit)), Cursor: optional(p.Cursor),
		SortBy: optional(p.SortBy), SortOrder: optional(string(p.SortOrder)),
	}
	if p.Filters != nil {
		b, err := json.Marshal(p.Filters)
		if err != nil {
			return nil, invalid(at+"Filters", "cannot be encoded as JSON: "+err.Error())
		}
		out.Filters = Ptr(string(b))
	}
	return out, nil
}

// Query reads a user's inventory once: a page of items, or in the
// aggregate mode the groups and totals. List follows the pages for you.
func (s *InventoryService) Query(ctx context.Context, agentID, userID string, p InventoryQueryParams, opts ...Option) (*InventoryResult, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	q, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[InventoryResult](ctx, s.c, opts, "queryInventory", func(server string) (*http.Request, error) {
		return gen.NewQueryInventoryRequest(server, agentID, userID, q)
	})
}

// List returns every item of a user's inventory that p matches, following
// the pages (p.Mode must be empty or InventoryList). It is lazy: nothing is
// sent until the loop starts, and each page is one request, sent when the
// previous page's items have all been yielded, so breaking out of the loop
// stops the fetching. An error (a failed request, a server that repeats a
// cursor or sends one for a sorted read, or more than 10,000 pages) is
// yielded once, with a zero item, and ends the iteration.
func (s *InventoryService) List(ctx context.Context, agentID, userID string, p InventoryQueryParams, opts ...Option) iter.Seq2[InventoryItem, error] {
	return func(yield func(InventoryItem, error) bool) {
		if p.Mode != "" && p.Mode != InventoryList {
			yield(InventoryItem{}, invalid("InventoryQueryParams.Mode", "List lists; use Query for the value and aggregate modes"))
			return
		}
		if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
			yield(InventoryItem{}, err)
			return
		}
		if _, err := p.toGen(); err != nil {
			yield(InventoryItem{}, err)
			return
		}
		start := p.Cursor
		walkPages("queryInventory", start, maxInventoryPages, func(cursor string) (cursorPage[InventoryItem], error) {
			if cursor != start && p.SortBy != "" {
				// The API does not page a sorted read; following the cursor
				// would be refused as the caller's invalid input.
				return cursorPage[InventoryItem]{}, errors.New("sonzai: queryInventory: the server sent a cursor for a sorted read, which the API does not page; the items after the first page were not read (raise InventoryQueryParams.Limit)")
			}
			p.Cursor = cursor
			page, err := s.Query(ctx, agentID, userID, p, opts...)
			if err != nil {
				return cursorPage[InventoryItem]{}, err
			}
			return cursorPage[InventoryItem]{items: page.Items, next: page.NextCursor, more: page.NextCursor != ""}, nil
		}, yield)
	}
}

// InventoryAction is what InventoryService.Update does.
type InventoryAction string

// Inventory actions.
const (
	InventoryAdd    InventoryAction = "add"
	InventoryUpdate InventoryAction = "update"
	InventoryRemove InventoryAction = "remove"
)

// InventoryUpdateParams is one change for InventoryService.Update. Action
// and ItemType are required.
type InventoryUpdateParams struct {
	// Action is what to do: InventoryAdd, InventoryUpdate or
	// InventoryRemove.
	Action InventoryAction
	// ItemType is the item's type key, e.g. "pokemon_card". Required.
	ItemType string
	// Label is the item's short name; Description describes it in words
	// (used to look it up in the knowledge base when Label is empty).
	Label       string
	Description string
	// KBNodeID is the knowledge-base node the item is, when known: no
	// search is made.
	KBNodeID string
	// ProjectID is the knowledge-base project to resolve the item in.
	ProjectID string
	// Properties are the item's properties (quantity, condition, ...).
	Properties map[string]any
	// InstanceID scopes the change to an agent instance; empty for the
	// default instance.
	InstanceID string
}

func (p InventoryUpdateParams) toGen() (gen.InventoryWriteRequest, error) {
	const at = "InventoryUpdateParams."
	switch p.Action {
	case InventoryAdd, InventoryUpdate, InventoryRemove:
	case "":
		return gen.InventoryWriteRequest{}, invalid(at+"Action", "empty; set InventoryAdd, InventoryUpdate or InventoryRemove")
	default:
		return gen.InventoryWriteRequest{}, invalid(at+"Action", fmt.Sprintf("%q is not InventoryAdd, InventoryUpdate or InventoryRemove", p.Action))
	}
	if err := checkItem(at, p.ItemType); err != nil {
		return gen.InventoryWriteRequest{}, err
	}
	if err := encodable(at+"Properties", p.Properties); err != nil {
		return gen.InventoryWriteRequest{}, err
	}
	return gen.InventoryWriteRequest{
		Action: string(p.Action), ItemType: p.ItemType, Label: p.Label, Description: p.Description,
		KbNodeId: p.KBNodeID, ProjectId: p.ProjectID, Properties: p.Properties,
	}, nil
}

// checkItem requires the item's type, the one field the contract requires.
func checkItem(at, itemType string) error {
	if strings.TrimSpace(itemType) == "" {
		return invalid(at+"ItemType", "empty; name the item's type, e.g. \"medication\"")
	}
	return nil
}

// KBCandidate is a knowledge-base node an item might be, when the
// description matched several.
type KBCandidate struct {
	// KBNodeID identifies the node; pass it as KBNodeID to pick it.
	KBNodeID string `json:"kb_node_id"`
	// Label names it; Properties are its data.
	Label      string         `json:"label"`
	Properties map[string]any `json:"properties"`
}

// KBResolution says whether an item was found in the knowledge base.
type KBResolution struct {
	// Resolved is true when it was.
	Resolved bool `json:"resolved"`
	// KBNodeID, KBLabel and KBProperties are the node it was resolved to.
	KBNodeID     string         `json:"kb_node_id"`
	KBLabel      string         `json:"kb_label"`
	KBProperties map[string]any `json:"kb_properties"`
}

// InventoryWriteResult is the answer to InventoryService.Update and
// CreateItem.
type InventoryWriteResult struct {
	// Status says what happened, e.g. "added"; when the description
	// matched several knowledge-base nodes, Candidates lists them and the
	// item was not written: call again with the chosen KBNodeID.
	Status string `json:"status"`
	// FactID and InventoryItemID identify the item written.
	FactID          string `json:"fact_id"`
	InventoryItemID string `json:"inventory_item_id"`
	// Candidates are the knowledge-base nodes to choose from, if any.
	Candidates []KBCandidate `json:"candidates"`
	// KBResolution says how the item was resolved, if it was looked up.
	KBResolution *KBResolution `json:"kb_resolution"`
	// Error explains a failure the server reported in the answer.
	Error string `json:"error"`
}

// Update adds, updates or removes one inventory item, found by its type
// and label (or knowledge-base node). An add looks the item up in the
// knowledge base; see InventoryWriteResult for the ambiguous case. It is a
// POST, retried only when the server provably did not act on it.
func (s *InventoryService) Update(ctx context.Context, agentID, userID string, p InventoryUpdateParams, opts ...Option) (*InventoryWriteResult, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[InventoryWriteResult](ctx, s.c, opts, "updateInventory", func(server string) (*http.Request, error) {
		return gen.NewUpdateInventoryRequest(server, agentID, userID, &gen.UpdateInventoryParams{InstanceId: optional(p.InstanceID)}, body)
	})
}

// InventoryItemCreateParams is an item for InventoryService.CreateItem.
// ItemType is required.
type InventoryItemCreateParams struct {
	// ItemType is the item's type key. Required.
	ItemType string
	// Label, Description, KBNodeID and ProjectID name the item as in
	// InventoryUpdateParams.
	Label, Description, KBNodeID, ProjectID string
	// Properties are the item's properties.
	Properties map[string]any
	// InstanceID scopes the item to an agent instance; empty for the
	// default instance.
	InstanceID string
}

// CreateItem adds one item to a user's inventory (Update with
// InventoryAdd, without the action). It is a POST, retried only when the
// server provably did not act on it, so the SDK never adds it twice.
func (s *InventoryService) CreateItem(ctx context.Context, agentID, userID string, p InventoryItemCreateParams, opts ...Option) (*InventoryWriteResult, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if err := checkItem("InventoryItemCreateParams.", p.ItemType); err != nil {
		return nil, err
	}
	if err := encodable("InventoryItemCreateParams.Properties", p.Properties); err != nil {
		return nil, err
	}
	return call[InventoryWriteResult](ctx, s.c, opts, "createInventoryItem", func(server string) (*http.Request, error) {
		return gen.NewCreateInventoryItemRequest(server, agentID, userID, &gen.CreateInventoryItemParams{InstanceId: optional(p.InstanceID)},
			gen.CreateInventoryItemHumaInputBody{ItemType: p.ItemType, Label: p.Label, Description: p.Description,
				KbNodeId: p.KBNodeID, ProjectId: p.ProjectID, Properties: p.Properties})
	})
}

// InventoryChange is the answer to InventoryService.UpdateItem and
// DeleteItem.
type InventoryChange struct {
	// Status says what happened.
	Status string `json:"status"`
	// FactID is the new version's id (after UpdateItem); InventoryItemID
	// identifies the item.
	FactID          string `json:"fact_id"`
	InventoryItemID string `json:"inventory_item_id"`
	// Error explains a failure the server reported in the answer.
	Error string `json:"error"`
}

// InventoryItemUpdateParams changes one item with
// InventoryService.UpdateItem.
type InventoryItemUpdateParams struct {
	// Properties are merged into the item's: a key given replaces the
	// item's value, the others stay. At least one.
	Properties map[string]any
	// InstanceID scopes the change to an agent instance; empty for the
	// default instance.
	InstanceID string
}

// UpdateItem merges properties into the item whose version is factID,
// and returns the new version's FactID (the old one no longer names the
// item). It is a PUT, so the transport retries it after a 5xx; a retry
// that finds factID already superseded (a 404) means the first attempt may
// have made the update, and the result is an *AmbiguousResultError
// (errors.Is ErrMaybeApplied): read the item with List to know.
func (s *InventoryService) UpdateItem(ctx context.Context, agentID, userID, factID string, p InventoryItemUpdateParams, opts ...Option) (*InventoryChange, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "factID", factID); err != nil {
		return nil, err
	}
	if len(p.Properties) == 0 {
		return nil, invalid("InventoryItemUpdateParams.Properties", "empty; give at least one property to change")
	}
	if err := encodable("InventoryItemUpdateParams.Properties", p.Properties); err != nil {
		return nil, err
	}
	return call[InventoryChange](ctx, s.c, opts, "directUpdateInventory", func(server string) (*http.Request, error) {
		return gen.NewDirectUpdateInventoryRequest(server, agentID, userID, factID,
			&gen.DirectUpdateInventoryParams{InstanceId: optional(p.InstanceID)}, gen.DirectUpdateRequest{Properties: p.Properties})
	})
}

// InventoryItemDeleteParams scopes InventoryService.DeleteItem.
type InventoryItemDeleteParams struct {
	// InstanceID is the agent instance the item belongs to; empty for the
	// default instance.
	InstanceID string
}

// DeleteItem removes the item whose version is factID from the user's
// inventory: it no longer appears in reads (the server keeps a removal
// record, not the item). A DELETE is retried after a 5xx; a retry that
// finds the item gone fails with a 404 although it was removed.
func (s *InventoryService) DeleteItem(ctx context.Context, agentID, userID, factID string, p InventoryItemDeleteParams, opts ...Option) (*InventoryChange, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "factID", factID); err != nil {
		return nil, err
	}
	return call[InventoryChange](ctx, s.c, opts, "directDeleteInventory", func(server string) (*http.Request, error) {
		return gen.NewDirectDeleteInventoryRequest(server, agentID, userID, factID, &gen.DirectDeleteInventoryParams{InstanceId: optional(p.InstanceID)})
	})
}

// MaxInventoryItemsPerRequest is the most items one batchImportInventory
// request may carry (the contract's limit); Import splits larger sets.
const MaxInventoryItemsPerRequest = 1000

// InventoryImportItem is one item for InventoryService.Import.
type InventoryImportItem struct {
	// ItemType is the item's type key. Required.
	ItemType string
	// Label, Description and KBNodeID name the item.
	Label, Description, KBNodeID string
	// Properties are the item's properties.
	Properties map[string]any
}

// InventoryImportParams is a set of items to add at once, of any size.
type InventoryImportParams struct {
	// Items are the items to add, at least one.
	Items []InventoryImportItem
	// ProjectID is the knowledge-base project to resolve KBNodeIDs in.
	ProjectID string
	// InstanceID scopes the items to an agent instance; empty for the
	// default instance.
	InstanceID string
	// BatchSize is how many items each request carries, 1 to
	// MaxInventoryItemsPerRequest; zero means MaxInventoryItemsPerRequest.
	BatchSize int
}

func (p InventoryImportParams) validate() error {
	const at = "InventoryImportParams."
	if len(p.Items) == 0 {
		return invalid(at+"Items", "empty; pass at least one item")
	}
	if p.BatchSize < 0 || p.BatchSize > MaxInventoryItemsPerRequest {
		return invalid(at+"BatchSize", fmt.Sprintf("%d is outside 1..%d (0 means %d)", p.BatchSize, MaxInventoryItemsPerRequest, MaxInventoryItemsPerRequest))
	}
	for i, it := range p.Items {
		if err := checkItem(fmt.Sprintf("%sItems[%d].", at, i), it.ItemType); err != nil {
			return err
		}
		if err := encodable(fmt.Sprintf("%sItems[%d].Properties", at, i), it.Properties); err != nil {
			return err
		}
	}
	return nil
}

// InventoryImportResult is what InventoryService.Import did, summed over
// its requests.
type InventoryImportResult struct {
	// Added counts the items added; Failed those the server could not
	// add; Total those it received.
	Added, Failed, Total int64
	// Batches is how many requests were sent and answered.
	Batches int
	// Errors holds the server's explanation for each answered batch that
	// gave one (a batch with failed items), as "batch N: text", N counting
	// from 0, in order.
	Errors []string
}

// inventoryBatchResult is the wire shape of one batch's answer.
type inventoryBatchResult struct {
	Status string `json:"status"`
	Added  int64  `json:"added"`
	Failed int64  `json:"failed"`
	Total  int64  `json:"total"`
	Error  string `json:"error"`
}

// InventoryBatchError says which request of Import failed. The batches
// before it were answered (Accepted) and the items from End on were not
// sent. The failed batch, Items[Start:End], was not stored when Err is a
// 4xx; after a 5xx, a timeout or a lost connection it may have been (the
// SDK does not re-send it), which List tells. To resume, call Import again
// with Items[Start:], or Items[End:] when the failed batch was stored.
type InventoryBatchError struct {
	// Batch is the failed batch's index, from 0.
	Batch int
	// Start and End bound the failed batch in InventoryImportParams.Items.
	Start, End int
	// Accepted is what the earlier batches did.
	Accepted InventoryImportResult
	// Err is the failed request's error.
	Err error
}

// Error names the failed batch, the items it held and the cause.
func (e *InventoryBatchError) Error() string {
	return fmt.Sprintf("sonzai: batchImportInventory: batch %d (items %d..%d) failed after %d items were added: %v",
		e.Batch, e.Start, e.End-1, e.Accepted.Added, e.Err)
}

// Unwrap returns the failed request's error, for errors.Is and errors.As.
func (e *InventoryBatchError) Unwrap() error { return e.Err }

// Import adds any number of items to a user's inventory, in requests of
// at most p.BatchSize items each, sent one after the other. Everything is
// validated before the first request. If a request fails, the later
// batches are not sent, and the error is an *InventoryBatchError saying
// which batch failed and carrying what the earlier ones did. Each request
// is a POST, not retried once it may have reached the server, so no batch
// is sent twice by the SDK.
func (s *InventoryService) Import(ctx context.Context, agentID, userID string, p InventoryImportParams, opts ...Option) (*InventoryImportResult, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	size := p.BatchSize
	if size == 0 {
		size = MaxInventoryItemsPerRequest
	}
	var done InventoryImportResult
	for batch, start := 0, 0; start < len(p.Items); batch, start = batch+1, start+size {
		end := min(start+size, len(p.Items))
		items := make([]gen.BatchInventoryItem, 0, end-start)
		for _, it := range p.Items[start:end] {
			items = append(items, gen.BatchInventoryItem{ItemType: it.ItemType, Label: it.Label, Description: it.Description,
				KbNodeId: it.KBNodeID, Properties: it.Properties})
		}
		out, err := call[inventoryBatchResult](ctx, s.c, opts, "batchImportInventory", func(server string) (*http.Request, error) {
			return gen.NewBatchImportInventoryRequest(server, agentID, userID, &gen.BatchImportInventoryParams{InstanceId: optional(p.InstanceID)},
				gen.BatchInventoryRequest{Items: items, ProjectId: p.ProjectID})
		})
		if err != nil {
			return nil, &InventoryBatchError{Batch: batch, Start: start, End: end, Accepted: done, Err: err}
		}
		done.Added += out.Added
		done.Failed += out.Failed
		done.Total += out.Total
		if out.Error != "" {
			done.Errors = append(done.Errors, fmt.Sprintf("batch %d: %s", batch, out.Error))
		}
		done.Batches++
	}
	return &done, nil
}
