package webhook_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// A receiver in net/http: verify, then hand the event to your code.
func ExampleNewHandler() {
	// The signing_secret that registering the webhook returned.
	const signingSecret = "whsec_example"

	verifier, err := webhook.NewVerifier([]string{signingSecret})
	if err != nil {
		log.Fatal(err)
	}
	handler, err := webhook.NewHandler(verifier,
		func(ctx context.Context, ev *webhook.Event) error {
			switch ev.Type {
			case webhook.EventWakeupReady:
				fmt.Printf("wake-up ready: %s\n", ev.Payload)
			default:
				fmt.Printf("%s: ignored\n", ev.Type)
			}
			return nil
		},
		webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(0)),
	)
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /sonzai/webhooks", handler)

	// What Sonzai sends, simulated with Sign, as a test of your own would.
	body := `{"event_type":"on_wakeup_ready","agent_id":"agent-mia"}`
	signature := webhook.Sign(signingSecret, time.Now(), []byte(body))
	for range 2 { // the second time, a replay: answered, not handled again
		req := httptest.NewRequest(http.MethodPost, "/sonzai/webhooks", strings.NewReader(body))
		req.Header.Set(webhook.SignatureHeader, signature)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		fmt.Println("answered", rec.Code)
	}
	// Output:
	// wake-up ready: {"event_type":"on_wakeup_ready","agent_id":"agent-mia"}
	// answered 200
	// answered 200
}

// Checking a delivery yourself, when your framework hands you the body.
func ExampleVerifier_Verify() {
	verifier, err := webhook.NewVerifier([]string{"whsec_old", "whsec_new"}) // during a rotation
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`{"event_type":"on_diary_generated"}`)
	header := webhook.Sign("whsec_new", time.Now(), body)

	if _, err := verifier.Verify(body, header); err != nil {
		fmt.Println("rejected:", err)
		return
	}
	fmt.Println("verified")

	_, err = verifier.Verify([]byte(`{"event_type":"forged"}`), header)
	fmt.Println("rejected:", err)
	// Output:
	// verified
	// rejected: webhook: signature does not match
}
