package sonzaitest

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestAgentsToolsFlow runs every operation of the Agents settings, fork,
// custom tools, Generation and Tools groups under the recording harness,
// so each answer (errors included) is checked against the contract.
func TestAgentsToolsFlow(t *testing.T) {
	h := newHarness(t, WithJobDuration(20*time.Millisecond))
	ctx := ctxT(t)
	c := h.client
	status := func(err error) int {
		var apiErr *sonzai.APIError
		if errors.As(err, &apiErr) {
			return apiErr.StatusCode
		}
		return 0
	}

	if _, err := c.Agents.UpdateCapabilities(ctx, DemoAgentID, sonzai.CapabilitiesUpdateParams{
		KnowledgeBase: sonzai.Ptr(true), MemoryMode: sonzai.MemoryAsync, MCPEnabled: []string{"calendar"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.ReplaceCapabilities(ctx, DemoAgentID, sonzai.CapabilitiesReplaceParams{KnowledgeBase: true, Skills: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.CreateCustomTool(ctx, DemoAgentID, sonzai.CustomToolCreateParams{Name: "lookup", Description: "Look up an order.",
		Parameters: json.RawMessage(`{"type":"object"}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.CreateCustomTool(ctx, DemoAgentID, sonzai.CustomToolCreateParams{Name: "lookup", Description: "again"}); status(err) != http.StatusConflict {
		t.Errorf("duplicate tool: %v, want 409", err)
	}
	if err := c.Agents.UpdateCustomTool(ctx, DemoAgentID, "lookup", sonzai.CustomToolUpdateParams{Parameters: json.RawMessage(`{"type":"object","properties":{}}`)}); err != nil {
		t.Fatal(err)
	}
	caps, err := c.Agents.GetCapabilities(ctx, DemoAgentID)
	if err != nil || len(caps.CustomTools) != 1 || !caps.Skills || caps.MemoryMode != sonzai.MemoryAsync {
		t.Errorf("GetCapabilities = %+v, %v", caps, err)
	}
	schemas, err := c.Tools.Schemas(ctx, DemoAgentID)
	if err != nil || len(schemas) != 2 {
		t.Errorf("Schemas = %+v, %v", schemas, err)
	}
	if _, err := c.Tools.KBSearch(ctx, DemoAgentID, sonzai.KBSearchParams{Query: "hikes and stargazing"}); err != nil {
		t.Fatal(err)
	}
	raw, err := c.Raw().AgentKBSearchWithResponse(ctx, DemoAgentID, gen.AgentKBSearchJSONRequestBody{Query: "stargazing"})
	if err != nil || raw.JSON200 == nil || len(raw.JSON200.Results) == 0 {
		t.Errorf("agentKBSearch (POST) = %v, %v", raw, err)
	}
	if err := c.Agents.DeleteCustomTool(ctx, DemoAgentID, "lookup"); err != nil {
		t.Fatal(err)
	}

	if err := c.Agents.UpdateProfile(ctx, DemoAgentID, sonzai.AgentProfileUpdateParams{PersonalityPrompt: sonzai.Ptr("You are Mia."), SpeechPatterns: []string{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.SetActive(ctx, DemoAgentID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.UpdatePostProcessingModel(ctx, DemoAgentID, sonzai.PostProcessingModelUpdateParams{Provider: sonzai.Ptr("openai"), Model: sonzai.Ptr("gpt-5-mini")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.GetPostProcessingModel(ctx, DemoAgentID, sonzai.PostProcessingModelParams{ChatModel: "gemini-3.1-flash-lite-preview"}); err != nil {
		t.Fatal(err)
	}
	// One half of a pair sent through Raw: the fake refuses it.
	half, err := c.Raw().UpdateAgentPostProcessingModelWithResponse(ctx, DemoAgentID, gen.UpdateAgentPostProcessingModelInputBody{PostProcessingModel: sonzai.Ptr("")})
	if status(err) != http.StatusUnprocessableEntity {
		t.Errorf("clearing only the model while a provider is set: %v %v, want 422", half, err)
	}

	f, err := c.Agents.Fork(ctx, DemoAgentID, sonzai.AgentForkParams{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.WaitFork(ctx, f.AgentID, sonzai.WithPollInterval(5*time.Millisecond, 10*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	forked, err := c.Agents.GetCapabilities(ctx, f.AgentID)
	if err != nil || !forked.Skills || len(forked.MCPEnabled) != 0 {
		t.Errorf("the fork's capabilities = %+v, %v; want the source's", forked, err)
	}

	g, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "Juno", Description: "A barista.", AgentID: "juno-1"})
	if err != nil || g.Agent.AgentID != "juno-1" {
		t.Fatalf("CreateAgent = %+v, %v", g, err)
	}
	if _, err := c.Generation.Character(ctx, sonzai.CharacterGenerateParams{Name: "Juno", Description: "x", AgentID: "juno-1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generation.RegenerateAvatar(ctx, "juno-1", sonzai.AvatarGenerateParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generation.Bio(ctx, "juno-1", sonzai.BioGenerateParams{Name: "Juno", Description: "A barista.", InstanceID: "inst-1", UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generation.Image(ctx, "juno-1", sonzai.ImageGenerateParams{Prompt: "latte art"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generation.SeedMemories(ctx, "juno-1", sonzai.SeedMemoriesGenerateParams{AgentName: "Juno", PersonalityPrompt: "You are Juno.",
		IdentityMemoryTemplates: []sonzai.SeedMemoryTemplate{{Template: "{name} makes coffee.", FactType: "identity", Importance: 0.5}},
		Big5:                    &sonzai.Big5Scores{Openness: 0.6}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generation.Image(ctx, "nobody", sonzai.ImageGenerateParams{Prompt: "x"}); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("Image for an unknown agent: %v", err)
	}
}
