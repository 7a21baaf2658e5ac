package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// A fork walks through its states on the fake's clock; another client
// (another process) waits on it from the id alone, and the copy appears
// with the source's memories.
func TestForkWalksThroughItsStates(t *testing.T) {
	clock := sonzaitest.NewFakeClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	fake := sonzaitest.NewServer(t, sonzaitest.WithClock(clock), sonzaitest.WithJobDuration(30*time.Second))
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{UserID: "u1", Content: "The user has a cat named Miso."}); err != nil {
		t.Fatal(err)
	}
	f, err := c.Agents.Fork(ctx, agentID, sonzai.AgentForkParams{Name: "Mia copy"})
	if err != nil {
		t.Fatal(err)
	}
	if f.AgentID == "" || f.AgentID == agentID || f.SourceAgentID != agentID || f.Status != sonzai.ForkForking || f.Name != "Mia copy" {
		t.Fatalf("Fork = %+v", f)
	}
	st, err := c.Agents.ForkStatus(ctx, f.AgentID)
	if err != nil || st.Status != sonzai.ForkForking || st.TablesTotal == 0 || !st.StartedAt.IsZero() {
		t.Errorf("ForkStatus at once = %+v, %v", st, err)
	}
	if _, err := c.Agents.Get(ctx, f.AgentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("the copy exists before the fork completes: %v", err)
	}
	clock.Advance(20 * time.Second)
	st, err = c.Agents.ForkStatus(ctx, f.AgentID)
	if err != nil || st.Status != sonzai.ForkForking || st.StartedAt.IsZero() || st.TablesCopied == 0 || st.TablesCopied >= st.TablesTotal {
		t.Errorf("ForkStatus midway = %+v, %v", st, err)
	}
	// Another process waits with only the id.
	other, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var final *sonzai.ForkStatus
	var waitErr error
	go func() {
		defer close(done)
		final, waitErr = other.Agents.WaitFork(ctx, f.AgentID, sonzai.WithPollInterval(time.Millisecond, 5*time.Millisecond))
	}()
	time.Sleep(20 * time.Millisecond)
	clock.Advance(20 * time.Second)
	<-done
	if waitErr != nil || final.Status != sonzai.ForkComplete || final.TablesCopied != final.TablesTotal || final.CompletedAt.IsZero() {
		t.Fatalf("WaitFork = %+v, %v", final, waitErr)
	}
	copyAgent, err := c.Agents.Get(ctx, f.AgentID)
	if err != nil || copyAgent.Name != "Mia copy" {
		t.Fatalf("the copy: %+v, %v", copyAgent, err)
	}
	facts, err := c.Memory.ListFactsPage(ctx, f.AgentID, sonzai.FactListParams{UserID: "u1"})
	if err != nil || len(facts.Facts) != 1 || !strings.Contains(facts.Facts[0].Content, "Miso") {
		t.Errorf("the copy's facts = %+v, %v", facts, err)
	}
	if _, err := c.Agents.ForkStatus(ctx, agentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("ForkStatus of the source's id: %v, want ErrNotFound (the status is read by the new id)", err)
	}
}

func TestFailedForkIsAJobFailedError(t *testing.T) {
	fake := sonzaitest.NewServer(t, sonzaitest.WithJobDuration(10*time.Millisecond))
	fake.FailExtractions(true)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f, err := c.Agents.Fork(ctx, agentID, sonzai.AgentForkParams{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Name, "(fork)") {
		t.Errorf("default fork name = %q", f.Name)
	}
	st, err := c.Agents.WaitFork(ctx, f.AgentID, sonzai.WithPollInterval(time.Millisecond, 5*time.Millisecond))
	var jf *sonzai.JobFailedError
	if !errors.As(err, &jf) || jf.Final != st || st.Status != sonzai.ForkFailed || jf.Reason == "" || jf.ID != f.AgentID {
		t.Fatalf("WaitFork = %+v, %v; want a *JobFailedError with the final state", st, err)
	}
	if _, err := c.Agents.Get(ctx, f.AgentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("a failed fork left an agent: %v", err)
	}
}

// A fork is a POST: a 5xx is not retried (the copy may have started).
func TestForkIsNotRetriedAfterA5xx(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 503, "busy") }))
	_, err := c.Agents.Fork(context.Background(), "a1", sonzai.AgentForkParams{})
	if err == nil || n.total.Load() != 1 {
		t.Errorf("err %v after %d requests; want one request", err, n.total.Load())
	}
}

func TestGenerationThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	g, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{
		Name: "Juno", Description: "A cheerful barista who loves jazz records.",
	})
	if err != nil {
		t.Fatal(err)
	}
	if g.Agent.AgentID == "" || g.Agent.Name != "Juno" || g.Agent.Bio == "" || len(g.Raw) == 0 {
		t.Fatalf("CreateAgent = %+v", g.Agent)
	}
	a, err := c.Agents.Get(ctx, g.Agent.AgentID)
	if err != nil || a.Name != "Juno" {
		t.Fatalf("Agents.Get of the generated agent = %+v, %v", a, err)
	}
	again, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "Juno", Description: "Something else."})
	if err != nil || again.Agent.AgentID != g.Agent.AgentID || again.Agent.Bio != g.Agent.Bio {
		t.Errorf("CreateAgent again = %+v, %v; want the same agent, unchanged", again.Agent, err)
	}

	ch, err := c.Generation.Character(ctx, sonzai.CharacterGenerateParams{Name: "Kai", Description: "A retired sailor who tells stories."})
	if err != nil || ch.Name != "Kai" || ch.Bio == "" || ch.Big5 == nil || len(ch.TrueInterests) == 0 {
		t.Errorf("Character = %+v, %v", ch, err)
	}
	av, err := c.Generation.RegenerateAvatar(ctx, agentID, sonzai.AvatarGenerateParams{Style: "watercolor"})
	if err != nil || !av.Success || av.AvatarURL == "" {
		t.Fatalf("RegenerateAvatar = %+v, %v", av, err)
	}
	if a, _ := c.Agents.Get(ctx, agentID); a == nil || a.AvatarURL != av.AvatarURL {
		t.Errorf("Agent.AvatarURL after RegenerateAvatar = %v", a)
	}
	bio, err := c.Generation.Bio(ctx, agentID, sonzai.BioGenerateParams{Name: "Mia", Description: "A warm companion.", Style: "playful",
		EnrichedContext: json.RawMessage(`{"mood":"cheerful"}`)})
	if err != nil || bio.Bio == "" || bio.Tone != "playful" || bio.Confidence == 0 {
		t.Errorf("Bio = %+v, %v", bio, err)
	}
	img, err := c.Generation.Image(ctx, agentID, sonzai.ImageGenerateParams{Prompt: "A lighthouse at dusk"})
	if err != nil || !img.Success || img.ImageID == "" || img.PublicURL == "" || img.MimeType != "image/png" {
		t.Errorf("Image = %+v, %v", img, err)
	}
	mems, err := c.Generation.SeedMemories(ctx, agentID, sonzai.SeedMemoriesGenerateParams{
		AgentName: "Mia", PersonalityPrompt: "You are Mia.", TrueInterests: []string{"hiking", "tea"},
		StaticLoreMemories:    []sonzai.LoreMemory{{Content: "Mia grew up by the sea.", FactType: "origin", Importance: 0.9}},
		LoreGenerationContext: &sonzai.SeedLoreContext{WorldDescription: "a quiet coastal town"}, GenerateOriginStory: true,
	})
	if err != nil || len(mems) != 4 || mems[0].Content != "Mia grew up by the sea." || mems[0].FactType != "origin" {
		t.Errorf("SeedMemories = %+v, %v", mems, err)
	}
}

// The two free-form answers are read leniently: a wrapped agent, a field
// of an unexpected type, and anything else are kept in Raw.
func TestGeneratedAnswersAreReadLeniently(t *testing.T) {
	var g sonzai.GeneratedAgent
	if err := json.Unmarshal([]byte(`{"created":true,"agent":{"agent_id":"a9","name":"Juno","instance_count":"two"}}`), &g); err != nil {
		t.Fatal(err)
	}
	if g.Agent.AgentID != "a9" || g.Agent.Name != "Juno" || g.Agent.InstanceCount != 0 || !strings.Contains(string(g.Raw), `"created":true`) {
		t.Errorf("GeneratedAgent = %+v, raw %s", g.Agent, g.Raw)
	}
	var ch sonzai.GeneratedCharacter
	if err := json.Unmarshal([]byte(`{"name":"Kai","big5":"high","speech_patterns":["salty"]}`), &ch); err != nil {
		t.Fatal(err)
	}
	if ch.Name != "Kai" || ch.Big5 != nil || len(ch.SpeechPatterns) != 1 || len(ch.Raw) == 0 {
		t.Errorf("GeneratedCharacter = %+v", ch)
	}
}

func TestKBSearchThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{UserID: "u1", Content: "The user's favourite trail is the Kumano Kodo."}); err != nil {
		t.Fatal(err)
	}
	res, err := c.Tools.KBSearch(ctx, agentID, sonzai.KBSearchParams{Query: "Kumano trail", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Query != "Kumano trail" || len(res.Results) != 1 || !strings.Contains(res.Results[0].Content, "Kumano") || res.Results[0].Score != 1 {
		t.Errorf("KBSearch = %+v", res)
	}
	if fake.Requests(sonzaitest.OpAgentKBSearchGet) != 1 || fake.Requests(sonzaitest.OpAgentKBSearch) != 0 {
		t.Errorf("KBSearch did not use the GET form")
	}
	// InBody sends the POST form, with the same answer.
	post, err := c.Tools.KBSearch(ctx, agentID, sonzai.KBSearchParams{Query: "Kumano trail", Limit: 2, InBody: true})
	if err != nil {
		t.Fatal(err)
	}
	// The API's maximum is accepted.
	if _, err := c.Tools.KBSearch(ctx, agentID, sonzai.KBSearchParams{Query: "Kumano trail", Limit: sonzai.MaxKBSearchLimit}); err != nil {
		t.Errorf("KBSearch with Limit %d: %v", sonzai.MaxKBSearchLimit, err)
	}
	if fake.Requests(sonzaitest.OpAgentKBSearch) != 1 || len(post.Results) != 1 || post.Results[0].Content != res.Results[0].Content {
		t.Errorf("KBSearch InBody = %+v (%d POSTs)", post, fake.Requests(sonzaitest.OpAgentKBSearch))
	}
	// The knowledge-base tool is offered once the capability is on.
	if _, err := c.Agents.UpdateCapabilities(ctx, agentID, sonzai.CapabilitiesUpdateParams{KnowledgeBase: sonzai.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	schemas, err := c.Tools.Schemas(ctx, agentID)
	if err != nil || len(schemas) != 1 || schemas[0].Endpoint == "" || schemas[0].Parameters["type"] != "object" {
		t.Errorf("Schemas = %+v, %v", schemas, err)
	}
}

func TestAgentsToolsInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, field string
		do          func(c *sonzai.Client) error
	}{
		{"GetCapabilities agent", "agentID", func(c *sonzai.Client) error { _, err := c.Agents.GetCapabilities(ctx, ""); return err }},
		{"UpdateCapabilities nothing", "CapabilitiesUpdateParams", func(c *sonzai.Client) error {
			_, err := c.Agents.UpdateCapabilities(ctx, "a1", sonzai.CapabilitiesUpdateParams{})
			return err
		}},
		{"UpdateCapabilities memory mode", "CapabilitiesUpdateParams.MemoryMode", func(c *sonzai.Client) error {
			_, err := c.Agents.UpdateCapabilities(ctx, "a1", sonzai.CapabilitiesUpdateParams{MemoryMode: "lazy"})
			return err
		}},
		{"ReplaceCapabilities scope", "CapabilitiesReplaceParams.KnowledgeBaseScopeMode", func(c *sonzai.Client) error {
			_, err := c.Agents.ReplaceCapabilities(ctx, "a1", sonzai.CapabilitiesReplaceParams{KnowledgeBaseScopeMode: "everything"})
			return err
		}},
		{"ReplaceCapabilities proactive", "CapabilitiesReplaceParams.ProactiveMode", func(c *sonzai.Client) error {
			_, err := c.Agents.ReplaceCapabilities(ctx, "a1", sonzai.CapabilitiesReplaceParams{ProactiveMode: "always"})
			return err
		}},
		{"ListCustomTools agent", "agentID", func(c *sonzai.Client) error { _, err := c.Agents.ListCustomTools(ctx, ".."); return err }},
		{"CreateCustomTool name", "CustomToolCreateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Agents.CreateCustomTool(ctx, "a1", sonzai.CustomToolCreateParams{Description: "x"})
			return err
		}},
		{"CreateCustomTool reserved", "CustomToolCreateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Agents.CreateCustomTool(ctx, "a1", sonzai.CustomToolCreateParams{Name: "sonzai_search", Description: "x"})
			return err
		}},
		{"CreateCustomTool description", "CustomToolCreateParams.Description", func(c *sonzai.Client) error {
			_, err := c.Agents.CreateCustomTool(ctx, "a1", sonzai.CustomToolCreateParams{Name: "t"})
			return err
		}},
		{"CreateCustomTool parameters", "CustomToolCreateParams.Parameters", func(c *sonzai.Client) error {
			_, err := c.Agents.CreateCustomTool(ctx, "a1", sonzai.CustomToolCreateParams{Name: "t", Description: "x", Parameters: json.RawMessage(`[1]`)})
			return err
		}},
		{"UpdateCustomTool nothing", "CustomToolUpdateParams", func(c *sonzai.Client) error {
			return c.Agents.UpdateCustomTool(ctx, "a1", "t", sonzai.CustomToolUpdateParams{})
		}},
		{"UpdateCustomTool empty description", "CustomToolUpdateParams.Description", func(c *sonzai.Client) error {
			return c.Agents.UpdateCustomTool(ctx, "a1", "t", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr(" ")})
		}},
		{"UpdateCustomTool parameters", "CustomToolUpdateParams.Parameters", func(c *sonzai.Client) error {
			return c.Agents.UpdateCustomTool(ctx, "a1", "t", sonzai.CustomToolUpdateParams{Parameters: json.RawMessage(`{`)})
		}},
		{"DeleteCustomTool name", "toolName", func(c *sonzai.Client) error { return c.Agents.DeleteCustomTool(ctx, "a1", "") }},
		{"UpdateProfile nothing", "AgentProfileUpdateParams", func(c *sonzai.Client) error {
			return c.Agents.UpdateProfile(ctx, "a1", sonzai.AgentProfileUpdateParams{})
		}},
		{"UpdateProfile empty name", "AgentProfileUpdateParams.Name", func(c *sonzai.Client) error {
			return c.Agents.UpdateProfile(ctx, "a1", sonzai.AgentProfileUpdateParams{Name: sonzai.Ptr("")})
		}},
		{"SetActive agent", "agentID", func(c *sonzai.Client) error { _, err := c.Agents.SetActive(ctx, "", true); return err }},
		{"GetPostProcessingModel chat model", "PostProcessingModelParams.ChatModel", func(c *sonzai.Client) error {
			_, err := c.Agents.GetPostProcessingModel(ctx, "a1", sonzai.PostProcessingModelParams{})
			return err
		}},
		{"UpdatePostProcessingModel one pointer", "PostProcessingModelUpdateParams.Provider/PostProcessingModelUpdateParams.Model", func(c *sonzai.Client) error {
			_, err := c.Agents.UpdatePostProcessingModel(ctx, "a1", sonzai.PostProcessingModelUpdateParams{Model: sonzai.Ptr("m")})
			return err
		}},
		{"UpdatePostProcessingModel half pair", "PostProcessingModelUpdateParams.Provider/PostProcessingModelUpdateParams.Model", func(c *sonzai.Client) error {
			_, err := c.Agents.UpdatePostProcessingModel(ctx, "a1", sonzai.PostProcessingModelUpdateParams{Provider: sonzai.Ptr(""), Model: sonzai.Ptr("m")})
			return err
		}},
		{"Fork agent", "agentID", func(c *sonzai.Client) error { _, err := c.Agents.Fork(ctx, ".", sonzai.AgentForkParams{}); return err }},
		{"ForkStatus id", "forkAgentID", func(c *sonzai.Client) error { _, err := c.Agents.ForkStatus(ctx, ""); return err }},
		{"WaitFork id", "forkAgentID", func(c *sonzai.Client) error { _, err := c.Agents.WaitFork(ctx, ""); return err }},
		{"Generation.CreateAgent name", "AgentGenerateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Description: "x"})
			return err
		}},
		{"Generation.CreateAgent description", "AgentGenerateParams.Description", func(c *sonzai.Client) error {
			_, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "x"})
			return err
		}},
		{"Generation.CreateAgent id", "AgentGenerateParams.AgentID", func(c *sonzai.Client) error {
			_, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "x", Description: "y", AgentID: ".."})
			return err
		}},
		{"Generation.Character description", "CharacterGenerateParams.Description", func(c *sonzai.Client) error {
			_, err := c.Generation.Character(ctx, sonzai.CharacterGenerateParams{Name: "x"})
			return err
		}},
		{"Generation.RegenerateAvatar agent", "agentID", func(c *sonzai.Client) error {
			_, err := c.Generation.RegenerateAvatar(ctx, "", sonzai.AvatarGenerateParams{})
			return err
		}},
		{"Generation.Bio name", "BioGenerateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Generation.Bio(ctx, "a1", sonzai.BioGenerateParams{Description: "x"})
			return err
		}},
		{"Generation.Bio context", "BioGenerateParams.EnrichedContext", func(c *sonzai.Client) error {
			_, err := c.Generation.Bio(ctx, "a1", sonzai.BioGenerateParams{Name: "x", Description: "y", EnrichedContext: json.RawMessage(`{`)})
			return err
		}},
		{"Generation.Image prompt", "ImageGenerateParams.Prompt", func(c *sonzai.Client) error {
			_, err := c.Generation.Image(ctx, "a1", sonzai.ImageGenerateParams{})
			return err
		}},
		{"Generation.SeedMemories prompt", "SeedMemoriesGenerateParams.PersonalityPrompt", func(c *sonzai.Client) error {
			_, err := c.Generation.SeedMemories(ctx, "a1", sonzai.SeedMemoriesGenerateParams{AgentName: "x"})
			return err
		}},
		{"Generation.SeedMemories lore memory", "SeedMemoriesGenerateParams.StaticLoreMemories[1].FactType", func(c *sonzai.Client) error {
			_, err := c.Generation.SeedMemories(ctx, "a1", sonzai.SeedMemoriesGenerateParams{AgentName: "x", PersonalityPrompt: "y",
				StaticLoreMemories: []sonzai.LoreMemory{{Content: "a", FactType: "b"}, {Content: "c"}}})
			return err
		}},
		{"Generation.SeedMemories template", "SeedMemoriesGenerateParams.IdentityMemoryTemplates[0].Template", func(c *sonzai.Client) error {
			_, err := c.Generation.SeedMemories(ctx, "a1", sonzai.SeedMemoriesGenerateParams{AgentName: "x", PersonalityPrompt: "y",
				IdentityMemoryTemplates: []sonzai.SeedMemoryTemplate{{FactType: "b"}}})
			return err
		}},
		{"Generation.SeedMemories world", "SeedMemoriesGenerateParams.LoreGenerationContext.WorldDescription", func(c *sonzai.Client) error {
			_, err := c.Generation.SeedMemories(ctx, "a1", sonzai.SeedMemoriesGenerateParams{AgentName: "x", PersonalityPrompt: "y",
				LoreGenerationContext: &sonzai.SeedLoreContext{}})
			return err
		}},
		{"Tools.KBSearch query", "KBSearchParams.Query", func(c *sonzai.Client) error {
			_, err := c.Tools.KBSearch(ctx, "a1", sonzai.KBSearchParams{Query: " "})
			return err
		}},
		{"Tools.KBSearch limit", "KBSearchParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Tools.KBSearch(ctx, "a1", sonzai.KBSearchParams{Query: "x", Limit: -1})
			return err
		}},
		{"Tools.KBSearch limit over the API's 50", "KBSearchParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Tools.KBSearch(ctx, "a1", sonzai.KBSearchParams{Query: "x", Limit: sonzai.MaxKBSearchLimit + 1, InBody: true})
			return err
		}},
		{"Tools.Schemas agent", "agentID", func(c *sonzai.Client) error { _, err := c.Tools.Schemas(ctx, ""); return err }},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "must not be reached") }))
	for _, tc := range cases {
		err := tc.do(c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}

// Every operation of these groups that names an agent answers 404 for an
// unknown one in the fake, as the server does.
func TestAgentsToolsUnknownAgentIs404(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const nope = "no-such-agent"
	calls := map[string]func() error{
		"GetCapabilities": func() error { _, err := c.Agents.GetCapabilities(ctx, nope); return err },
		"UpdateCapabilities": func() error {
			_, err := c.Agents.UpdateCapabilities(ctx, nope, sonzai.CapabilitiesUpdateParams{Wisdom: sonzai.Ptr(true)})
			return err
		},
		"ReplaceCapabilities": func() error {
			_, err := c.Agents.ReplaceCapabilities(ctx, nope, sonzai.CapabilitiesReplaceParams{})
			return err
		},
		"ListCustomTools": func() error { _, err := c.Agents.ListCustomTools(ctx, nope); return err },
		"CreateCustomTool": func() error {
			_, err := c.Agents.CreateCustomTool(ctx, nope, sonzai.CustomToolCreateParams{Name: "t", Description: "d"})
			return err
		},
		"UpdateCustomTool": func() error {
			return c.Agents.UpdateCustomTool(ctx, agentID, "no_such_tool", sonzai.CustomToolUpdateParams{Description: sonzai.Ptr("d")})
		},
		"DeleteCustomTool": func() error { return c.Agents.DeleteCustomTool(ctx, agentID, "no_such_tool") },
		"UpdateProfile": func() error {
			return c.Agents.UpdateProfile(ctx, nope, sonzai.AgentProfileUpdateParams{Bio: sonzai.Ptr("")})
		},
		"SetActive": func() error { _, err := c.Agents.SetActive(ctx, nope, true); return err },
		"GetPostProcessingModel": func() error {
			_, err := c.Agents.GetPostProcessingModel(ctx, nope, sonzai.PostProcessingModelParams{ChatModel: "m"})
			return err
		},
		"UpdatePostProcessingModel": func() error {
			_, err := c.Agents.UpdatePostProcessingModel(ctx, nope, sonzai.PostProcessingModelUpdateParams{Provider: sonzai.Ptr(""), Model: sonzai.Ptr("")})
			return err
		},
		"Fork":       func() error { _, err := c.Agents.Fork(ctx, nope, sonzai.AgentForkParams{}); return err },
		"ForkStatus": func() error { _, err := c.Agents.ForkStatus(ctx, nope); return err },
		"WaitFork":   func() error { _, err := c.Agents.WaitFork(ctx, nope); return err },
		"RegenerateAvatar": func() error {
			_, err := c.Generation.RegenerateAvatar(ctx, nope, sonzai.AvatarGenerateParams{})
			return err
		},
		"Bio": func() error {
			_, err := c.Generation.Bio(ctx, nope, sonzai.BioGenerateParams{Name: "n", Description: "d"})
			return err
		},
		"Image": func() error {
			_, err := c.Generation.Image(ctx, nope, sonzai.ImageGenerateParams{Prompt: "p"})
			return err
		},
		"SeedMemories": func() error {
			_, err := c.Generation.SeedMemories(ctx, nope, sonzai.SeedMemoriesGenerateParams{AgentName: "n", PersonalityPrompt: "p"})
			return err
		},
		"KBSearch": func() error { _, err := c.Tools.KBSearch(ctx, nope, sonzai.KBSearchParams{Query: "q"}); return err },
		"Schemas":  func() error { _, err := c.Tools.Schemas(ctx, nope); return err },
	}
	for name, do := range calls {
		if err := do(); !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// With InBody the query travels in the POST body, never in the URL.
func TestKBSearchInBodyKeepsTheQueryOutOfTheURL(t *testing.T) {
	var got struct {
		method, rawQuery string
		body             map[string]any
	}
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.rawQuery, got.body = r.Method, r.URL.RawQuery, decodeBody(t, r)
		writeJSON(w, http.StatusOK, map[string]any{"query": "secret plans", "results": []any{}})
	}))
	if _, err := c.Tools.KBSearch(context.Background(), "a/1", sonzai.KBSearchParams{Query: "secret plans", Limit: 5, InBody: true}); err != nil {
		t.Fatal(err)
	}
	if got.method != http.MethodPost || got.rawQuery != "" || got.body["query"] != "secret plans" || got.body["limit"] != float64(5) {
		t.Errorf("sent %s ?%s %v", got.method, got.rawQuery, got.body)
	}
}
