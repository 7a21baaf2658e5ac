// Command quickstart runs the Sonzai "Pattern 1" loop end to end: open a
// session with a tool, fetch the enriched context, report a turn that
// includes a tool call and its result, wait for the background extraction,
// stream the agent's answer, close the session, and print what the mind
// layer extracted.
//
// With SONZAI_API_KEY unset it starts an embedded fake Sonzai server
// (package sonzaitest), so it runs anywhere with no account:
//
//	go run ./examples/quickstart
//
// With SONZAI_API_KEY set it talks to the real API (SONZAI_BASE_URL is
// honored). It uses SONZAI_AGENT_ID when set; otherwise it creates an agent
// and deletes it at the end.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) (err error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	client, agentID, cleanup, err := connect(ctx, out)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, cleanup()) }()

	// 1. Open a session. The handle carries the agent, user and session ids.
	session, err := client.Sessions.Start(ctx, agentID, sonzai.StartParams{
		UserID:          "user-123",
		UserDisplayName: "Alice",
		Tools: []sonzai.Tool{{
			Name:        "order-lookup",
			Description: "Look up the user's recent orders",
			Parameters:  map[string]any{"type": "object", "properties": map[string]any{"limit": map[string]any{"type": "integer"}}},
		}},
	})
	if err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	fmt.Fprintf(out, "session %s started with agent %s\n", session.ID(), agentID)

	// 2. The enriched context to put in front of your LLM call.
	enriched, err := session.Context(ctx, sonzai.ContextParams{Query: "What should we talk about?"})
	if err != nil {
		return fmt.Errorf("context: %w", err)
	}
	fmt.Fprintf(out, "context: %d layers, personality prompt %q\n", len(enriched.Layers()), short(enriched.PersonalityPrompt))

	// 3. Report the turn your LLM just had, tool call and tool result
	//    included, and ask for the next context in the same round trip.
	turn, err := session.Turn(ctx, sonzai.TurnParams{
		Messages: []sonzai.Message{
			sonzai.UserMessage("Hi, my name is Alice and I like hiking. Where did my last order ship from?"),
			sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
			sonzai.ToolResultMessage("call_1", `{"order_id":"42","origin":"Tokyo","carrier":"DHL"}`),
			sonzai.AssistantMessage("Nice to meet you, Alice! Your last order shipped from Tokyo via DHL."),
		},
		FetchNextContext: &sonzai.ContextParams{Query: "hiking"},
	})
	if err != nil {
		return fmt.Errorf("turn: %w", err)
	}
	if turn.Mood != nil {
		fmt.Fprintf(out, "turn: mood valence %+.2f affiliation %+.2f; extraction %s is %s\n",
			turn.Mood.Valence, turn.Mood.Affiliation, turn.ExtractionID, turn.ExtractionStatus)
	}
	if turn.NextContext != nil {
		fmt.Fprintf(out, "next context prefetched: %d facts recalled\n", len(turn.NextContext.LoadedFacts))
	}

	// 4. Deeper extraction runs in the background; wait for it.
	status, err := session.WaitTurn(ctx, turn.ExtractionID)
	if err != nil {
		return fmt.Errorf("wait for extraction: %w", err)
	}
	fmt.Fprintf(out, "extraction %s\n", status.State)

	// 5. Stream the agent's answer, printing it as it arrives.
	stream, err := session.Chat(ctx, sonzai.ChatParams{
		Messages: []sonzai.Message{sonzai.UserMessage("What do you remember about me?")},
	})
	if err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	fmt.Fprint(out, "agent: ")
	for ev, err := range stream.All() {
		if err != nil {
			return fmt.Errorf("chat stream: %w", err)
		}
		switch ev.Kind {
		case sonzai.ChatDelta:
			fmt.Fprint(out, ev.Content)
		case sonzai.ChatMessageBoundary:
			fmt.Fprint(out, "\nagent: ")
		}
	}
	fmt.Fprintln(out)

	// 6. Close the session; End waits for an asynchronous pipeline to finish.
	end, err := session.End(ctx, sonzai.EndParams{})
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	fmt.Fprintf(out, "session ended (async: %v)\n", end.Async)

	// 7. Read back what the mind layer extracted.
	return printExtracted(ctx, out, client, agentID, session.UserID())
}

// connect builds a client for the real API, or for an embedded fake when no
// API key is set. cleanup deletes what the run created.
func connect(ctx context.Context, out io.Writer) (*sonzai.Client, string, func() error, error) {
	noop := func() error { return nil }
	agentID := os.Getenv("SONZAI_AGENT_ID")
	if os.Getenv(sonzai.EnvAPIKey) == "" {
		fake := sonzaitest.New()
		fmt.Fprintf(out, "SONZAI_API_KEY is not set: using an embedded fake Sonzai server at %s\n", fake.URL())
		client, err := fake.Client()
		if err != nil {
			fake.Close()
			return nil, "", nil, err
		}
		if agentID == "" {
			agentID = sonzaitest.DemoAgentID
		}
		return client, agentID, func() error { fake.Close(); return nil }, nil
	}
	client, err := sonzai.NewClient()
	if err != nil {
		return nil, "", nil, err
	}
	if agentID != "" {
		return client, agentID, noop, nil
	}
	agent, err := client.Agents.Create(ctx, sonzai.AgentCreateParams{
		Name: fmt.Sprintf("sonzai-go-quickstart-%d", time.Now().Unix()),
		Bio:  "A friendly guide created by the sonzai-go quickstart.",
	})
	if err != nil {
		return nil, "", nil, fmt.Errorf("create agent: %w", err)
	}
	fmt.Fprintf(out, "created agent %s (deleted at the end)\n", agent.AgentID)
	return client, agent.AgentID, func() error {
		// Clean up even when the run's context was canceled.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := client.Agents.Delete(ctx, agent.AgentID)
		return err
	}, nil
}

func printExtracted(ctx context.Context, out io.Writer, client *sonzai.Client, agentID, userID string) error {
	hits, err := client.Memory.Search(ctx, agentID, sonzai.MemorySearchParams{Query: "hiking", UserID: userID})
	if err != nil {
		return fmt.Errorf("search memories: %w", err)
	}
	fmt.Fprintf(out, "memories matching %q: %d\n", "hiking", len(hits))
	for _, h := range hits {
		fmt.Fprintf(out, "  - %s\n", h.Content)
	}
	interests, err := client.Interests.List(ctx, agentID, sonzai.InterestListParams{UserID: userID})
	if err != nil {
		return fmt.Errorf("interests: %w", err)
	}
	topics := make([]string, 0, len(interests))
	for _, i := range interests {
		topics = append(topics, i.Topic)
	}
	fmt.Fprintf(out, "interests: %s\n", strings.Join(topics, ", "))
	mood, err := client.Mood.Get(ctx, agentID, sonzai.MoodParams{UserID: userID})
	if err != nil {
		return fmt.Errorf("mood: %w", err)
	}
	fmt.Fprintf(out, "mood: %s (valence %+.2f)\n", mood.Label, mood.Valence)
	return nil
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
