package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// recordBodies is a handler that keeps each request's JSON body and
// answers with answer.
type recordBodies struct {
	mu     sync.Mutex
	bodies []map[string]any
	method []string
}

func (rb *recordBodies) handler(t *testing.T, answer any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body := decodeBody(t, r)
		rb.mu.Lock()
		rb.bodies = append(rb.bodies, body)
		rb.method = append(rb.method, r.Method)
		rb.mu.Unlock()
		writeJSON(w, 200, answer)
	}
}

func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// UpdateCapabilities (PATCH) sends only the set fields, false included;
// ReplaceCapabilities (PUT) sends every flag.
func TestCapabilitiesPatchAndPutOnTheWire(t *testing.T) {
	var rb recordBodies
	c, _ := newTestServer(t, rb.handler(t, map[string]any{
		"voiceGeneration": false, "imageGeneration": true, "videoGeneration": false, "musicGeneration": false,
	}))
	ctx := context.Background()
	if _, err := c.Agents.UpdateCapabilities(ctx, "a1", sonzai.CapabilitiesUpdateParams{
		WebSearch: sonzai.Ptr(false), MemoryMode: sonzai.MemoryAsync,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.UpdateCapabilities(ctx, "a1", sonzai.CapabilitiesUpdateParams{MCPEnabled: []string{}}); err != nil {
		t.Fatal(err)
	}
	caps, err := c.Agents.ReplaceCapabilities(ctx, "a1", sonzai.CapabilitiesReplaceParams{WebSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	if !caps.ImageGeneration {
		t.Errorf("ReplaceCapabilities = %+v", caps)
	}
	if got := keysOf(rb.bodies[0]); !slices.Equal(got, []string{"memoryMode", "webSearch"}) || rb.bodies[0]["webSearch"] != false || rb.method[0] != http.MethodPatch {
		t.Errorf("PATCH body = %v (%s), want only webSearch=false and memoryMode", rb.bodies[0], rb.method[0])
	}
	if mcp, ok := rb.bodies[1]["mcpEnabled"].([]any); !ok || len(mcp) != 0 || len(rb.bodies[1]) != 1 {
		t.Errorf("PATCH body = %v, want mcpEnabled: []", rb.bodies[1])
	}
	put := rb.bodies[2]
	if rb.method[2] != http.MethodPut || len(put) != 14 || put["webSearch"] != true || put["wisdom"] != false {
		t.Errorf("PUT body = %v (%s), want all 13 flags and mcpEnabled", put, rb.method[2])
	}
	if mcp, ok := put["mcpEnabled"].([]any); !ok || len(mcp) != 0 {
		t.Errorf("PUT mcpEnabled = %v, want []", put["mcpEnabled"])
	}
}

func TestCapabilitiesThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	caps, err := c.Agents.UpdateCapabilities(ctx, agentID, sonzai.CapabilitiesUpdateParams{
		WebSearch: sonzai.Ptr(true), KnowledgeBase: sonzai.Ptr(true), ProactiveMode: sonzai.ProactiveOff,
		KnowledgeBaseScopeMode: sonzai.KnowledgeBaseUnion, MCPEnabled: []string{"calendar"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !caps.WebSearch || !caps.KnowledgeBase || caps.Inventory || caps.ProactiveMode != sonzai.ProactiveOff ||
		caps.KnowledgeBaseScopeMode != sonzai.KnowledgeBaseUnion || !slices.Equal(caps.MCPEnabled, []string{"calendar"}) {
		t.Errorf("UpdateCapabilities = %+v", caps)
	}
	// Setting false through a PATCH turns off only that flag.
	caps, err = c.Agents.UpdateCapabilities(ctx, agentID, sonzai.CapabilitiesUpdateParams{WebSearch: sonzai.Ptr(false)})
	if err != nil || caps.WebSearch || !caps.KnowledgeBase {
		t.Errorf("PATCH webSearch=false = %+v, %v", caps, err)
	}
	// A PUT turns off what it leaves false.
	if _, err := c.Agents.ReplaceCapabilities(ctx, agentID, sonzai.CapabilitiesReplaceParams{Inventory: true}); err != nil {
		t.Fatal(err)
	}
	caps, err = c.Agents.GetCapabilities(ctx, agentID)
	if err != nil || caps.KnowledgeBase || !caps.Inventory || len(caps.MCPEnabled) != 0 {
		t.Errorf("after PUT: %+v, %v", caps, err)
	}
	a, err := c.Agents.Get(ctx, agentID)
	if err != nil || a.ProactiveMode != "off" {
		t.Errorf("Agents.Get after setting proactive mode off: %+v, %v", a, err)
	}
}

func TestCustomToolsThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schema := json.RawMessage(`{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}`)
	tool, err := c.Agents.CreateCustomTool(ctx, agentID, sonzai.CustomToolCreateParams{
		Name: "order_lookup", Description: "Look up an order.", Parameters: schema,
	})
	if err != nil {
		t.Fatal(err)
	}
	if tool.Name != "order_lookup" || tool.Description != "Look up an order." || !json.Valid(tool.Parameters) {
		t.Errorf("CreateCustomTool = %+v", tool)
	}
	if _, err := c.Agents.CreateCustomTool(ctx, agentID, sonzai.CustomToolCreateParams{Name: "weather", Description: "Today's weather."}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Agents.CreateCustomTool(ctx, agentID, sonzai.CustomToolCreateParams{Name: "weather", Description: "again"})
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Errorf("creating an existing tool: %v, want a 409", err)
	}
	tools, err := c.Agents.ListCustomTools(ctx, agentID)
	if err != nil || len(tools) != 2 || tools[0].Name != "order_lookup" || tools[1].Name != "weather" {
		t.Fatalf("ListCustomTools = %+v, %v", tools, err)
	}
	if err := c.Agents.UpdateCustomTool(ctx, agentID, "weather", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr("The weather in a city.")}); err != nil {
		t.Fatal(err)
	}
	caps, err := c.Agents.GetCapabilities(ctx, agentID)
	if err != nil || len(caps.CustomTools) != 2 || caps.CustomTools[1].Description != "The weather in a city." {
		t.Errorf("GetCapabilities custom tools = %+v, %v", caps.CustomTools, err)
	}
	schemas, err := c.Tools.Schemas(ctx, agentID)
	if err != nil || len(schemas) != 2 || schemas[0].Name != "order_lookup" || schemas[0].Parameters["type"] != "object" {
		t.Errorf("Tools.Schemas = %+v, %v", schemas, err)
	}
	if err := c.Agents.DeleteCustomTool(ctx, agentID, "weather"); err != nil {
		t.Fatal(err)
	}
	err = c.Agents.DeleteCustomTool(ctx, agentID, "weather")
	if !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("deleting a deleted tool: %v, want ErrNotFound", err)
	}
	err = c.Agents.UpdateCustomTool(ctx, agentID, "weather", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr("x")})
	if !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("updating a deleted tool: %v, want ErrNotFound", err)
	}
	tools, err = c.Agents.ListCustomTools(ctx, agentID)
	if err != nil || len(tools) != 1 {
		t.Errorf("ListCustomTools after delete = %+v, %v", tools, err)
	}
}

// UpdateProfile sends only what is set: "" clears, an empty list clears,
// nil stays off the wire.
func TestProfileUpdateOnTheWire(t *testing.T) {
	var rb recordBodies
	c, _ := newTestServer(t, rb.handler(t, map[string]any{"success": true}))
	if err := c.Agents.UpdateProfile(context.Background(), "a1", sonzai.AgentProfileUpdateParams{
		Bio: sonzai.Ptr(""), TrueDislikes: []string{},
	}); err != nil {
		t.Fatal(err)
	}
	b := rb.bodies[0]
	if got := keysOf(b); !slices.Equal(got, []string{"bio", "true_dislikes"}) || b["bio"] != "" {
		t.Errorf("PATCH body = %v", b)
	}
	if l, ok := b["true_dislikes"].([]any); !ok || len(l) != 0 {
		t.Errorf("true_dislikes = %v, want []", b["true_dislikes"])
	}
}

func TestProfileStatusAndModelThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	before, err := c.Agents.Get(ctx, agentID)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Agents.UpdateProfile(ctx, agentID, sonzai.AgentProfileUpdateParams{
		Bio: sonzai.Ptr(""), TrueInterests: []string{"chess"},
	}); err != nil {
		t.Fatal(err)
	}
	a, err := c.Agents.Get(ctx, agentID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Bio != "" || !slices.Equal(a.TrueInterests, []string{"chess"}) || a.PersonalityPrompt != before.PersonalityPrompt || a.Name != before.Name {
		t.Errorf("after UpdateProfile: bio %q, interests %v, prompt kept %v, name %q", a.Bio, a.TrueInterests, a.PersonalityPrompt == before.PersonalityPrompt, a.Name)
	}
	if err := c.Agents.UpdateProfile(ctx, agentID, sonzai.AgentProfileUpdateParams{Name: sonzai.Ptr("Mia-Two")}); err != nil {
		t.Fatal(err)
	}
	if a, err := c.Agents.Get(ctx, "Mia-Two"); err != nil || a.AgentID != agentID {
		t.Errorf("Get by the new name = %+v, %v", a, err)
	}

	st, err := c.Agents.SetActive(ctx, agentID, false)
	if err != nil || st.IsActive || !st.Success || st.AgentID != agentID {
		t.Errorf("SetActive(false) = %+v, %v", st, err)
	}
	if a, _ := c.Agents.Get(ctx, agentID); a == nil || a.IsActive {
		t.Errorf("Agents.Get after deactivating: IsActive = %v", a != nil && a.IsActive)
	}
	if _, err := c.Agents.SetActive(ctx, agentID, true); err != nil {
		t.Fatal(err)
	}
	if a, _ := c.Agents.Get(ctx, agentID); a == nil || !a.IsActive {
		t.Error("Agents.Get after reactivating: not active")
	}

	m, err := c.Agents.GetPostProcessingModel(ctx, agentID, sonzai.PostProcessingModelParams{ChatModel: "gpt-5"})
	if err != nil || m.Model != "gpt-5" {
		t.Errorf("GetPostProcessingModel without override = %+v, %v", m, err)
	}
	o, err := c.Agents.UpdatePostProcessingModel(ctx, agentID, sonzai.PostProcessingModelUpdateParams{Provider: sonzai.Ptr("openai"), Model: sonzai.Ptr("gpt-5-mini")})
	if err != nil || !o.Success || o.Provider != "openai" || o.Model != "gpt-5-mini" {
		t.Errorf("UpdatePostProcessingModel = %+v, %v", o, err)
	}
	m, err = c.Agents.GetPostProcessingModel(ctx, agentID, sonzai.PostProcessingModelParams{ChatModel: "gpt-5"})
	if err != nil || m.Provider != "openai" || m.Model != "gpt-5-mini" || m.MaxTokens == 0 {
		t.Errorf("GetPostProcessingModel with override = %+v, %v", m, err)
	}
	o, err = c.Agents.UpdatePostProcessingModel(ctx, agentID, sonzai.PostProcessingModelUpdateParams{Provider: sonzai.Ptr(""), Model: sonzai.Ptr("")})
	if err != nil || o.Provider != "" || o.Model != "" {
		t.Errorf("clearing the override = %+v, %v", o, err)
	}
	if m, _ := c.Agents.GetPostProcessingModel(ctx, agentID, sonzai.PostProcessingModelParams{ChatModel: "gpt-5"}); m == nil || m.Model != "gpt-5" {
		t.Errorf("after clearing: %+v", m)
	}
}
