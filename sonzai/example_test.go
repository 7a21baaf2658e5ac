package sonzai_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// agentID is the agent the examples talk to: the demo agent every
// sonzaitest fake starts with.
const agentID = sonzaitest.DemoAgentID

// Build one client and share it. The key and base URL come from
// SONZAI_API_KEY and SONZAI_BASE_URL; options override them.
// It needs SONZAI_API_KEY set, so it is compiled but not run here.
func ExampleNewClient() {
	client, err := sonzai.NewClient(sonzai.WithMaxRetries(3), sonzai.WithAttemptTimeout(20*time.Second))
	if err != nil {
		log.Fatal(err) // e.g. no API key, or a malformed base URL
	}
	_ = client // share it: it is safe for concurrent use
}

// Pattern 1: open a session, fetch the context before each LLM call, report
// each turn, and close the session.
func Example_pattern1() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	session, err := client.Sessions.Start(ctx, agentID, sonzai.StartParams{UserID: "user-123", UserDisplayName: "Alice"})
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
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
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
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
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
	// Output: facts extracted: true
}

// Every read is a service named after its resource group, and takes a
// params struct when it can be narrowed; lists that page are iterators.
func Example_reads() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	mood, err := client.Mood.Get(ctx, agentID, sonzai.MoodParams{UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	goals, err := client.Goals.List(ctx, agentID, sonzai.GoalListParams{})
	if err != nil {
		log.Fatal(err)
	}
	moments, err := client.Insights.SignificantMoments(ctx, agentID, sonzai.SignificantMomentsParams{Limit: 5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("mood:", mood.Label, "goals:", len(goals), "moments:", len(moments))

	for agent, err := range client.Agents.List(ctx, sonzai.AgentListParams{PageSize: 50}) {
		if err != nil {
			log.Fatal(err) // a failed page, a repeated cursor, too many pages
		}
		fmt.Println("agent:", agent.Name)
	}
	// Output:
	// mood: cheerful goals: 2 moments: 1
	// agent: Mia
}

// Stream the agent's answer and print it as it arrives.
func ExampleChatService_Stream() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

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
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

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
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

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
	// Output: not found
}

// Bad input is refused before anything is sent, with an error naming the
// field.
func ExampleValidationError() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	session, _ := client.Sessions.Resume(agentID, sonzai.StartParams{UserID: "user-123", SessionID: "s-1"})
	_, err := session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{{Role: sonzai.RoleTool, Content: "42"}}})
	var invalid *sonzai.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field)
	}
	// Output: TurnParams.Messages[0].ToolCallID
}
