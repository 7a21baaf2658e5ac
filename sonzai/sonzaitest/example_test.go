package sonzaitest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// A fake stands in for the API in your own tests: point the code under
// test at fake.Client(), run it, and read back what the agent learned.
// In a test, sonzaitest.NewServer(t) starts the fake and closes it when
// the test ends.
func Example() {
	fake := sonzaitest.New()
	defer fake.Close()
	client, err := fake.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// The code under test: one turn of Pattern 1.
	session, err := client.Sessions.Start(ctx, sonzaitest.DemoAgentID, sonzai.StartParams{UserID: "user-1"})
	if err != nil {
		log.Fatal(err)
	}
	turn, err := session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{
		sonzai.UserMessage("I like hiking."),
		sonzai.AssistantMessage("Hiking is great!"),
	}})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := session.WaitTurn(ctx, turn.ExtractionID); err != nil {
		log.Fatal(err)
	}

	// The fake's extractor learned from the turn, as the server would.
	hits, err := client.Memory.Search(ctx, sonzaitest.DemoAgentID, sonzai.MemorySearchParams{Query: "hiking", UserID: "user-1"})
	if err != nil {
		log.Fatal(err)
	}
	for _, hit := range hits {
		fmt.Println(hit.Content)
	}
	// Output: User likes hiking
}

// Inject makes the next matching requests fail, to test how your code
// copes: an error status, a cut connection, an error frame in a stream.
func ExampleServer_Inject() {
	fake := sonzaitest.New()
	defer fake.Close()
	client, err := fake.Client(sonzai.WithRetryBackoff(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Two 503s: the client retries a read, and the third attempt succeeds.
	if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpGetMood, Status: 503, Times: 2}); err != nil {
		log.Fatal(err)
	}
	_, err = client.Mood.Get(ctx, sonzaitest.DemoAgentID, sonzai.MoodParams{})
	fmt.Println("mood read:", err, "after", fake.Requests(sonzaitest.OpGetMood), "attempts")

	// An error frame after the first piece of a chat answer.
	if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpChatWithAgent, ErrorFrame: "model overloaded"}); err != nil {
		log.Fatal(err)
	}
	stream, err := client.Chat.Stream(ctx, sonzaitest.DemoAgentID, sonzai.ChatParams{
		Messages: []sonzai.Message{sonzai.UserMessage("Hi!")},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = stream.Collect()
	var frame *sonzai.ChatStreamError
	fmt.Println("chat:", errors.As(err, &frame), frame.Message)

	// A name that is not an operation of the API is refused.
	err = fake.Inject(sonzaitest.Fault{Operation: "chatStream"})
	fmt.Println("unknown operation refused:", err != nil)
	// Output:
	// mood read: <nil> after 3 attempts
	// chat: true model overloaded
	// unknown operation refused: true
}

// Requests counts what reached the fake per operation, so a test can
// assert what the code under test sent: here, that a turn whose connection
// was cut is not sent twice (the server may have acted on it).
func ExampleServer_Requests() {
	fake := sonzaitest.New()
	defer fake.Close()
	client, err := fake.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpSubmitTurn, ResetAfter: 1}); err != nil {
		log.Fatal(err)
	}
	session, err := client.Sessions.Start(ctx, sonzaitest.DemoAgentID, sonzai.StartParams{UserID: "user-1"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("Hello")}})

	fmt.Println("turn failed:", err != nil)
	fmt.Println("turns sent:", fake.Requests(sonzaitest.OpSubmitTurn))
	fmt.Println("requests in all:", fake.Requests(sonzaitest.AnyOperation))
	// Output:
	// turn failed: true
	// turns sent: 1
	// requests in all: 2
}

// Deliver tests a webhook receiver end to end: the fake signs the event
// with the secret the registration returned and POSTs it to your
// handler, retrying on failure; every attempt is listed by
// Webhooks.ListAttempts.
func ExampleServer_Deliver() {
	fake := sonzaitest.New()
	defer fake.Close()
	client, err := fake.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Your receiving service listens on a port of its own; register it.
	receiver := httptest.NewUnstartedServer(nil)
	defer receiver.Close()
	reg, err := client.Webhooks.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{
		WebhookURL: "http://" + receiver.Listener.Addr().String() + "/webhooks",
	})
	if err != nil {
		log.Fatal(err)
	}

	// Its handler verifies with the secret the registration returned.
	verifier, err := webhook.NewVerifier([]string{string(reg.SigningSecret)})
	if err != nil {
		log.Fatal(err)
	}
	handler, err := webhook.NewHandler(verifier, func(ctx context.Context, ev *webhook.Event) error {
		fmt.Println("verified:", ev.Type, string(ev.Payload))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	receiver.Config.Handler = handler
	receiver.Start()

	// The fake delivers an event, as Sonzai would.
	if err := fake.Deliver(ctx, webhook.EventSessionEnd, []byte(`{"event_type":"session.end","session_id":"s-1"}`)); err != nil {
		log.Fatal(err)
	}
	for a, err := range client.Webhooks.ListAttempts(ctx, webhook.EventSessionEnd, sonzai.DeliveryAttemptListParams{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("attempt", a.AttemptNumber, a.Status, a.ResponseCode)
	}
	// Output:
	// verified: session.end {"event_type":"session.end","session_id":"s-1"}
	// attempt 1 success 200
}
