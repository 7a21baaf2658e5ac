package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// agentsToolsSteps change the walkthrough agent's capabilities, custom
// tools, profile, status and post-processing model, fork it, search its
// knowledge base, and run every generation call. The fork and the
// generated agent are deleted by the steps that make them; the custom tool
// by the last step. agentID is read when a step runs, after agents.create
// set it.
func agentsToolsSteps(client *sonzai.Client, agentID *string) []struct {
	name string
	f    func(ctx context.Context) (string, error)
} {
	stamp := time.Now().UnixNano()
	return []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		{"agents.getCapabilities", func(ctx context.Context) (string, error) {
			c, err := client.Agents.GetCapabilities(ctx, *agentID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("web search %v, knowledge base %v", c.WebSearch, c.KnowledgeBase), nil
		}},
		{"agents.updateCapabilities (PATCH)", func(ctx context.Context) (string, error) {
			c, err := client.Agents.UpdateCapabilities(ctx, *agentID, sonzai.CapabilitiesUpdateParams{
				KnowledgeBase: sonzai.Ptr(true), WebSearch: sonzai.Ptr(false),
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("knowledge base %v, web search %v", c.KnowledgeBase, c.WebSearch), nil
		}},
		{"agents.replaceCapabilities (PUT)", func(ctx context.Context) (string, error) {
			c, err := client.Agents.ReplaceCapabilities(ctx, *agentID, sonzai.CapabilitiesReplaceParams{
				KnowledgeBase: true, RememberName: true,
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("remember name %v, inventory %v", c.RememberName, c.Inventory), nil
		}},
		{"agents.createCustomTool + list", func(ctx context.Context) (string, error) {
			if _, err := client.Agents.CreateCustomTool(ctx, *agentID, sonzai.CustomToolCreateParams{
				Name: "order_lookup", Description: "Look up one of the user's orders.",
				Parameters: json.RawMessage(`{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}`),
			}); err != nil {
				return "", err
			}
			tools, err := client.Agents.ListCustomTools(ctx, *agentID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d custom tool(s)", len(tools)), nil
		}},
		{"agents.updateCustomTool", func(ctx context.Context) (string, error) {
			return "described", client.Agents.UpdateCustomTool(ctx, *agentID, "order_lookup", sonzai.CustomToolUpdateParams{
				Description: sonzai.Ptr("Look up one of the user's orders by its id."),
			})
		}},
		{"tools.schemas", func(ctx context.Context) (string, error) {
			schemas, err := client.Tools.Schemas(ctx, *agentID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d tool schema(s)", len(schemas)), nil
		}},
		{"tools.kbSearch (GET, then POST)", func(ctx context.Context) (string, error) {
			res, err := client.Tools.KBSearch(ctx, *agentID, sonzai.KBSearchParams{Query: "hiking", Limit: 3})
			if err != nil {
				return "", err
			}
			// InBody sends the query in a POST body instead of the URL.
			post, err := client.Tools.KBSearch(ctx, *agentID, sonzai.KBSearchParams{Query: "hiking", Limit: 3, InBody: true})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d result(s), %d by POST", len(res.Results), len(post.Results)), nil
		}},
		{"agents.updateProfile", func(ctx context.Context) (string, error) {
			if err := client.Agents.UpdateProfile(ctx, *agentID, sonzai.AgentProfileUpdateParams{
				Bio: sonzai.Ptr("Updated by the sonzai-go walkthrough."), TrueInterests: []string{"hiking", "tea"},
			}); err != nil {
				return "", err
			}
			a, err := client.Agents.Get(ctx, *agentID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("bio %q", a.Bio), nil
		}},
		{"agents.setAgentStatus", func(ctx context.Context) (string, error) {
			if _, err := client.Agents.SetActive(ctx, *agentID, false); err != nil {
				return "", err
			}
			st, err := client.Agents.SetActive(ctx, *agentID, true)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("deactivated, then active %v", st.IsActive), nil
		}},
		{"agents.postProcessingModel", func(ctx context.Context) (string, error) {
			if _, err := client.Agents.UpdatePostProcessingModel(ctx, *agentID, sonzai.PostProcessingModelUpdateParams{
				Provider: sonzai.Ptr("gemini"), Model: sonzai.Ptr("gemini-3.1-flash-lite-preview"),
			}); err != nil {
				return "", err
			}
			m, err := client.Agents.GetPostProcessingModel(ctx, *agentID, sonzai.PostProcessingModelParams{ChatModel: "gemini-3.1-flash-lite-preview"})
			if err != nil {
				return "", err
			}
			// Clear the override again.
			if _, err := client.Agents.UpdatePostProcessingModel(ctx, *agentID, sonzai.PostProcessingModelUpdateParams{
				Provider: sonzai.Ptr(""), Model: sonzai.Ptr(""),
			}); err != nil {
				return "", err
			}
			return "resolved " + m.Provider + "/" + m.Model + ", then cleared", nil
		}},
		{"agents.fork + waitFork", func(ctx context.Context) (string, error) {
			f, err := client.Agents.Fork(ctx, *agentID, sonzai.AgentForkParams{Name: fmt.Sprintf("sonzai-go-walkthrough-fork-%d", stamp)})
			if err != nil {
				return "", err
			}
			st, err := client.Agents.WaitFork(ctx, f.AgentID)
			if err != nil {
				return "", err
			}
			if _, err := client.Agents.Delete(ctx, f.AgentID); err != nil {
				return "", fmt.Errorf("deleting the fork: %w", err)
			}
			return fmt.Sprintf("fork %s %s (%d/%d tables), deleted", f.AgentID, st.Status, st.TablesCopied, st.TablesTotal), nil
		}},
		{"generation.createAgent", func(ctx context.Context) (string, error) {
			g, err := client.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{
				Name:        fmt.Sprintf("sonzai-go-walkthrough-generated-%d", stamp),
				Description: "A cheerful barista who loves jazz and remembers every regular's order.",
			})
			if err != nil {
				return "", err
			}
			if g.Agent.AgentID == "" {
				return "", fmt.Errorf("no agent id in the answer: %s", g.Raw)
			}
			a, err := client.Agents.Get(ctx, g.Agent.AgentID)
			if err != nil {
				return "", err
			}
			if _, err := client.Agents.Delete(ctx, a.AgentID); err != nil {
				return "", fmt.Errorf("deleting the generated agent: %w", err)
			}
			return "agent " + a.AgentID + " generated, read and deleted", nil
		}},
		{"generation.character", func(ctx context.Context) (string, error) {
			ch, err := client.Generation.Character(ctx, sonzai.CharacterGenerateParams{
				Name: "Kai", Description: "A retired sailor who tells tall tales.",
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d bytes of profile", len(ch.Raw)), nil
		}},
		{"generation.bio", func(ctx context.Context) (string, error) {
			b, err := client.Generation.Bio(ctx, *agentID, sonzai.BioGenerateParams{
				Name: "Walkthrough", Description: "A helpful companion created by the sonzai-go walkthrough.",
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d characters, tone %q", len(b.Bio), b.Tone), nil
		}},
		{"generation.regenerateAvatar", func(ctx context.Context) (string, error) {
			av, err := client.Generation.RegenerateAvatar(ctx, *agentID, sonzai.AvatarGenerateParams{Style: "watercolor"})
			if err != nil {
				return "", err
			}
			return "avatar " + av.AvatarURL, nil
		}},
		{"generation.image", func(ctx context.Context) (string, error) {
			img, err := client.Generation.Image(ctx, *agentID, sonzai.ImageGenerateParams{Prompt: "A mountain trail at sunrise"})
			if err != nil {
				return "", err
			}
			return "image " + img.ImageID + " (" + img.MimeType + ")", nil
		}},
		{"generation.seedMemories", func(ctx context.Context) (string, error) {
			mems, err := client.Generation.SeedMemories(ctx, *agentID, sonzai.SeedMemoriesGenerateParams{
				AgentName: "Walkthrough", PersonalityPrompt: "You are a helpful, curious companion.",
				TrueInterests: []string{"hiking"}, SpeechPatterns: []string{"short sentences"},
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d memories", len(mems)), nil
		}},
		{"agents.deleteCustomTool", func(ctx context.Context) (string, error) {
			return "order_lookup deleted", client.Agents.DeleteCustomTool(ctx, *agentID, "order_lookup")
		}},
	}
}
