package sonzaitest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The fake's inventory has no knowledge base: an item given a kb_node_id
// is reported resolved to it, any other is kept unresolved, and the value
// mode adds no market data.

// addItem stores a new item and answers as the API does.
func (st *state) addItem(a *agent, userID, instanceID, itemType, label, description, kbNodeID string, props map[string]any, now time.Time) *invItem {
	st.life.init()
	if label == "" {
		label = description
	}
	if props == nil {
		props = map[string]any{}
	}
	it := &invItem{factID: st.nextID("invfact"), itemID: st.nextID("invitem"), agentID: a.id, userID: userID, instanceID: instanceID,
		itemType: itemType, label: label, kbNodeID: kbNodeID, props: props, created: now, updated: now}
	st.life.inventory[it.factID] = it
	st.life.invOrder = append(st.life.invOrder, it.factID)
	return it
}

func (it *invItem) written(status string) gen.InventoryWriteResponse {
	out := gen.InventoryWriteResponse{Status: status, FactId: it.factID, InventoryItemId: it.itemID}
	if it.kbNodeID != "" {
		out.KbResolution = gen.KbResolutionInfo{Resolved: true, KbNodeId: it.kbNodeID, KbLabel: it.label}
	} else if status == "added" {
		out.KbResolution = gen.KbResolutionInfo{Resolved: false}
	}
	return out
}

// supersede gives an item a new version (a new fact id), as an update does.
func (st *state) supersede(it *invItem, now time.Time) {
	delete(st.life.inventory, it.factID)
	for i, id := range st.life.invOrder {
		if id == it.factID {
			st.life.invOrder = append(st.life.invOrder[:i:i], st.life.invOrder[i+1:]...)
			break
		}
	}
	it.factID, it.updated = st.nextID("invfact"), now
	st.life.inventory[it.factID] = it
	st.life.invOrder = append(st.life.invOrder, it.factID)
}

func (st *state) removeItem(it *invItem) {
	delete(st.life.inventory, it.factID)
	for i, id := range st.life.invOrder {
		if id == it.factID {
			st.life.invOrder = append(st.life.invOrder[:i:i], st.life.invOrder[i+1:]...)
			break
		}
	}
}

// userItems are the items of one user of one agent instance, oldest first.
func (st *state) userItems(a *agent, userID, instanceID string) []*invItem {
	st.life.init()
	var out []*invItem
	for _, id := range st.life.invOrder {
		it := st.life.inventory[id]
		if it.agentID == a.id && it.userID == userID && it.instanceID == instanceID {
			out = append(out, it)
		}
	}
	return out
}

// itemByFact finds a user's item by its current fact id, or a 404.
func (st *state) itemByFact(a *agent, userID, instanceID, factID string) (*invItem, error) {
	st.life.init()
	if it, ok := st.life.inventory[factID]; ok && it.agentID == a.id && it.userID == userID && it.instanceID == instanceID {
		return it, nil
	}
	return nil, fail(http.StatusNotFound, "inventory fact %q not found", factID)
}

func (it *invItem) toGen() gen.InventoryItem {
	return gen.InventoryItem{FactId: it.factID, InventoryItemId: it.itemID, ItemLabel: it.label, KbNodeId: it.kbNodeID, UserProperties: it.props}
}

func (h *api) QueryInventory(_ context.Context, req fakeserver.QueryInventoryRequestObject) (fakeserver.QueryInventoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	mode := deref(p.Mode)
	switch mode {
	case "", "list", "value", "aggregate":
	default:
		return nil, failAt(http.StatusUnprocessableEntity, "mode", mode, "the mode is list, value or aggregate")
	}
	var filters map[string]any
	if p.Filters != nil {
		if err := json.Unmarshal([]byte(*p.Filters), &filters); err != nil {
			return nil, failAt(http.StatusUnprocessableEntity, "filters", *p.Filters, "filters are a JSON object")
		}
	}
	var items []*invItem
	for _, it := range st.userItems(a, req.UserId, deref(p.InstanceId)) {
		if p.ItemType != nil && *p.ItemType != it.itemType {
			continue
		}
		if q := strings.ToLower(deref(p.Query)); q != "" && !strings.Contains(strings.ToLower(it.label), q) {
			continue
		}
		match := true
		for k, v := range filters {
			if fmt.Sprint(it.props[k]) != fmt.Sprint(v) {
				match = false
			}
		}
		if match {
			items = append(items, it)
		}
	}
	if by := deref(p.SortBy); by != "" {
		desc := deref(p.SortOrder) == "desc"
		sort.SliceStable(items, func(i, j int) bool {
			less := propLess(items[i].props[by], items[j].props[by])
			if desc {
				return propLess(items[j].props[by], items[i].props[by])
			}
			return less
		})
	}
	out := fakeserver.QueryInventory200JSONResponse{Items: []gen.InventoryItem{}, TotalItems: int64(len(items))}
	if mode == "aggregate" {
		out.Groups, out.Totals = aggregate(items, deref(p.Aggregations), deref(p.GroupBy))
		return out, nil
	}
	start := 0
	if p.Cursor != nil {
		raw, err := base64.RawURLEncoding.DecodeString(*p.Cursor)
		n, err2 := strconv.Atoi(string(raw))
		if err != nil || err2 != nil || n < 0 || n > len(items) {
			return nil, failAt(http.StatusUnprocessableEntity, "cursor", *p.Cursor, "not a cursor this API returned")
		}
		start = n
	}
	end := min(start+limitOr(p.Limit, 1000), len(items))
	for _, it := range items[start:end] {
		g := it.toGen()
		if mode == "value" {
			g.MarketProperties, g.GainLoss = map[string]any{}, ptr2(0.0)
		}
		out.Items = append(out.Items, g)
	}
	if end < len(items) && p.SortBy == nil {
		out.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
	}
	return out, nil
}

