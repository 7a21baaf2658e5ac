package sonzai_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// UpdateCapabilities (a PATCH) changes only what is set, false included;
// ReplaceCapabilities (a PUT) sets every flag.
func ExampleAgentsService_UpdateCapabilities() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	caps, err := client.Agents.UpdateCapabilities(ctx, agentID, sonzai.CapabilitiesUpdateParams{
		KnowledgeBase: sonzai.Ptr(true),
		WebSearch:     sonzai.Ptr(false),
		MemoryMode:    sonzai.MemoryAsync,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("knowledge base:", caps.KnowledgeBase, "memory:", caps.MemoryMode)

	// Everything not set to true here is turned off.
	caps, err = client.Agents.ReplaceCapabilities(ctx, agentID, sonzai.CapabilitiesReplaceParams{RememberName: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("knowledge base:", caps.KnowledgeBase, "remember name:", caps.RememberName)
	// Output:
	// knowledge base: true memory: async
	// knowledge base: false remember name: true
}

// An update sends only the fields it sets: Ptr("") clears the bio, the
// prompt is left as it is.
func ExampleAgentsService_UpdateProfile() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	err := client.Agents.UpdateProfile(ctx, agentID, sonzai.AgentProfileUpdateParams{
		Bio:           sonzai.Ptr(""),
		TrueInterests: []string{"chess", "tea"},
	})
	if err != nil {
		log.Fatal(err)
	}
	a, err := client.Agents.Get(ctx, agentID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("bio %q, interests %v, prompt kept: %v\n", a.Bio, a.TrueInterests, a.PersonalityPrompt != "")
	// Output: bio "", interests [chess tea], prompt kept: true
}

// Fork returns the new agent's id at once; WaitFork polls until the copy
// is done, from this process or any other that has the id.
func ExampleAgentsService_WaitFork() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	f, err := client.Agents.Fork(ctx, agentID, sonzai.AgentForkParams{Name: "Mia (staging)"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("forking:", f.Status)
	st, err := client.Agents.WaitFork(ctx, f.AgentID)
	if err != nil {
		log.Fatal(err)
	}
	copied, err := client.Agents.Get(ctx, f.AgentID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.Status, copied.Name)
	// Output:
	// forking: forking
	// complete Mia (staging)
}

func ExampleAgentsService_CreateCustomTool() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	_, err := client.Agents.CreateCustomTool(ctx, agentID, sonzai.CustomToolCreateParams{
		Name:        "order_lookup",
		Description: "Look up one of the user's orders by its id.",
		Parameters:  json.RawMessage(`{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}`),
	})
	if err != nil {
		log.Fatal(err)
	}
	tools, err := client.Agents.ListCustomTools(ctx, agentID)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tools {
		fmt.Println(t.Name+":", t.Description)
	}
	// Output: order_lookup: Look up one of the user's orders by its id.
}

// CreateAgent is idempotent on the server: an agent that exists is
// returned without running the LLM, so it can run at every start.
func ExampleGenerationService_CreateAgent() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	g, err := client.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{
		Name:        "Juno",
		Description: "A cheerful barista who loves jazz records.",
	})
	if err != nil {
		log.Fatal(err)
	}
	a, err := client.Agents.Get(ctx, g.Agent.AgentID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Name, a.Bio)
	// Output: Juno Juno is a cheerful barista who loves jazz records.
}

func ExampleToolsService_KBSearch() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	res, err := client.Tools.KBSearch(ctx, agentID, sonzai.KBSearchParams{Query: "stargazing", Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, hit := range res.Results {
		fmt.Println(hit.Type, hit.Score)
	}
	// Output: profile 1
}
