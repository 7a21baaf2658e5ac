package sonzai_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// useFake points SONZAI_API_KEY and SONZAI_BASE_URL at a fresh fake server,
// so the examples below run as written. It returns the function that stops
// the fake and restores the environment.
func useFake() func() {
	fake := sonzaitest.New()
	oldKey, hadKey := os.LookupEnv(sonzai.EnvAPIKey)
	oldURL, hadURL := os.LookupEnv(sonzai.EnvBaseURL)
	os.Setenv(sonzai.EnvAPIKey, fake.APIKey())
	os.Setenv(sonzai.EnvBaseURL, fake.URL())
	return func() {
		fake.Close()
		restoreEnv(sonzai.EnvAPIKey, oldKey, hadKey)
		restoreEnv(sonzai.EnvBaseURL, oldURL, hadURL)
	}
}

func restoreEnv(name, value string, had bool) {
	if had {
		os.Setenv(name, value)
	} else {
		os.Unsetenv(name)
	}
}

const agentID = sonzaitest.DemoAgentID

// Build one client and share it. The key and base URL come from
// SONZAI_API_KEY and SONZAI_BASE_URL; options override them.
func ExampleNewClient() {
	defer useFake()()
	client, err := sonzai.NewClient(
		sonzai.WithMaxRetries(3),
		sonzai.WithAttemptTimeout(20*time.Second),
		sonzai.WithUserAgentSuffix("my-app/1.0"),
	)
	if err != nil {
		log.Fatal(err) // e.g. no API key, or a malformed base URL
	}
	fmt.Println(client != nil)
	// Output: true
}

// Pattern 1: open a session, fetch the context before each LLM call, report
// each turn, and close the session.
func Example_pattern1() {
	defer useFake()()
	ctx := context.Background()
	client, err := sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	session, err := client.Sessions.Start(ctx, agentID, sonzai.StartParams{
		UserID:          "user-123",
		UserDisplayName: "Alice",
	})
	if err != nil {
		log.Fatal(err)
	}

	// Before your LLM call: the enriched context for the system prompt.
	enriched, err := session.Context(ctx, sonzai.ContextParams{Query: "weekend plans"})
	if err != nil {
		log.Fatal(err)
	}
	_ = enriched.PersonalityPrompt // plus LoadedFacts, CurrentMood, Layer("..."), ...

	// After your LLM answered: report the turn.
	turn, err := session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{
		sonzai.UserMessage("I like hiking."),
		sonzai.AssistantMessage("Hiking is great! Any favourite trails?"),
	}})
	if err != nil {
		log.Fatal(err)
	}
	status, err := session.WaitTurn(ctx, turn.ExtractionID) // optional
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("extraction:", status.State)

	if _, err := session.End(ctx, sonzai.EndParams{}); err != nil {
		log.Fatal(err)
	}
	// Output: extraction: done
}

// Tool calls and tool results are part of a turn; the extractor learns from
// tool output too.
func ExampleSession_Turn_toolMessages() {
	defer useFake()()
	ctx := context.Background()
	client, _ := sonzai.NewClient()
	session, _ := client.Sessions.Start(ctx, agentID, sonzai.StartParams{UserID: "user-123"})

	turn, err := session.Turn(ctx, sonzai.TurnParams{
		Messages: []sonzai.Message{
			sonzai.UserMessage("Where did my last order ship from?"),
			sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
			sonzai.ToolResultMessage("call_1", `{"order_id":"42","origin":"Tokyo","carrier":"DHL"}`),
			sonzai.AssistantMessage("Your last order shipped from Tokyo via DHL."),
		},
		FetchNextContext: &sonzai.ContextParams{Query: "orders"}, // saves the next Context call
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(turn.ExtractionStatus, turn.NextContext != nil)
	// Output: queued true
}

// Pattern 2: hand over a whole transcript after the conversation, then read
// what was extracted.
func Example_pattern2() {
	defer useFake()()
	ctx := context.Background()
	client, err := sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	result, err := client.Agents.Process(ctx, agentID, sonzai.ProcessParams{
		UserID: "user-123", // no SessionID: the server creates one
		Messages: []sonzai.Message{
			sonzai.UserMessage("My name is Alice and I love climbing."),
			sonzai.AssistantMessage("Nice to meet you, Alice!"),
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("facts extracted:", result.FactsExtracted > 0)

	hits, err := client.Memory.Search(ctx, agentID, sonzai.MemorySearchParams{Query: "climbing", UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found in memory:", len(hits) > 0)
	// Output:
	// facts extracted: true
	// found in memory: true
}

// Stream the agent's answer and print it as it arrives.
func ExampleChatService_Stream() {
	defer useFake()()
	ctx := context.Background()
	client, _ := sonzai.NewClient()

	stream, err := client.Chat.Stream(ctx, agentID, sonzai.ChatParams{
		UserID:   "user-123",
		Messages: []sonzai.Message{sonzai.UserMessage("Hi!")},
	})
	if err != nil {
		log.Fatal(err) // HTTP failures arrive here, before any event
	}
	defer stream.Close()
	for ev, err := range stream.All() {
		if err != nil {
			log.Fatal(err) // an error frame, a cut connection, a timeout...
		}
		switch ev.Kind {
		case sonzai.ChatDelta:
			fmt.Print(ev.Content)
		case sonzai.ChatMessageBoundary: // the agent starts another message
			fmt.Println()
		}
	}
	fmt.Println()
	// Output:
	// Hi! It's nice to hear from you.
	// What would you like to talk about next?
}

// Collect gathers a whole answer: text, tool calls, usage, side effects.
func ExampleChatStream_Collect() {
	defer useFake()()
	ctx := context.Background()
	client, _ := sonzai.NewClient()

	stream, err := client.Chat.Stream(ctx, agentID, sonzai.ChatParams{
		Messages: []sonzai.Message{sonzai.UserMessage("Hi!")},
	})
	if err != nil {
		log.Fatal(err)
	}
	answer, err := stream.Collect()
	if err != nil {
		log.Fatal(err) // answer still holds what arrived before the failure
	}
	fmt.Println(answer.Text != "", answer.FinishReason, answer.SessionID != "")
	// Output: true stop true
}

// Errors are typed: match a status with errors.Is, read the server's
// problem details with errors.As.
func Example_errors() {
	defer useFake()()
	ctx := context.Background()
	client, _ := sonzai.NewClient()

	_, err := client.Agents.Get(ctx, "no-such-agent")
	var apiErr *sonzai.APIError
	switch {
	case errors.Is(err, sonzai.ErrNotFound):
		fmt.Println("not found")
	case errors.Is(err, sonzai.ErrRateLimited) && errors.As(err, &apiErr):
		fmt.Println("retry after", apiErr.RetryAfter)
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Println("timed out")
	case err != nil:
		fmt.Println("failed:", err)
	}

	// Bad input is refused before anything is sent, naming the field.
	session, _ := client.Sessions.Resume(agentID, sonzai.StartParams{UserID: "user-123", SessionID: "s-1"})
	_, err = session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{{Role: sonzai.RoleTool, Content: "42"}}})
	var invalid *sonzai.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field)
	}
	// Output:
	// not found
	// TurnParams.Messages[0].ToolCallID
}