// propLess orders property values: numbers by value, the rest as text.
func propLess(a, b any) bool {
	fa, okA := a.(float64)
	fb, okB := b.(float64)
	if okA && okB {
		return fa < fb
	}
	return fmt.Sprint(a) < fmt.Sprint(b)
}

// aggregate computes "count" and "sum(prop)" expressions, per group and in
// total.
func aggregate(items []*invItem, exprs, groupBy string) ([]gen.GroupResult, map[string]any) {
	if exprs == "" {
		exprs = "count"
	}
	calc := func(set []*invItem) map[string]any {
		vals := map[string]any{}
		for _, e := range strings.Split(exprs, ",") {
			e = strings.TrimSpace(e)
			if e == "count" {
				vals[e] = len(set)
				continue
			}
			if prop, ok := strings.CutPrefix(e, "sum("); ok {
				prop = strings.TrimSuffix(prop, ")")
				sum := 0.0
				for _, it := range set {
					if v, ok := it.props[prop].(float64); ok {
						sum += v
					}
				}
				vals[e] = sum
			}
		}
		return vals
	}
	groups := []gen.GroupResult{}
	if groupBy != "" {
		byKey := map[string][]*invItem{}
		var keys []string
		for _, it := range items {
			k := fmt.Sprint(it.props[groupBy])
			if groupBy == "item_type" {
				k = it.itemType
			}
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], it)
		}
		sort.Strings(keys)
		for _, k := range keys {
			groups = append(groups, gen.GroupResult{Group: k, Values: calc(byKey[k])})
		}
	}
	return groups, calc(items)
}

func (h *api) UpdateInventory(_ context.Context, req fakeserver.UpdateInventoryRequestObject) (fakeserver.UpdateInventoryResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	inst := deref(req.Params.InstanceId)
	if strings.TrimSpace(b.ItemType) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.item_type", b.ItemType, "an item needs a type")
	}
	switch b.Action {
	case "add":
		it := st.addItem(a, req.UserId, inst, b.ItemType, b.Label, b.Description, b.KbNodeId, b.Properties, now)
		return fakeserver.UpdateInventory200JSONResponse(it.written("added")), nil
	case "update", "remove":
		name := b.Label
		if name == "" {
			name = b.Description
		}
		var found *invItem
		for _, it := range st.userItems(a, req.UserId, inst) {
			if it.itemType == b.ItemType && (b.KbNodeId != "" && it.kbNodeID == b.KbNodeId || name != "" && strings.EqualFold(it.label, name)) {
				found = it
			}
		}
		if found == nil {
			return nil, fail(http.StatusNotFound, "no %s item %q in the inventory", b.ItemType, name)
		}
		if b.Action == "remove" {
			st.removeItem(found)
			return fakeserver.UpdateInventory200JSONResponse(found.written("removed")), nil
		}
		found.props = merged(found.props, b.Properties)
		st.supersede(found, now)
		return fakeserver.UpdateInventory200JSONResponse(found.written("updated")), nil
	}
	return nil, failAt(http.StatusUnprocessableEntity, "body.action", b.Action, "the action is add, update or remove")
}

func merged(base, changes map[string]any) map[string]any {
	out := maps.Clone(base)
	if out == nil {
		out = map[string]any{}
	}
	maps.Copy(out, changes)
	return out
}

func (h *api) BatchImportInventory(_ context.Context, req fakeserver.BatchImportInventoryRequestObject) (fakeserver.BatchImportInventoryResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	items := req.Body.Items
	if len(items) > 1000 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.items", len(items), "at most 1000 items per batch")
	}
	var added, failed int64
	for _, it := range items {
		if strings.TrimSpace(it.ItemType) == "" {
			failed++
			continue
		}
		st.addItem(a, req.UserId, deref(req.Params.InstanceId), it.ItemType, it.Label, it.Description, it.KbNodeId, it.Properties, now)
		added++
	}
	return fakeserver.BatchImportInventory200JSONResponse{Status: "completed", Added: added, Failed: failed, Total: int64(len(items))}, nil
}

func (h *api) CreateInventoryItem(_ context.Context, req fakeserver.CreateInventoryItemRequestObject) (fakeserver.CreateInventoryItemResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if strings.TrimSpace(b.ItemType) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.item_type", b.ItemType, "an item needs a type")
	}
	it := st.addItem(a, req.UserId, deref(req.Params.InstanceId), b.ItemType, b.Label, b.Description, b.KbNodeId, b.Properties, now)
	return fakeserver.CreateInventoryItem200JSONResponse(it.written("added")), nil
}

func (h *api) DirectUpdateInventory(_ context.Context, req fakeserver.DirectUpdateInventoryRequestObject) (fakeserver.DirectUpdateInventoryResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	it, err := st.itemByFact(a, req.UserId, deref(req.Params.InstanceId), req.FactId)
	if err != nil {
		return nil, err
	}
	it.props = merged(it.props, req.Body.Properties)
	st.supersede(it, now)
	return fakeserver.DirectUpdateInventory200JSONResponse{Status: "updated", FactId: it.factID, InventoryItemId: it.itemID}, nil
}

func (h *api) DirectDeleteInventory(_ context.Context, req fakeserver.DirectDeleteInventoryRequestObject) (fakeserver.DirectDeleteInventoryResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	it, err := st.itemByFact(a, req.UserId, deref(req.Params.InstanceId), req.FactId)
	if err != nil {
		return nil, err
	}
	st.removeItem(it)
	return fakeserver.DirectDeleteInventory200JSONResponse{Status: "removed", FactId: it.factID, InventoryItemId: it.itemID}, nil
}
